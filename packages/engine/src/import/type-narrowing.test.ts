import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeQuery, queryRows } from './duck.js';
import { interpretations, narrowTextColumn } from './type-narrowing.js';

let instance: DuckDBInstance;
let conn: Awaited<ReturnType<DuckDBInstance['connect']>>;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

async function narrow(values: (string | null)[], european = false) {
  await conn.run('CREATE OR REPLACE TABLE t (v VARCHAR)');
  for (const v of values) await conn.run('INSERT INTO t VALUES ($1)', [v]);
  const narrowed = await narrowTextColumn(conn, 't', 'v', interpretations(european));
  const picked = narrowed?.interpretation;
  const [col] = await describeQuery(conn, 'SELECT * FROM t');
  const rows = await queryRows(conn, 'SELECT v FROM t');
  return {
    picked: picked?.numberFormat ?? picked?.type ?? null,
    type: col!.type,
    values: rows.map((r) => r.v),
  };
}

describe('narrowTextColumn', () => {
  it('finds integers, decimals and ISO dates, and leaves text and leading zeros alone', async () => {
    expect(await narrow([null, '12', '-3'])).toEqual({
      picked: 'BIGINT',
      type: 'BIGINT',
      values: [null, '12', '-3'],
    });
    expect(await narrow(['1', '12.5', '1e3'])).toEqual({
      picked: 'DOUBLE',
      type: 'DOUBLE',
      values: [1, 12.5, 1000],
    });
    expect(await narrow(['2024-02-29', null])).toEqual({
      picked: 'DATE',
      type: 'DATE',
      values: ['2024-02-29', null],
    });
    expect((await narrow(['2024-02-29 10:00:00', '2024-03-01T11:30'])).type).toBe('TIMESTAMP');
    expect((await narrow(['00123', '4'])).type).toBe('VARCHAR');
    expect((await narrow(['12', 'n/a', 'twelve'])).type).toBe('VARCHAR');
    expect((await narrow([null, null])).picked).toBeNull();
  });

  it('reads "N/A", "-", "null" and friends as empty in an otherwise typed column, and counts them', async () => {
    expect(await narrow(['12', 'n/a', ' N/A ', '-', '7'])).toEqual({
      picked: 'BIGINT',
      type: 'BIGINT',
      values: ['12', null, null, null, '7'],
    });
    await conn.run(
      "CREATE OR REPLACE TABLE t AS SELECT * FROM (VALUES ('1.5'), ('N/A'), ('N/A'), ('-')) v(v)",
    );
    expect((await narrowTextColumn(conn, 't', 'v', interpretations(false)))?.nullMarkers).toEqual({
      'N/A': 2,
      '-': 1,
    });
    expect((await narrow(['N/A', '-'])).type).toBe('VARCHAR');
  });

  it('reads decimal commas and thousands separators', async () => {
    expect(await narrow(['1.234,56', '2,5', '-1.000.000,25'], true)).toEqual({
      picked: 'decimal comma, thousands separator "."',
      type: 'DOUBLE',
      values: [1234.56, 2.5, -1000000.25],
    });
    expect(await narrow(['1,234.5', '12,345', '7'])).toEqual({
      picked: 'thousands separator ","',
      type: 'DOUBLE',
      values: [1234.5, 12345, 7],
    });
  });

  it('reads slashed dates, preferring day/month in European files only when both fit', async () => {
    expect((await narrow(['03/04/2024', '13/04/2024'])).values).toEqual(['2024-04-03', '2024-04-13']);
    expect((await narrow(['03/04/2024'])).values).toEqual(['2024-03-04']);
    expect((await narrow(['03/04/2024'], true)).values).toEqual(['2024-04-03']);
  });

  it('confirms over the whole column, not only the first 20,000 values', async () => {
    await conn.run(
      "CREATE OR REPLACE TABLE t AS SELECT CASE WHEN i = 30000 THEN 'x' ELSE i::VARCHAR END AS v FROM range(1, 30001) r(i)",
    );
    expect(await narrowTextColumn(conn, 't', 'v', interpretations(false))).toBeNull();
    const [col] = await describeQuery(conn, 'SELECT * FROM t');
    expect(col!.type).toBe('VARCHAR');
  });
});
