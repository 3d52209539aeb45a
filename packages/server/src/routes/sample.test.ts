import { afterAll, beforeAll, expect, it } from 'vitest';
import { body, type TestServer, testServer } from '../test-support.js';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
});
afterAll(async () => s.close());

it('creates the sample dataset in one call (small here) and lists its tables and files', async () => {
  const res = await s.call('/api/sample', { json: { scale: 0.01 } });
  expect(res.status).toBe(201);
  const made = await body<{ tables: { table: string; rows: number }[]; files: string[] }>(res);
  expect(made.tables.map((t) => t.table).sort()).toEqual([
    'events',
    'experiment_assignments',
    'subscriptions',
    'users',
  ]);
  expect(made.files.map((f) => f.split('/').at(-1))).toEqual(['access.log', 'app.log.jsonl']);
  const tables = await body<{ table: string }[]>(await s.call('/api/tables'));
  expect(tables.map((t) => t.table)).toContain('events');
});

it('refuses to overwrite a table of the user that has a sample name, in the one error shape', async () => {
  await s.workspace.engine.query('DROP TABLE users; CREATE TABLE users AS SELECT 1 AS mine');
  const res = await s.call('/api/sample', { json: {} });
  expect(res.status).toBe(400);
  const err = (await body<{ error: { code: string; message: string } }>(res)).error;
  expect(err.code).toBe('user_error');
  expect(err.message).toContain('users');
});

it('checks the scale', async () => {
  const res = await s.call('/api/sample', { json: { scale: -1 } });
  expect(res.status).toBe(400);
});
