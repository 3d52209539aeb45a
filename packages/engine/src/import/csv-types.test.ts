import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './duck.js';
import { importFiles } from './import-files.js';
import { importFixture } from './test-support.js';

let fx: Awaited<ReturnType<typeof importFixture>>;
beforeAll(async () => {
  fx = await importFixture();
});
afterAll(() => fx.close());

/** 60,000 rows: DuckDB's sniffer only samples the first ~20,000. */
function bigCsv(name: string, row: (i: number) => string, header: string) {
  const lines = [header];
  for (let i = 1; i <= 60_000; i++) lines.push(row(i));
  const p = join(fx.dir, name);
  writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
}

describe('types hold for the whole file', () => {
  it('types a column whose first value is at row 35,000, and widens integers that turn decimal at row 50,000', async () => {
    const p = bigCsv(
      'late.csv',
      (i) =>
        `${i},${i >= 35_000 ? i * 2 : ''},${i === 50_000 ? '12.5' : String(i % 7)},${i === 55_000 ? 'unknown' : '2024-01-02'}`,
      'id,late,amount,day',
    );
    const [o] = await importFiles(fx.conn, { paths: [p] }, { scratchDir: fx.scratchDir });
    expect(o).toMatchObject({ rows: 60_000, rejected: 0 });
    expect(o!.detected.types).toEqual({ id: 'BIGINT', late: 'BIGINT', amount: 'DOUBLE', day: 'VARCHAR' });
    expect(o!.warnings).toEqual([
      'Column "amount" looked like whole numbers in the first rows but not further down; it was read as DOUBLE.',
      'Column "day" has text further down the file, so it was read as text (VARCHAR).',
    ]);
    expect(
      await queryRows(
        fx.conn,
        'SELECT late, amount, day FROM late WHERE id IN (1, 50000, 55000) ORDER BY id',
      ),
    ).toEqual([
      { late: null, amount: 1, day: '2024-01-02' },
      { late: '100000', amount: 12.5, day: '2024-01-02' },
      { late: '110000', amount: 1, day: 'unknown' },
    ]);
  });

  it('keeps a clean integer column BIGINT without extra passes changing values', async () => {
    const p = bigCsv('clean.csv', (i) => `${i},${i % 3 === 0 ? 'a' : 'b'}`, 'id,k');
    const [o] = await importFiles(fx.conn, { paths: [p] }, { scratchDir: fx.scratchDir });
    expect(o!.detected.types).toEqual({ id: 'BIGINT', k: 'VARCHAR' });
    expect(o!.warnings).toEqual([]);
    expect(await queryRows(fx.conn, 'SELECT sum(id) AS s FROM clean')).toEqual([{ s: '1800030000' }]);
  });
});
