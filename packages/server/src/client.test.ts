import { hc } from 'hono/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppType } from './app.js';
import { ORIGIN, TEST_TOKEN, type TestServer, testServer } from './test-support.js';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
});
afterAll(async () => s.close());

describe("Hono's typed client over AppType (what the web app uses)", () => {
  it('starts a query, reads its status and rows with typed inputs and outputs', async () => {
    const client = hc<AppType>(ORIGIN, {
      fetch: (input: string | URL | Request, init?: RequestInit) => s.app.request(input, init),
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    const started = await client.api.queries.$post({ json: { sql: 'SELECT 7 AS seven' } });
    expect(started.status).toBe(202);
    const { id } = await started.json();
    let state = 'running';
    for (let i = 0; i < 200 && state === 'running'; i++) {
      const st = await client.api.queries[':id'].$get({ param: { id } });
      state = (await st.json()).state;
      if (state === 'running') await new Promise((r) => setTimeout(r, 10));
    }
    expect(state).toBe('done');
    const rows = await client.api.queries[':id'].rows.$get({ param: { id }, query: { limit: '5' } });
    expect((await rows.json()).rows).toEqual([{ seven: 7 }]);
    // Compile-time checks (tsc -b covers this file): a body without sql, or a wrong format, does not type-check.
    const typeChecks = () => [
      // @ts-expect-error sql is required
      client.api.queries.$post({ json: { timeoutMs: 5 } }),
      // @ts-expect-error format is events or json
      client.api.query.$post({ json: { sql: 'SELECT 1', format: 'csv' } }),
    ];
    expect(typeof typeChecks).toBe('function');
    const tables = await client.api.tables.$get();
    expect(await tables.json()).toEqual([]);
  });
});
