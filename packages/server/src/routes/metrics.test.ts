import { openConnection } from '@sightline/engine';
import { quoteString } from '@sightline/sql';
import { type PgCluster, startPostgres } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

it('describes an event source for the picker: columns, detected roles, event names with counts', async () => {
  const res = await s.call('/api/metrics/source', { json: { from: 'events' } });
  expect(res.status).toBe(200);
  const out = await body<{
    columns: { name: string }[];
    roles: { actor: string; event: string; time: string; timeKind: string };
    events: { name: string; count: number }[];
  }>(res);
  expect(out.columns.map((col) => col.name)).toEqual(['user_id', 'event', 'ts']);
  expect(out.roles).toMatchObject({ actor: 'user_id', event: 'event', time: 'ts', timeKind: 'timestamptz' });
  expect(out.events).toEqual([
    { name: 'signup', count: 3 },
    { name: 'project_created', count: 1 },
  ]);
});

it('lists the values of a property column with counts, and names a missing column', async () => {
  const res = await s.call('/api/metrics/values', { json: { from: 'events', column: 'user_id' } });
  expect(res.status).toBe(200);
  expect(await body(res)).toEqual({
    column: 'user_id',
    values: [
      { value: 'u1', count: 2 },
      { value: 'u2', count: 1 },
    ],
  });
  const bad = await s.call('/api/metrics/values', { json: { from: 'events', column: 'plan' } });
  expect(bad.status).toBe(400);
  expect((await body<{ error: { message: string } }>(bad)).error.message).toBe(
    'There is no column "plan" in events.',
  );
});

it('runs an A/B test from an assignment table and the events (conversion = the goal after assignment)', async () => {
  await s.workspace.engine.query(`
    CREATE TABLE assignments AS SELECT * FROM (VALUES
      ('a1', 'A', TIMESTAMPTZ '2026-01-01 00:00:00+00'), ('a2', 'A', TIMESTAMPTZ '2026-01-01 00:00:00+00'),
      ('a3', 'A', TIMESTAMPTZ '2026-01-01 00:00:00+00'), ('b1', 'B', TIMESTAMPTZ '2026-01-01 00:00:00+00'),
      ('b2', 'B', TIMESTAMPTZ '2026-01-01 00:00:00+00'), ('b3', 'B', TIMESTAMPTZ '2026-01-01 00:00:00+00'))
      t(user_id, variant, assigned_at);
    CREATE TABLE ab_events AS SELECT * FROM (VALUES
      ('a1', 'buy', TIMESTAMPTZ '2026-01-02 00:00:00+00'),
      ('a2', 'buy', TIMESTAMPTZ '2025-12-31 00:00:00+00'),
      ('b1', 'buy', TIMESTAMPTZ '2026-01-02 00:00:00+00'),
      ('b2', 'buy', TIMESTAMPTZ '2026-01-03 00:00:00+00')) t(user_id, event, ts)`);
  const json = {
    metric: 'abtest',
    from: 'ab_events',
    assignments: { from: 'assignments' },
    options: { goal: { event: 'buy' } },
  };
  const res = await s.call('/api/metrics', { json });
  expect(res.status).toBe(200);
  const out = await body<{
    result: { variants: { name: string; n: number; mean: number }[]; summary: string };
    roles: string[];
    options: Record<string, unknown>;
  }>(res);
  // a2 bought before being assigned: it does not count.
  expect(out.result.variants.map((v) => [v.name, v.n, v.mean])).toEqual([
    ['A', 3, 1 / 3],
    ['B', 3, 2 / 3],
  ]);
  expect(out.result.summary).toMatch(/^B converts 66\.7% vs 33\.3% for A, \+100% relative;/);
  expect(out.roles).toContain('assignments variant: "variant" (its name or type suggests the variant)');
  expect(out.options).toMatchObject({
    from: 'ab_events',
    assignments: { actor: 'user_id', variant: 'variant', time: 'assigned_at', timeKind: 'timestamptz' },
    goal: { event: 'buy' },
  });
  const sql = await s.call('/api/metrics/sql', { json });
  expect((await body<{ sql: string }>(sql)).sql).toContain('"assignments"');
  const missing = await s.call('/api/metrics', {
    json: { ...json, assignments: { from: 'assignments', variantCol: 'arm' } },
  });
  expect((await body<{ error: { message: string } }>(missing)).error.message).toBe(
    'There is no column "arm" in assignments to use as the variant column.',
  );
});

describe('the same numbers from a PostgreSQL copy of the data (on: a stored connection)', () => {
  let cluster: PgCluster;
  const EVENTS = `SELECT 'u' || (i % 97) AS user_id,
      ['signup', 'project_created', 'invite_sent', 'login'][1 + (i * 7 + i // 5) % 4] AS event,
      TIMESTAMPTZ '2026-01-05 00:00:00+00' + to_seconds((i * 3607) % (50 * 86400)) AS ts,
      ['US', 'GB', 'DE'][1 + i % 3] AS country
    FROM range(0, 2000) t(i)`;
  const ASSIGNED = `SELECT 'u' || i AS user_id, ['A', 'B'][1 + i % 2] AS variant,
      TIMESTAMPTZ '2026-01-10 00:00:00+00' + to_seconds(i * 600) AS assigned_at FROM range(0, 97) t(i)`;

  beforeAll(async () => {
    cluster = await startPostgres();
    await s.workspace.engine.query(
      `CREATE TABLE live_events AS ${EVENTS}; CREATE TABLE live_assigned AS ${ASSIGNED}`,
    );
    const conn = await openConnection({ kind: 'postgres', url: cluster.url });
    try {
      for (const [name, ddl] of [
        ['live_events', 'user_id TEXT, event TEXT, ts TIMESTAMPTZ, country TEXT'],
        ['live_assigned', 'user_id TEXT, variant TEXT, assigned_at TIMESTAMPTZ'],
      ] as const) {
        const rows = (await s.workspace.engine.query(`SELECT * FROM ${name}`)).rows;
        const values = rows.map(
          (r) =>
            `(${Object.values(r)
              .map((v) => quoteString(String(v)))
              .join(', ')})`,
        );
        await conn.query(`CREATE TABLE ${name} (${ddl}); INSERT INTO ${name} VALUES ${values.join(', ')}`);
      }
    } finally {
      await conn.close();
    }
    const config = s.workspace.readConfig();
    config.connections.pg = { kind: 'postgres', url: cluster.url };
    s.workspace.writeConfig(config);
  }, 60_000);
  afterAll(async () => cluster?.stop());

  const both = async (json: Record<string, unknown>) => {
    const here = await s.call('/api/metrics', { json });
    const there = await s.call('/api/metrics', { json: { ...json, on: 'pg' } });
    expect([here.status, there.status]).toEqual([200, 200]);
    const [a, b] = [
      await body<{ result: Record<string, unknown>; options: { engine: string } }>(here),
      await body<{ result: Record<string, unknown>; options: { engine: string } }>(there),
    ];
    expect([a.options.engine, b.options.engine]).toEqual(['duckdb', 'postgres']);
    return [a.result, b.result] as const;
  };

  it('a funnel with a filter and a breakdown, a daily retention table and active users agree', async () => {
    const [f1, f2] = await both({
      metric: 'funnel',
      from: 'live_events',
      options: {
        steps: [
          { event: 'signup', filters: [{ column: 'country', op: '!=', value: 'DE' }] },
          { event: 'project_created' },
          { event: 'invite_sent' },
        ],
        window: '7d',
        breakdown: 'country',
      },
    });
    expect((f1.steps as { users: number }[]).map((x) => x.users)[0]).toBeGreaterThan(10);
    expect(f2).toEqual(f1);
    const [r1, r2] = await both({
      metric: 'retention',
      from: 'live_events',
      options: { start: { event: 'signup' }, period: 'day', periods: 10 },
    });
    expect((r1.cohorts as unknown[]).length).toBeGreaterThan(2);
    expect(r2).toEqual(r1);
    const [d1, d2] = await both({
      metric: 'active',
      from: 'live_events',
      options: { event: { event: 'login' } },
    });
    expect(d2).toEqual(d1);
  });

  it('the A/B test from assignments plus events agrees to 1e-9', async () => {
    const [a, b] = await both({
      metric: 'abtest',
      from: 'live_events',
      assignments: { from: 'live_assigned' },
      options: { goal: { event: 'invite_sent' }, window: '14d' },
    });
    type Ab = {
      variants: { name: string; n: number; mean: number }[];
      comparisons: { p_value: number; diff: number }[];
    };
    const [x, y] = [a as unknown as Ab, b as unknown as Ab];
    expect(y.variants.map((v) => [v.name, v.n])).toEqual(x.variants.map((v) => [v.name, v.n]));
    expect(x.variants.map((v) => v.n)).toEqual([49, 48]);
    for (const [i, v] of x.variants.entries()) expect(y.variants[i]!.mean).toBeCloseTo(v.mean, 9);
    expect(y.comparisons[0]!.p_value).toBeCloseTo(x.comparisons[0]!.p_value, 9);
  });

  it('the picker reads event names and property values from the live table', async () => {
    const src = await body<{
      roles: { actor: string; timeKind: string };
      events: { name: string; count: number }[];
    }>(await s.call('/api/metrics/source', { json: { from: 'live_events', on: 'pg' } }));
    const local = await body<{ events: { name: string; count: number }[] }>(
      await s.call('/api/metrics/source', { json: { from: 'live_events' } }),
    );
    expect(src.roles).toMatchObject({ actor: 'user_id', timeKind: 'timestamptz' });
    expect(src.events).toEqual(local.events);
    expect(src.events.reduce((n, e) => n + e.count, 0)).toBe(2000);
    const values = await body<{ values: { value: string; count: number }[] }>(
      await s.call('/api/metrics/values', { json: { from: 'live_events', on: 'pg', column: 'country' } }),
    );
    expect(values.values).toEqual([
      { value: 'GB', count: 667 },
      { value: 'US', count: 667 },
      { value: 'DE', count: 666 },
    ]);
  });
});
