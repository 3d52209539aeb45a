import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './duck.js';
import { importFiles } from './import-files.js';
import { importFixture, snapshot } from './test-support.js';

let fx: Awaited<ReturnType<typeof importFixture>>;
beforeAll(async () => {
  fx = await importFixture();
});
afterAll(() => fx.close());

const file = (name: string, content: string) => {
  const p = join(fx.dir, name);
  writeFileSync(p, content);
  return p;
};
const run = (paths: string[], extra: Record<string, unknown> = {}) =>
  importFiles(fx.conn, { paths, ...extra }, { scratchDir: fx.scratchDir });

describe('JSON import', () => {
  it('reads an array of objects and keeps nested objects as STRUCT and LIST', async () => {
    const [o] = await run([
      file(
        'orders.json',
        '[{"id":1,"customer":{"name":"Ann","tags":["a","b"]}},{"id":2,"customer":{"name":"Bo","tags":[]}}]',
      ),
    ]);
    expect(o).toMatchObject({ table: 'orders', rows: 2, columns: 2, detected: { format: 'json' } });
    expect(o!.detected.types).toEqual({ id: 'BIGINT', customer: 'STRUCT("name" VARCHAR, tags VARCHAR[])' });
    expect(await queryRows(fx.conn, 'SELECT customer.name AS n FROM orders ORDER BY id')).toEqual([
      { n: 'Ann' },
      { n: 'Bo' },
    ]);
  });

  it('flattens nested objects into parent_child columns', async () => {
    const [o] = await run(
      [
        file(
          'flat.ndjson',
          '{"id":1,"geo":{"city":"Oslo","pos":{"lat":59.9}}}\n{"id":2,"geo":{"city":"Rome","pos":{"lat":41.9}}}\n',
        ),
      ],
      {
        flatten: true,
      },
    );
    expect(o!.detected.types).toEqual({ id: 'BIGINT', geo_city: 'VARCHAR', geo_pos_lat: 'DOUBLE' });
    expect(await queryRows(fx.conn, 'SELECT geo_city, geo_pos_lat FROM flat ORDER BY id')).toEqual([
      { geo_city: 'Oslo', geo_pos_lat: 59.9 },
      { geo_city: 'Rome', geo_pos_lat: 41.9 },
    ]);
  });

  it('types NDJSON over the whole file, not a sample', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) =>
      JSON.stringify({ id: i, v: i === 29_999 ? 'text' : i }),
    );
    const [o] = await run([file('wide.ndjson', `${lines.join('\n')}\n`)]);
    expect(o).toMatchObject({ rows: 30_000 });
    // Numbers and text in one field: DuckDB's JSON type keeps every value as written.
    expect(o!.detected.types.v).toBe('JSON');
    expect(
      await queryRows(fx.conn, 'SELECT v::VARCHAR AS v FROM wide WHERE id IN (1, 29999) ORDER BY id'),
    ).toEqual([{ v: '1' }, { v: '"text"' }]);
  });

  it('points at the line and column of malformed JSON and creates nothing', async () => {
    const before = await snapshot(fx.conn);
    const p = file('broken.ndjson', '{"a":1}\n{"a": }\n{"a":3}\n');
    await expect(run([p])).rejects.toThrow(
      `"${p}" isn't valid JSON at line 2, column 7: unexpected character "}".`,
    );
    const arr = file('broken.json', '[{"a":1},\n {"a":2}\n');
    await expect(run([arr])).rejects.toThrow(
      `"${arr}" isn't valid JSON at line 3, column 1: the text ends before the closing "]".`,
    );
    expect(await snapshot(fx.conn)).toEqual(before);
  });
});
