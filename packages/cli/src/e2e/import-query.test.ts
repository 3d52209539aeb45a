import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sightline, sightlineJson } from './run-cli.js';

let dir: { path: string; cleanup: () => void };
let ws: string;
beforeAll(() => {
  dir = tempDir();
  ws = join(dir.path, 'ws');
});
afterAll(() => dir.cleanup());

const file = (name: string, text: string) => {
  const p = join(dir.path, name);
  writeFileSync(p, text);
  return p;
};

describe('import, tables, query, rejects, export on one workspace', () => {
  test('a messy CSV imports; the table name comes from the file name', async () => {
    const csv = file(
      'Q3 Revenue (final).csv',
      'order_id;customer;amount;ordered_at\n1;"O\'Brien";1.234,50;2026-03-01\n2;Zoë;99,00;2026-03-02\n3;"multi\nline";5,25;2026-03-03\n',
    );
    const out = await sightlineJson(['import', csv], { workspace: ws });
    expect(out).toEqual([{ table: 'q3_revenue_final', rows: 3, columns: 4, rejected: 0 }]);
    const rows = await sightlineJson(['query', 'SELECT * FROM q3_revenue_final ORDER BY order_id'], {
      workspace: ws,
    });
    expect(rows).toEqual([
      { order_id: 1, customer: "O'Brien", amount: 1234.5, ordered_at: '2026-03-01' },
      { order_id: 2, customer: 'Zoë', amount: 99, ordered_at: '2026-03-02' },
      { order_id: 3, customer: 'multi\nline', amount: 5.25, ordered_at: '2026-03-03' },
    ]);
  });

  test('tables lists table, rows, columns', async () => {
    expect(await sightlineJson(['tables'], { workspace: ws })).toEqual([
      { table: 'q3_revenue_final', rows: 3, columns: 4 },
    ]);
  });

  test('JSON values follow the spec: big integers as strings, zoned timestamps with Z, naive without', async () => {
    const rows = await sightlineJson(
      [
        'query',
        "SELECT 9007199254740993::BIGINT AS big, 42::BIGINT AS small, 1.5::DECIMAL(4,2) AS dec, TIMESTAMPTZ '2026-03-01 12:00:00+00' AS tz, TIMESTAMP '2026-03-01 12:00:00' AS naive, DATE '2026-03-01' AS d, NULL AS n, [1,2] AS l, {'a': 1} AS s",
      ],
      { workspace: ws, env: { TZ: 'America/New_York' } },
    );
    expect(rows).toEqual([
      {
        big: '9007199254740993',
        small: 42,
        dec: 1.5,
        tz: '2026-03-01T12:00:00Z',
        naive: '2026-03-01T12:00:00',
        d: '2026-03-01',
        n: null,
        l: [1, 2],
        s: { a: 1 },
      },
    ]);
  });

  test('ndjson is the default when stdout is not a terminal; csv on request', async () => {
    const nd = await sightline(['query', 'SELECT 1 AS a UNION ALL SELECT 2 ORDER BY a'], { workspace: ws });
    expect(nd.stdout).toBe('{"a":1}\n{"a":2}\n');
    const csv = await sightline(['query', "SELECT 1 AS a, 'x,y' AS b", '--format', 'csv'], { workspace: ws });
    expect(csv.stdout).toBe('a,b\n1,"x,y"\n');
  });

  test('files can be named directly in FROM', async () => {
    const p = file('direct.csv', 'a,b\n1,x\n2,y\n');
    expect(await sightlineJson(['query', `SELECT sum(a) AS s FROM '${p}'`], { workspace: ws })).toEqual([
      { s: 3 },
    ]);
  });

  test('bad SQL exits 1 with the engine message in plain words and a did-you-mean hint', async () => {
    const r = await sightline(['query', 'SELECT custmer FROM q3_revenue_final'], { workspace: ws });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*custmer.*\n/);
    expect(r.stderr).toMatch(/hint: .*customer/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  test('rows that do not fit are rejected with line numbers, reported, and kept for `rejects`', async () => {
    const lines = ['id,amount'];
    for (let i = 1; i <= 30; i++)
      lines.push(i === 7 ? '7,70,extra' : i === 9 ? '9,oops' : i === 12 ? '12,N/A' : `${i},${i * 10}`);
    const p = file('orders.csv', `${lines.join('\n')}\n`);
    const r = await sightline(['import', p, '--type', 'amount=BIGINT', '--format', 'json'], {
      workspace: ws,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ table: 'orders', rows: 27, columns: 2, rejected: 3 }]);
    expect(r.stderr).toContain(`3 rows didn't fit and were rejected from "orders" (the header is line 1):`);
    expect(r.stderr).toContain(`${p} line 8: expected 2 fields, found 3`);
    expect(r.stderr).toContain(
      `${p} line 10, column "amount": "oops" can't be read as a whole number (BIGINT)`,
    );
    const rejects = await sightlineJson(['rejects', 'orders'], { workspace: ws });
    expect(rejects).toEqual([
      { file: p, line: 8, column: null, reason: 'expected 2 fields, found 3', raw: '7,70,extra' },
      { file: p, line: 10, column: 'amount', reason: expect.stringContaining('"oops"'), raw: '9,oops' },
      { file: p, line: 13, column: 'amount', reason: expect.stringContaining('"N/A"'), raw: '12,N/A' },
    ]);
  });

  test('"N/A" and "-" in a number column are read as empty, with a warning', async () => {
    const p = file('scores.csv', 'id,score\n1,10\n2,N/A\n3,-\n4,40\n');
    const r = await sightline(['import', p, '--format', 'json'], { workspace: ws });
    expect(JSON.parse(r.stdout)).toEqual([{ table: 'scores', rows: 4, columns: 2, rejected: 0 }]);
    expect(r.stderr).toContain('warning: Column "score" holds whole numbers;');
    expect(
      await sightlineJson(['query', 'SELECT sum(score) AS s, count(score) AS n FROM scores'], {
        workspace: ws,
      }),
    ).toEqual([{ s: 50, n: 2 }]);
  });

  test('beyond --max-rejects the import fails with exit 1, names the first bad lines, and creates nothing', async () => {
    const p = file('bad.csv', 'id,amount\n1,10\n2,20,x\n3,30,y\n4,40\n');
    const r = await sightline(['import', p, '--max-rejects', '1'], { workspace: ws });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(
      `error: Import of "${p}" stopped: 2 of 4 rows don't fit, more than the 1 allowed (first bad lines: 3, 4). Nothing was imported.`,
    );
    const tables = (await sightlineJson(['tables'], { workspace: ws })) as { table: string }[];
    expect(tables.map((t) => t.table)).not.toContain('bad');
  });

  test('a 0-byte file fails with exit 1 saying the file is empty', async () => {
    const p = file('empty.csv', '');
    const r = await sightline(['import', p], { workspace: ws });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*empty/);
  });

  test('a missing file fails with exit 1 and names it', async () => {
    const r = await sightline(['import', join(dir.path, 'nope.csv')], { workspace: ws });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*nope\.csv/);
  });

  test.each(['csv', 'parquet', 'json', 'xlsx'])('export to %s writes a file that reads back', async (ext) => {
    const to = join(dir.path, `out.${ext}`);
    const out = await sightlineJson(['export', 'q3_revenue_final', '--to', to], { workspace: ws });
    expect(out).toEqual([{ path: to, format: ext, rows: 3 }]);
    expect(existsSync(to) && statSync(to).size > 0).toBe(true);
    if (ext !== 'xlsx') {
      const back = await sightlineJson(['query', `SELECT count(*) AS n FROM '${to}'`], { workspace: ws });
      expect(back).toEqual([{ n: 3 }]);
    } else {
      const back = await sightlineJson(['import', to, '--as', 'from_xlsx'], { workspace: ws });
      expect(back).toEqual([{ table: 'from_xlsx', rows: 3, columns: 4, rejected: 0 }]);
    }
  });
});
