import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, type TestServer, testServer } from '../test-support.js';

/** One decoded line of the events stream, loosely typed for assertions. */
interface Ev {
  columns?: unknown;
  rows?: unknown[];
  done?: { rowCount: number; elapsedMs: number };
  error?: { code: string; message: string };
}

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
});
afterAll(async () => s.close());

async function lines(res: Response): Promise<unknown[]> {
  const text = await res.text();
  return text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);
}

describe('POST /api/query', () => {
  it('streams columns, row batches and a done line as NDJSON events', async () => {
    const res = await s.call('/api/query', { json: { sql: 'SELECT range AS n FROM range(3000)' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const events = (await lines(res)) as Ev[];
    expect(events[0]).toEqual({ columns: [{ name: 'n', type: 'BIGINT' }] });
    const rows = events.slice(1, -1).flatMap((e) => (e.rows ?? []) as { n: number }[]);
    expect(rows.length).toBe(3000);
    expect(rows[0]).toEqual({ n: 0 });
    expect(rows[2999]).toEqual({ n: 2999 });
    expect(events.length).toBeGreaterThan(3);
    const last = events.at(-1)!;
    expect(last.done?.rowCount).toBe(3000);
    expect(typeof last.done?.elapsedMs).toBe('number');
  });

  it('binds params and answers one JSON object with format json', async () => {
    const res = await s.call('/api/query', {
      json: {
        sql: 'SELECT $1::VARCHAR AS who, $2::INTEGER + 1 AS n',
        params: ["O'Brien; DROP TABLE x", 41],
        format: 'json',
      },
    });
    expect(res.status).toBe(200);
    const out = await body<Record<string, unknown>>(res);
    expect(out).toEqual({
      columns: [
        { name: 'who', type: 'VARCHAR' },
        { name: 'n', type: 'INTEGER' },
      ],
      rows: [{ who: "O'Brien; DROP TABLE x", n: 42 }],
      rowCount: 1,
      truncated: false,
      elapsedMs: out.elapsedMs,
    });
  });

  it('answers a query that fails at once with a status and the error shape', async () => {
    const res = await s.call('/api/query', { json: { sql: 'SELECT * FROM missing_table' } });
    expect(res.status).toBe(400);
    const err = (await body(res)).error;
    expect(err.code).toBe('query_error');
    expect(err.message).toBe('Table "missing_table" doesn\'t exist in this workspace (line 1, col 15).');
  });

  // DuckDB's streamed results end like finished ones when they fail part-way, so the engine materializes
  // results: a failure at row 500,000 is an error, never 500,000 rows that look complete.
  it('answers a query that fails part-way with the error, not with the rows before it', async () => {
    const sql =
      "SELECT CASE WHEN range < 500000 THEN range ELSE error('boom at 500000') END AS v FROM range(1000000)";
    const res = await s.call('/api/query', { json: { sql } });
    expect(res.status).toBe(400);
    const err = (await body(res)).error;
    expect(err.code).toBe('query_error');
    expect(err.message).toContain('boom at 500000');
  });

  it('maxRows truncates with format json', async () => {
    const res = await s.call('/api/query', {
      json: { sql: 'SELECT * FROM range(10)', format: 'json', maxRows: 3 },
    });
    const out = await body<{ rowCount: number; truncated: boolean }>(res);
    expect([out.rowCount, out.truncated]).toEqual([3, true]);
  });
});
