import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryStatus } from '../query-registry.js';
import { body, type TestServer, testServer } from '../test-support.js';

// Runs for many seconds unless stopped; a range scan, so an interrupt lands quickly.
const SLOW = 'SELECT count(*) AS n FROM range(3000000000) a WHERE hash(a.range) % 1000003 = 7';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
});
afterAll(async () => s.close());

async function start(sql: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await s.call('/api/queries', { json: { sql, ...extra } });
  expect(res.status).toBe(202);
  return (await body<{ id: string }>(res)).id;
}

async function waitFor(id: string, done: (st: QueryStatus) => boolean): Promise<QueryStatus> {
  for (let i = 0; i < 400; i++) {
    const st = await body<QueryStatus>(await s.call(`/api/queries/${id}`));
    if (done(st)) return st;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`query ${id} did not settle`);
}

describe('query lifecycle', () => {
  it('starts a query, reports it done with columns and row count, and pages its rows', async () => {
    const id = await start('SELECT range AS n, range * 2 AS twice FROM range(250)');
    const st = await waitFor(id, (x) => x.state !== 'running');
    expect(st).toEqual({
      id,
      state: 'done',
      progress: 100,
      elapsedMs: st.elapsedMs,
      columns: [
        { name: 'n', type: 'BIGINT' },
        { name: 'twice', type: 'BIGINT' },
      ],
      rowCount: 250,
    });
    expect(st.elapsedMs).toBeGreaterThanOrEqual(0);
    const page = await s.call(`/api/queries/${id}/rows?offset=240&limit=3`);
    expect(await body(page)).toEqual({
      columns: st.columns,
      rowCount: 250,
      offset: 240,
      rows: [
        { n: 240, twice: 480 },
        { n: 241, twice: 482 },
        { n: 242, twice: 484 },
      ],
    });
    const past = await body<{ rows: unknown[] }>(
      await s.call(`/api/queries/${id}/rows?offset=249&limit=100`),
    );
    expect(past.rows).toEqual([{ n: 249, twice: 498 }]);
  });

  it('keeps values JSON-safe (big integers as strings, zoned timestamps)', async () => {
    const id = await start(
      "SELECT 9007199254740993::BIGINT AS big, TIMESTAMPTZ '2026-03-01 12:00:00+00' AS at, NULL AS nothing",
    );
    await waitFor(id, (x) => x.state === 'done');
    const page = await body<{ rows: unknown[] }>(await s.call(`/api/queries/${id}/rows`));
    expect(page.rows).toEqual([{ big: '9007199254740993', at: '2026-03-01T12:00:00Z', nothing: null }]);
  });

  it('reports a failed query with the error shape, its position and candidates', async () => {
    await s.workspace.engine.query('CREATE TABLE sales (revenue INTEGER)');
    const id = await start('SELECT revenu FROM sales');
    const st = await waitFor(id, (x) => x.state !== 'running');
    expect(st.state).toBe('error');
    expect(st.error).toMatchObject({
      code: 'query_error',
      message: 'Column "revenu" doesn\'t exist in sales (line 1, col 8).',
      position: { line: 1, column: 8, offset: 7 },
      candidates: ['revenue'],
      lesson: { kind: 'unknown-column', lesson: 'select-where' },
    });
    expect(st.error?.hints.at(-1)).toBe('Did you mean "revenue"?');
    const rows = await s.call(`/api/queries/${id}/rows`);
    expect(rows.status).toBe(409);
    expect((await body(rows)).error.message).toBe('The query failed, so it has no rows.');
  });

  it('cancels a running query: state cancelled, progress and elapsed time reported', async () => {
    const id = await start(SLOW);
    const running = await body<QueryStatus>(await s.call(`/api/queries/${id}`));
    expect(running.state).toBe('running');
    expect(running.progress === null || (running.progress >= 0 && running.progress <= 100)).toBe(true);
    const early = await s.call(`/api/queries/${id}/rows`);
    expect(early.status).toBe(409);
    expect((await body(early)).error.message).toBe('The query is still running, so it has no rows yet.');
    const res = await s.call(`/api/queries/${id}/cancel`, { method: 'POST' });
    expect(res.status).toBe(200);
    const st = await waitFor(id, (x) => x.state !== 'running');
    expect(st.state).toBe('cancelled');
    expect(st.error).toEqual({ code: 'query_error', message: 'The query was cancelled.', hints: [] });
    const rows = await s.call(`/api/queries/${id}/rows`);
    expect(rows.status).toBe(409);
    expect((await body(rows)).error.message).toBe('The query was cancelled, so it has no rows.');
  });

  it('stops a query at its timeout (an error, not a cancel)', async () => {
    const id = await start(SLOW, { timeoutMs: 100 });
    const st = await waitFor(id, (x) => x.state !== 'running');
    expect(st.state).toBe('error');
    expect(st.error?.message).toBe('The query took longer than 100 ms and was stopped.');
  });

  it('leaves a finished query done when cancelled late', async () => {
    const id = await start('SELECT 1 AS one');
    await waitFor(id, (x) => x.state === 'done');
    const st = await body<QueryStatus>(await s.call(`/api/queries/${id}/cancel`, { method: 'POST' }));
    expect(st.state).toBe('done');
  });

  it('drops a query on DELETE and answers 404 for unknown ids', async () => {
    const id = await start('SELECT 1 AS one');
    await waitFor(id, (x) => x.state === 'done');
    expect((await s.call(`/api/queries/${id}`, { method: 'DELETE' })).status).toBe(200);
    const gone = await s.call(`/api/queries/${id}`);
    expect(gone.status).toBe(404);
    expect((await body(gone)).error.message).toBe(`There is no query with id "${id}".`);
    expect((await s.call('/api/queries/nope/rows')).status).toBe(404);
    expect((await s.call('/api/queries/nope/cancel', { method: 'POST' })).status).toBe(404);
  });

  it('rejects bad paging values', async () => {
    const id = await start('SELECT 1 AS one');
    await waitFor(id, (x) => x.state === 'done');
    expect((await s.call(`/api/queries/${id}/rows?limit=-1`)).status).toBe(400);
    expect((await s.call(`/api/queries/${id}/rows?offset=abc`)).status).toBe(400);
    expect((await s.call(`/api/queries/${id}/rows?limit=10001`)).status).toBe(400);
  });
});
