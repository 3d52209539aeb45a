import { afterAll, beforeAll, expect, it } from 'vitest';
import { body, type TestServer, testServer } from '../test-support.js';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
  await s.workspace.engine.query(`CREATE TABLE orders AS SELECT 1 AS id, 'pro' AS plan, 10.5 AS amount`);
});
afterAll(async () => s.close());

it('explains a query clause by clause without running it', async () => {
  const res = await s.call('/api/explain', {
    json: { sql: 'SELECT plan, sum(amount) AS revenue FROM orders WHERE amount > 5 GROUP BY plan' },
  });
  expect(res.status).toBe(200);
  const out = await body<{ ok: boolean; steps: { clause: string; text: string }[] }>(res);
  expect(out.ok).toBe(true);
  expect(out.steps.map((x) => x.clause)).toEqual(
    expect.arrayContaining(['from', 'where', 'group by', 'aggregate', 'select']),
  );
  expect(out.steps.find((x) => x.clause === 'where')?.text).toContain('amount');
});

it('says why when the SQL cannot be parsed, and rejects an empty body', async () => {
  const bad = await s.call('/api/explain', { json: { sql: 'SELEC plan FROM orders' } });
  expect(bad.status).toBe(200);
  expect(await body<{ ok: boolean; reason: string }>(bad)).toMatchObject({ ok: false });
  const empty = await s.call('/api/explain', { json: { sql: '' } });
  expect(empty.status).toBe(400);
});
