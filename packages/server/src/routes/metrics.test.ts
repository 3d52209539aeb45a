import { afterAll, beforeAll, expect, it } from 'vitest';
import { body, type TestServer, testServer } from '../test-support.js';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
  await s.workspace.engine.query(`
    CREATE TABLE events AS SELECT * FROM (VALUES
      ('u1', 'signup', TIMESTAMPTZ '2026-01-05 10:00:00+00'),
      ('u1', 'project_created', TIMESTAMPTZ '2026-01-06 10:00:00+00'),
      ('u2', 'signup', TIMESTAMPTZ '2026-01-05 11:00:00+00'),
      (NULL, 'signup', TIMESTAMPTZ '2026-01-07 11:00:00+00')) t(user_id, event, ts)`);
});
afterAll(async () => s.close());

it('answers a funnel with its options, counts, warnings, SQL and how the columns were picked', async () => {
  const res = await s.call('/api/metrics', {
    json: {
      metric: 'funnel',
      from: 'events',
      options: { steps: [{ event: 'signup' }, { event: 'project_created' }] },
    },
  });
  expect(res.status).toBe(200);
  const out = await body<Record<string, unknown>>(res);
  expect((out.result as { steps: { users: number }[] }).steps.map((x) => x.users)).toEqual([2, 1]);
  expect(out.options).toMatchObject({
    actor_col: 'user_id',
    event_col: 'event',
    time_col: 'ts',
    window: '14d',
  });
  expect(out.warnings).toEqual(['1 row was ignored because the user (actor) column is empty.']);
  expect(String(out.sql)).toMatch(/^-- /);
  expect(out.roles).toHaveLength(3);
});

it('gives only the SQL for "Open as SQL"', async () => {
  const res = await s.call('/api/metrics/sql', {
    json: { metric: 'retention', from: 'events', options: { start: { event: 'signup' } } },
  });
  expect(res.status).toBe(200);
  expect((await body<{ sql: string }>(res)).sql).toContain('WITH');
});

it('bad options answer in the one error shape, naming the problem', async () => {
  const res = await s.call('/api/metrics', {
    json: { metric: 'funnel', from: 'events', options: { steps: [{ event: 'signup' }], window: 'soon' } },
  });
  expect(res.status).toBe(400);
  const err = (await body<{ error: { code: string; message: string } }>(res)).error;
  expect(err.message).toContain('a funnel needs at least 2 steps');
  expect(err.message).toContain('"soon" is not a window');
});

it('an unknown table or connection is a plain error', async () => {
  const table = await s.call('/api/metrics', {
    json: { metric: 'retention', from: 'evnts', options: { start: { event: 'signup' } } },
  });
  expect(table.status).toBe(400);
  expect((await body<{ error: { message: string } }>(table)).error.message).toContain('evnts');
  const conn = await s.call('/api/metrics', {
    json: { metric: 'retention', from: 'events', on: 'prod', options: { start: { event: 'signup' } } },
  });
  expect((await body<{ error: { message: string } }>(conn)).error.message).toBe(
    'There is no connection named "prod" in this workspace.',
  );
});
