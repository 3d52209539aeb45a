import type { JoinReport, KeySuggestion } from '@sightline/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { body, type TestServer, testServer } from '../test-support.js';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
  await s.workspace.engine.query(`
    CREATE TABLE users AS SELECT 'u' || i AS user_id, CASE WHEN i % 2 = 0 THEN 'pro' ELSE 'free' END AS plan
      FROM range(1, 101) t(i);
    CREATE TABLE events AS SELECT 'u' || (i % 80 + 1) AS user_id, 'e' || i AS event FROM range(0, 400) t(i);`);
});
afterAll(async () => s.close());

it('POST /api/join-doctor reports shares, the result size and the fan-out of users x events', async () => {
  const res = await s.call('/api/join-doctor', {
    json: {
      left: { table: 'users' },
      right: { table: 'events' },
      on: [{ left: 'user_id', right: 'user_id' }],
    },
  });
  expect(res.status).toBe(200);
  const r = await body<JoinReport>(res);
  expect(r.kind).toBe('left');
  expect(r.left).toMatchObject({ rows: 100, matchedRows: 80, matchedShare: 0.8 });
  expect(r.right).toMatchObject({ rows: 400, matchedRows: 400, matchedShare: 1 });
  expect(r.resultRows).toBe(400 + 20);
  expect(r.fanOut[0]).toMatchObject({ side: 'right', keys: 80, extraRows: 320 });
  expect(r.fanOut[0]?.message).toBe(
    'This join turns the 80 rows of users that match into 400 rows: 80 values of user_id appear more than once in ' +
      'events. Sums and counts of users columns will be inflated.',
  );
});

it('takes SQL (a builder query) as a side, only as a subquery', async () => {
  const res = await s.call('/api/join-doctor', {
    json: {
      left: { table: 'users' },
      right: { sql: "SELECT DISTINCT user_id FROM events WHERE event LIKE 'e1%';", label: 'inviters' },
      on: [{ left: 'user_id', right: 'user_id' }],
      kind: 'inner',
    },
  });
  expect(res.status).toBe(200);
  const r = await body<JoinReport>(res);
  const real = await s.workspace.engine.query(
    "SELECT count(DISTINCT user_id)::INT AS n FROM events WHERE event LIKE 'e1%'",
  );
  expect(r.resultRows).toBe(real.rows[0]?.n);
  expect(r.fanOut).toEqual([]);
  expect(r.right.label).toBe('inviters');
});

it('POST /api/join-doctor/keys suggests user_id = user_id (80 of the 100 users have events)', async () => {
  const res = await s.call('/api/join-doctor/keys', {
    json: { left: { table: 'users' }, right: { table: 'events' } },
  });
  expect(res.status).toBe(200);
  const { suggestions } = await body<{ suggestions: KeySuggestion[] }>(res);
  expect(suggestions[0]).toEqual({
    left: 'user_id',
    right: 'user_id',
    nameScore: 1,
    overlap: 0.8,
    uniqueness: 1,
    score: 0.92,
  });
});

it('bad requests answer in the one error shape', async () => {
  const empty = await s.call('/api/join-doctor', {
    json: { left: { table: 'users' }, right: { table: 'events' }, on: [] },
  });
  expect(empty.status).toBe(400);
  expect((await body<{ error: { message: string } }>(empty)).error.message).toContain(
    'a join needs at least one pair of key columns',
  );
  const col = await s.call('/api/join-doctor', {
    json: { left: { table: 'users' }, right: { table: 'events' }, on: [{ left: 'uid', right: 'user_id' }] },
  });
  expect(col.status).toBe(400);
  const err = (await body<{ error: { message: string; hints: string[] } }>(col)).error;
  expect(err.message).toBe('There is no column "uid" in users.');
  expect(err.hints).toEqual(['Pick one of: user_id, plan.']);
});
