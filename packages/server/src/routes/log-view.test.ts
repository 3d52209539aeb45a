import { afterAll, beforeAll, expect, it } from 'vitest';
import { body, type TestServer, testServer } from '../test-support.js';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
  // 1,200 nginx-like requests, one a minute from 2026-10-30 00:00 UTC; 503s on /api/pay from 06:00 to 06:59.
  await s.workspace.engine.query(`CREATE TABLE access_log AS
    SELECT TIMESTAMPTZ '2026-10-30 00:00:00+00' + to_minutes(i) AS ts,
      CASE WHEN i % 4 = 0 THEN 'POST' ELSE 'GET' END AS method,
      CASE WHEN i BETWEEN 360 AND 419 THEN '/api/pay' ELSE '/api/items/' || (i % 50) END AS path,
      CAST(CASE WHEN i BETWEEN 360 AND 419 THEN 503 WHEN i % 10 = 0 THEN 404 ELSE 200 END AS INTEGER) AS status,
      'host-' || (i % 3) AS host
    FROM range(1200) t(i)`);
});
afterAll(async () => s.close());

const post = async <T>(path: string, json: unknown) => {
  const res = await s.call(path, { json });
  return { status: res.status, body: await body<T>(res) };
};

it('detects the roles of a log table and says why', async () => {
  const r = await post<{ roles: Record<string, unknown>; looksLikeLog: boolean; reasons: string[] }>(
    '/api/logs/roles',
    { table: 'access_log' },
  );
  expect(r.status).toBe(200);
  expect(r.body.looksLikeLog).toBe(true);
  expect(r.body.roles).toEqual({
    time: { column: 'ts', kind: 'timestamptz' },
    severity: { column: 'status', kind: 'http_status' },
    message: ['method', 'path'],
    facets: ['status', 'host', 'method', 'path'],
  });
});

it('timeline, facets, rows, patterns and SQL agree on one brushed, filtered view', async () => {
  const view = {
    table: 'access_log',
    range: { from: '2026-10-30T05:00:00Z', to: '2026-10-30T08:00:00Z' },
    filters: [{ column: 'host', values: ['host-0', 'host-1'] }],
    search: 'status:5*',
  };
  const truth = await s.workspace.engine.query(`SELECT count(*) AS n FROM access_log
    WHERE ts >= '2026-10-30 05:00:00+00' AND ts < '2026-10-30 08:00:00+00' AND host IN ('host-0', 'host-1')
      AND status BETWEEN 500 AND 599`);
  const n = Number(truth.rows[0]?.n);
  expect(n).toBe(40);

  const tl = await post<{ total: number; errors: number; interval: { label: string }; buckets: unknown[] }>(
    '/api/logs/timeline',
    view,
  );
  expect(tl.status).toBe(200);
  expect([tl.body.total, tl.body.errors, tl.body.interval.label, tl.body.buckets.length]).toEqual([
    n,
    n,
    '2m',
    90,
  ]);

  const facets = await post<{ facets: { column: string; values: { value: unknown; count: number }[] }[] }>(
    '/api/logs/facets',
    { ...view, top: 5 },
  );
  expect(facets.body.facets.find((f) => f.column === 'host')?.values).toEqual([
    { value: 'host-0', count: 20 },
    { value: 'host-1', count: 20 },
    { value: 'host-2', count: 20 },
  ]);

  const rows = await post<{ rows: { ts: string; status: number }[]; more: boolean }>('/api/logs/rows', {
    ...view,
    limit: 25,
  });
  expect(rows.body.rows).toHaveLength(25);
  expect(rows.body.more).toBe(true);
  expect(rows.body.rows[0]).toMatchObject({ ts: '2026-10-30T06:58:00Z', status: 503 });

  const patterns = await post<{ patterns: { template: string; count: number; series: number[] }[] }>(
    '/api/logs/patterns',
    view,
  );
  expect(patterns.body.patterns.map((p) => [p.template, p.count])).toEqual([
    ['GET /api/pay', 30],
    ['POST /api/pay', 10],
  ]);
  expect(patterns.body.patterns[0]?.series).toHaveLength(90);

  const sql = await post<{ sql: string }>('/api/logs/sql', view);
  expect(sql.body.sql).toMatch(/^SELECT \*/);
  expect((await s.workspace.engine.query(sql.body.sql)).rowCount).toBe(n);

  const one = await post<{ total: number }>('/api/logs/timeline', { ...view, pattern: 'POST /api/pay' });
  expect(one.body.total).toBe(10);
});

it('mistakes answer in the one error shape, naming the problem', async () => {
  const table = await post<{ error: { message: string; hints: string[] } }>('/api/logs/roles', {
    table: 'acces_log',
  });
  expect(table.status).toBe(400);
  expect(table.body.error.message).toBe('There is no table named "acces_log" in this workspace.');
  expect(table.body.error.hints).toEqual(['Did you mean "access_log"?']);

  const interval = await post<{ error: { message: string } }>('/api/logs/timeline', {
    table: 'access_log',
    interval: 'fortnight',
  });
  expect(interval.status).toBe(400);
  expect(interval.body.error.message).toBe('"fortnight" is not a timeline interval.');

  const bad = await post<{ error: { code: string } }>('/api/logs/rows', { table: 'access_log', limit: 0 });
  expect([bad.status, bad.body.error.code]).toEqual([400, 'bad_request']);
});
