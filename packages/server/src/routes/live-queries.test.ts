import { openConnection } from '@sightline/engine';
import { type PgCluster, startPostgres } from '@sightline/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { QueryStatus } from '../query-registry.js';
import { body, type TestServer, testServer } from '../test-support.js';

let s: TestServer;
let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPostgres();
  const client = await openConnection({ kind: 'postgres', url: cluster.url });
  await client.query(`CREATE TABLE orders (id int, plan text, amount numeric(10,2));
    INSERT INTO orders SELECT g, CASE WHEN g % 3 = 0 THEN 'pro' ELSE 'free' END, g * 1.5 FROM generate_series(1, 1000) g;
    CREATE SCHEMA sales; CREATE TABLE sales."Big Deals" ("Deal ID" bigint, closed_at timestamptz);`);
  await client.close();
  s = await testServer();
  const config = s.workspace.readConfig();
  config.connections.warehouse = { kind: 'postgres', url: cluster.url };
  s.workspace.writeConfig(config);
}, 60_000);
afterAll(async () => {
  await s?.close();
  await cluster?.stop();
});

async function settle(id: string): Promise<QueryStatus> {
  for (;;) {
    const st = await body<QueryStatus>(await s.call(`/api/queries/${id}`));
    if (st.state !== 'running') return st;
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('runs SQL on a live connection (pushed down) and pages its rows like a workspace query', async () => {
  const started = await s.call('/api/queries', {
    json: {
      sql: 'SELECT plan, count(*)::int AS n, sum(amount) AS total FROM orders GROUP BY plan ORDER BY plan',
      on: 'warehouse',
    },
  });
  expect(started.status).toBe(202);
  const { id } = await body<{ id: string }>(started);
  const st = await settle(id);
  expect(st).toMatchObject({ state: 'done', rowCount: 2, on: 'warehouse' });
  expect(st.truncated).toBeUndefined();
  const page = await body<{ rows: unknown[] }>(await s.call(`/api/queries/${id}/rows?offset=0&limit=10`));
  expect(page.rows).toEqual([
    { plan: 'free', n: 667, total: expect.any(Number) },
    { plan: 'pro', n: 333, total: expect.any(Number) },
  ]);
  // PostgreSQL's own arithmetic, checked independently: sum of g*1.5 for g % 3 = 0, g <= 1000.
  const proTotal = Array.from({ length: 1000 }, (_, i) => i + 1)
    .filter((g) => g % 3 === 0)
    .reduce((a, g) => a + g * 1.5, 0);
  expect((page.rows[1] as { total: number }).total).toBe(proTotal);
});

it('keeps only the first rows of a huge live result and says so', async () => {
  const { id } = await body<{ id: string }>(
    await s.call('/api/queries', {
      json: { sql: 'SELECT g FROM generate_series(1, 150000) g', on: 'warehouse' },
    }),
  );
  const st = await settle(id);
  expect(st).toMatchObject({ state: 'done', rowCount: 100_000, truncated: true });
});

it("reports PostgreSQL's error and an unknown connection as failed queries in plain words", async () => {
  const bad = await body<{ id: string }>(
    await s.call('/api/queries', { json: { sql: 'SELECT nope FROM orders', on: 'warehouse' } }),
  );
  const st = await settle(bad.id);
  expect(st.state).toBe('error');
  // The error teacher explains it in that database's terms, with the spot and the lesson.
  expect(st.error?.message).toContain('nope');
  expect(st.error?.lesson).toMatchObject({ kind: 'unknown-column', lesson: expect.any(String) });
  expect(st.error?.position).toMatchObject({ line: 1, column: 8 });
  const unknown = await body<{ id: string }>(
    await s.call('/api/queries', { json: { sql: 'SELECT 1', on: 'nowhere' } }),
  );
  const st2 = await settle(unknown.id);
  expect(st2.state).toBe('error');
  expect(st2.error?.message).toBe('There is no connection named "nowhere" in this workspace.');
});

it('cancels a running live query', async () => {
  const { id } = await body<{ id: string }>(
    await s.call('/api/queries', { json: { sql: 'SELECT pg_sleep(20)', on: 'warehouse' } }),
  );
  await new Promise((r) => setTimeout(r, 200));
  await s.call(`/api/queries/${id}/cancel`, { method: 'POST' });
  const t0 = Date.now();
  const st = await settle(id);
  expect(st.state).toBe('cancelled');
  expect(Date.now() - t0).toBeLessThan(5000);
});

it("lists a live database's tables with their columns for the catalog and autocomplete", async () => {
  const res = await s.call('/api/connections/warehouse/catalog');
  expect(res.status).toBe(200);
  const { tables } = await body<{
    tables: { schema: string; table: string; rows: number; columns: unknown[] }[];
  }>(res);
  expect(tables).toEqual([
    expect.objectContaining({
      schema: 'public',
      table: 'orders',
      rows: 1000,
      columns: [
        { name: 'id', type: 'INTEGER' },
        { name: 'plan', type: 'TEXT' },
        { name: 'amount', type: 'NUMERIC' },
      ],
    }),
    expect.objectContaining({
      schema: 'sales',
      table: 'Big Deals',
      rows: 0,
      columns: [
        { name: 'Deal ID', type: 'BIGINT' },
        { name: 'closed_at', type: 'TIMESTAMP WITH TIME ZONE' },
      ],
    }),
  ]);
  const missing = await s.call('/api/connections/nowhere/catalog');
  expect(missing.status).toBe(400);
});
