import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quoteString } from '@sightline/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './duck.js';
import { importFiles } from './import-files.js';
import { importFixture } from './test-support.js';

let fx: Awaited<ReturnType<typeof importFixture>>;
beforeAll(async () => {
  fx = await importFixture();
});
afterAll(() => fx.close());

const writeParquet = async (path: string, sql: string) => {
  await fx.conn.run(`COPY (${sql}) TO ${quoteString(path)} (FORMAT parquet)`);
  return path;
};

describe('Parquet import', () => {
  it('keeps the file types, including timestamps with time zone and big integers', async () => {
    const p = await writeParquet(
      join(fx.dir, 'Events 2024.parquet'),
      "SELECT 9007199254740993::BIGINT AS id, TIMESTAMPTZ '2026-03-01 12:00:00+00' AS at, 1.5::DECIMAL(10,2) AS price",
    );
    const [o] = await importFiles(fx.conn, { paths: [p] }, { scratchDir: fx.scratchDir });
    expect(o).toMatchObject({ table: 'events_2024', rows: 1, columns: 3, detected: { format: 'parquet' } });
    expect(o!.detected.types).toEqual({
      id: 'BIGINT',
      at: 'TIMESTAMP WITH TIME ZONE',
      price: 'DECIMAL(10,2)',
    });
    expect(await queryRows(fx.conn, 'SELECT id::VARCHAR AS id FROM events_2024')).toEqual([
      { id: '9007199254740993' },
    ]);
  });

  it('reads a folder of Parquet files into one table and rejects a file that is not Parquet', async () => {
    mkdirSync(join(fx.dir, 'pq'));
    const a = await writeParquet(join(fx.dir, 'pq', 'a.parquet'), 'SELECT 1 AS n');
    const b = await writeParquet(join(fx.dir, 'pq', 'b.parquet'), 'SELECT 2 AS n');
    const [o] = await importFiles(fx.conn, { paths: [join(fx.dir, 'pq')] }, { scratchDir: fx.scratchDir });
    expect(await queryRows(fx.conn, 'SELECT n, source_file FROM pq ORDER BY n')).toEqual([
      { n: 1, source_file: a },
      { n: 2, source_file: b },
    ]);
    expect(o!.rows).toBe(2);
    const fake = join(fx.dir, 'fake.parquet');
    writeFileSync(fake, 'not parquet at all');
    await expect(importFiles(fx.conn, { paths: [fake] }, { scratchDir: fx.scratchDir })).rejects.toThrow(
      `"${fake}" can't be read as a Parquet file:`,
    );
  });
});
