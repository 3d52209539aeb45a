import { openConnection } from '@sightline/engine';
import { type PgCluster, startPostgres } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryStatus } from '../query-registry.js';
import { body, type TestServer, testServer } from '../test-support.js';

let s: TestServer;
let cluster: PgCluster;
const TABLE = `CREATE TABLE orders (id INTEGER, plan TEXT, price DOUBLE PRECISION, qty INTEGER);
  INSERT INTO orders VALUES (1, 'pro', 20, 2), (2, 'free', 5, 1), (3, 'pro', 7.5, 4), (4, 'team', 48, 1);`;
beforeAll(async () => {
  cluster = await startPostgres();
  const client = await openConnection({ kind: 'postgres', url: cluster.url });
  await client.query(TABLE);
  await client.close();
  s = await testServer();
  await s.workspace.engine.query(TABLE);
  const config = s.workspace.readConfig();
  config.connections.warehouse = { kind: 'postgres', url: cluster.url };
  s.workspace.writeConfig(config);
}, 60_000);
afterAll(async () => {
  await s?.close();
  await cluster?.stop();
});

const query = {
  version: 1,
  source: { kind: 'table', name: 'orders' },
  steps: [
    { type: 'customColumn', name: 'revenue', formula: '[price] * [qty]' },
    { type: 'summarize', groupBy: [{ column: 'plan' }], aggregates: [{ fn: 'sum', column: 'revenue' }] },
    { type: 'sort', by: [{ column: 'sum_revenue', dir: 'desc' }] },
  ],
};

async function settle(id: string): Promise<QueryStatus> {
  for (;;) {
    const st = await body<QueryStatus>(await s.call(`/api/queries/${id}`));
    if (st.state !== 'running') return st;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('POST /api/builder/compile', () => {
  it('gives the SQL and the output columns, checked against the workspace', async () => {
    const res = await s.call('/api/builder/compile', { json: { query } });
    expect(res.status).toBe(200);
    const out = await body<{ ok: true; sql: string; columns: { name: string }[] }>(res);
    expect(out.ok).toBe(true);
    expect(out.sql).toMatch(
      /^-- Step 1: Add the column revenue = \[price\] \* \[qty\]\.\nWITH "with_revenue" AS \(/,
    );
    expect(out.columns.map((c) => c.name)).toEqual(['plan', 'sum_revenue']);
  });

  it('points at the step and the character of a mistake', async () => {
    const bad = { ...query, steps: [{ type: 'customColumn', name: 'revenue', formula: '[price] * [qtty]' }] };
    const out = await body<unknown>(await s.call('/api/builder/compile', { json: { query: bad } }));
    expect(out).toEqual({
      ok: false,
      error: {
        message: 'Step 1: Column "qtty" doesn\'t exist in orders (character 11).',
        hints: ['Did you mean [qty]?'],
        step: 0,
        position: 10,
      },
    });
    const invalid = await body<unknown>(
      await s.call('/api/builder/compile', { json: { query: { version: 2 } } }),
    );
    expect(invalid).toEqual({
      ok: false,
      error: {
        message:
          'The builder query is not valid: version: must be 1 (the only builder version so far); source: is missing.',
        hints: [],
      },
    });
  });

  it('writes PostgreSQL SQL, checked against a live connection', async () => {
    const out = await body<{ ok: boolean; sql: string }>(
      await s.call('/api/builder/compile', { json: { query, on: 'warehouse' } }),
    );
    expect(out.ok).toBe(true);
    expect(out.sql).toContain('sum("revenue") AS "sum_revenue"');
    const offline = await body<{ ok: boolean; sql: string }>(
      await s.call('/api/builder/compile', {
        json: {
          query: { ...query, steps: [{ type: 'customColumn', name: 'r', formula: 'ROUND([x], 1)' }] },
          dialect: 'postgres',
        },
      }),
    );
    expect(offline.sql).toContain('round(CAST("x" AS NUMERIC), 1) AS "r"');
  });
});

describe('POST /api/builder/parse', () => {
  it('reads SQL back into steps, or keeps it as one SQL step with the reason', async () => {
    const steps = await body<{ query: { steps: { type: string }[] }; exact: boolean }>(
      await s.call('/api/builder/parse', {
        json: { sql: 'SELECT plan, count(*) FROM orders GROUP BY plan ORDER BY 2 DESC LIMIT 10' },
      }),
    );
    expect(steps.exact).toBe(false);
    expect(steps.query.steps.map((x) => x.type)).toEqual(['summarize', 'sort', 'limit']);
    const sqlStep = await body<unknown>(
      await s.call('/api/builder/parse', { json: { sql: 'SELECT DISTINCT plan FROM orders' } }),
    );
    expect(sqlStep).toEqual({
      query: { version: 1, source: { kind: 'sql', sql: 'SELECT DISTINCT plan FROM orders' }, steps: [] },
      exact: false,
      reason:
        "The builder can't show this SQL as steps because it uses SELECT DISTINCT; it stays one SQL step.",
    });
  });

  it('round-trips what compile wrote', async () => {
    const { sql } = await body<{ sql: string }>(await s.call('/api/builder/compile', { json: { query } }));
    expect(await body<unknown>(await s.call('/api/builder/parse', { json: { sql } }))).toEqual({
      query,
      exact: true,
    });
  });
});

describe('POST /api/builder/run', () => {
  it('starts a query in the registry, on the workspace and pushed down, with the same rows', async () => {
    const rows = async (on?: string) => {
      const started = await s.call('/api/builder/run', { json: { query, ...(on ? { on } : {}) } });
      expect(started.status).toBe(202);
      const { id, sql } = await body<{ id: string; sql: string }>(started);
      expect(sql).toContain('"by_plan"');
      expect(await settle(id)).toMatchObject({ state: 'done', rowCount: 3 });
      return (await body<{ rows: unknown[] }>(await s.call(`/api/queries/${id}/rows?offset=0&limit=10`)))
        .rows;
    };
    const expected = [
      { plan: 'pro', sum_revenue: 70 },
      { plan: 'team', sum_revenue: 48 },
      { plan: 'free', sum_revenue: 5 },
    ];
    expect(await rows()).toEqual(expected);
    expect(await rows('warehouse')).toEqual(expected);
  });

  it('a query that does not compile answers in the one error shape', async () => {
    const res = await s.call('/api/builder/run', {
      json: { query: { ...query, steps: [{ type: 'sort', by: [{ column: 'prise' }] }] } },
    });
    expect(res.status).toBe(400);
    expect(await body<unknown>(res)).toEqual({
      error: {
        code: 'user_error',
        message: 'Step 1: Column "prise" doesn\'t exist in orders.',
        hints: ['Did you mean "price"?'],
      },
    });
  });
});

describe('/api/builder/saved', () => {
  it('saves, lists, reads, runs by reference and deletes', async () => {
    const put = await s.call('/api/builder/saved/Revenue by plan', { method: 'PUT', json: { query } });
    expect(put.status).toBe(200);
    expect(await body<{ name: string }>(put)).toMatchObject({ name: 'Revenue by plan', version: 1, query });
    const list = await body<{ saved: { name: string }[] }>(await s.call('/api/builder/saved'));
    expect(list.saved.map((x) => x.name)).toEqual(['Revenue by plan']);
    const one = await body<{ query: unknown }>(await s.call('/api/builder/saved/Revenue%20by%20plan'));
    expect(one.query).toEqual(query);

    const onTop = {
      version: 1,
      source: { kind: 'query', id: 'Revenue by plan' },
      steps: [{ type: 'limit', n: 1 }],
    };
    const compiled = await body<{ ok: boolean; sql: string; columns: { name: string }[] }>(
      await s.call('/api/builder/compile', { json: { query: onTop } }),
    );
    expect(compiled.sql).toContain('WITH "saved: Revenue by plan" AS (');
    expect(compiled.columns.map((c) => c.name)).toEqual(['plan', 'sum_revenue']);

    expect((await s.call('/api/builder/saved/Revenue by plan', { method: 'DELETE' })).status).toBe(200);
    const gone = await s.call('/api/builder/saved/Revenue by plan');
    expect(gone.status).toBe(404);
    expect(await body<{ error: { message: string } }>(gone)).toMatchObject({
      error: { code: 'not_found', message: 'There is no saved query named "Revenue by plan".' },
    });
  });

  it('refuses an invalid query or name in plain words', async () => {
    const res = await s.call('/api/builder/saved/x', {
      method: 'PUT',
      json: { query: { version: 1, source: { kind: 'table', name: 'orders' }, steps: [{ type: 'limit' }] } },
    });
    expect(res.status).toBe(400);
    expect((await body<{ error: { message: string } }>(res)).error.message).toBe(
      'The builder query is not valid: step 1, n: is missing.',
    );
    const name = await s.call('/api/builder/saved/..%2Fescape', { method: 'PUT', json: { query } });
    expect(name.status).toBe(400);
    expect((await body<{ error: { message: string } }>(name)).error.message).toBe(
      '"../escape" can\'t be the name of a saved query.',
    );
  });
});
