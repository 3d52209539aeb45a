// RowTable: rows gathered into chunks of 2048 reach the table exactly once, typed as the columns say.
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test } from 'vitest';
import { RowTable } from './row-table.js';

test('every row lands once across chunk boundaries; a number that is no 32-bit integer is NULL', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const table = await RowTable.create(
      conn,
      'staged',
      [
        { name: 'n', type: 'INTEGER' },
        { name: 'big', type: 'BIGINT' },
        { name: 'doc', type: 'JSON' },
        { name: 'ts', type: 'TIMESTAMPTZ' },
      ],
      true,
    );
    for (let i = 0; i < 5000; i++) {
      const n = i === 4999 ? 2 ** 40 : i === 4998 ? 1.5 : i;
      table.append([
        n,
        2 ** 40 + i,
        i % 2 ? JSON.stringify({ i }) : null,
        1_767_225_600_000_000 + i,
        'a.log',
      ]);
    }
    expect(table.rows).toBe(5000);
    table.close();
    const reader = await conn.runAndReadAll(
      `SELECT count(*)::INTEGER AS rows, count(n)::INTEGER AS ns, sum(n)::BIGINT AS n_sum, min(big) = 2^40 AS big_ok,
              count(doc)::INTEGER AS docs, any_value(typeof(doc)) AS doc_type, min(ts) AS first_ts,
              count(DISTINCT source_file)::INTEGER AS files
       FROM staged`,
    );
    expect(reader.getRowObjectsJson()[0]).toEqual({
      rows: 5000,
      ns: 4998,
      n_sum: String((4997 * 4998) / 2),
      big_ok: true,
      docs: 2500,
      doc_type: 'JSON',
      first_ts: '2026-01-01 00:00:00+00',
      files: 1,
    });
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
});
