import { join } from 'node:path';
import { type PgCluster, startPostgres, tempDir } from '@sightline/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sightline, sightlineJson } from './run-cli.js';

// A tiny event log with answers worked out by hand from shared/spec/metrics.md.
const ROWS: [string | null, string, string][] = [
  ['u1', 'signup', '2026-01-05 10:00:00'],
  ['u1', 'project_created', '2026-01-06 10:00:00'],
  ['u1', 'invite_sent', '2026-01-07 10:00:00'],
  ['u2', 'signup', '2026-01-05 11:00:00'],
  ['u2', 'project_created', '2026-01-25 10:00:00'], // outside the 14-day window
  ['u3', 'signup', '2026-01-12 09:00:00'],
  ['u3', 'project_created', '2026-01-12 09:30:00'],
  ['u4', 'project_created', '2026-02-20 12:00:00'], // never signs up; the last kept row
  [null, 'signup', '2026-03-01 00:00:00'], // no user: ignored, and does not extend the data
];

const values = ROWS.map(
  ([u, e, t]) => `(${u === null ? 'NULL' : `'${u}'`}, '${e}', TIMESTAMPTZ '${t}+00')`,
).join(', ');

let dir: { path: string; cleanup: () => void };
let ws: string;
let cluster: PgCluster;

beforeAll(async () => {
  dir = tempDir();
  ws = join(dir.path, 'ws');
  await sightlineJson(
    ['query', `CREATE TABLE events AS SELECT * FROM (VALUES ${values}) v(user_id, event, ts)`],
    {
      workspace: ws,
    },
  );
  cluster = await startPostgres();
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  await client.query(`CREATE TABLE events AS SELECT * FROM (VALUES ${values}) v(user_id, event, ts)`);
  await client.end();
  const r = await sightline(['connect', 'pg', cluster.url], { workspace: ws });
  expect(r.code).toBe(0);
});
afterAll(async () => {
  await cluster?.stop();
  dir?.cleanup();
});

const FUNNEL_STEPS = [
  {
    name: 'signup',
    users: 3,
    conversion_from_start: 1,
    conversion_from_previous: 1,
    median_seconds_to_convert: null,
  },
  {
    name: 'project_created',
    users: 2,
    conversion_from_start: 2 / 3,
    conversion_from_previous: 2 / 3,
    median_seconds_to_convert: (86_400 + 1_800) / 2,
  },
  {
    name: 'invite_sent',
    users: 1,
    conversion_from_start: 1 / 3,
    conversion_from_previous: 0.5,
    median_seconds_to_convert: 86_400,
  },
];

describe.each([
  ['embedded DuckDB', [] as string[]],
  ['PostgreSQL (pushed down)', ['--on', 'pg']],
])('on %s', (_name, on) => {
  test('funnel: the cli.md JSON shape with hand-computed numbers and the options in force', async () => {
    const out = (await sightlineJson(
      ['funnel', '--from', 'events', '--steps', 'signup,project_created,invite_sent', ...on],
      { workspace: ws },
    )) as Record<string, unknown>;
    expect(out.steps).toEqual(FUNNEL_STEPS);
    expect(out.options).toMatchObject({
      from: 'events',
      actor_col: 'user_id',
      event_col: 'event',
      time_col: 'ts',
      window: '14d',
      order: 'ordered',
      anchor: 'any_entry',
      tz: 'UTC',
    });
    expect(String(out.sql)).toMatch(/^-- /);
  });

  test('retention: cohorts with incomplete cells as null, never 0', async () => {
    const out = (await sightlineJson(['retention', '--from', 'events', '--start', 'signup', ...on], {
      workspace: ws,
    })) as { cohorts: unknown[]; options: Record<string, unknown> };
    expect(out.cohorts).toEqual([
      expect.objectContaining({
        cohort: '2026-01-05',
        size: 2,
        retained: [2, 0, 1, 0, 0, 0, null, null, null],
      }),
      expect.objectContaining({
        cohort: '2026-01-12',
        size: 1,
        retained: [1, 0, 0, 0, 0, null, null, null, null],
      }),
    ]);
    expect(out.options).toMatchObject({ period: 'week', periods: 8, cohort: 'first_time', criterion: 'on' });
  });
});

test('--sql prints the SQL (one commented CTE per step) instead of running it', async () => {
  const r = await sightline(['funnel', '--from', 'events', '--steps', 'signup,invite_sent', '--sql'], {
    workspace: ws,
  });
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^-- /);
  expect(r.stdout).toContain('WITH');
  const pgSql = await sightline(
    ['retention', '--from', 'events', '--start', 'signup', '--sql', '--on', 'pg'],
    {
      workspace: ws,
    },
  );
  expect(pgSql.stdout).toContain('WITH');
});

test('a terminal table reads well and says what was ignored', async () => {
  const r = await sightline(
    ['funnel', '--from', 'events', '--steps', 'signup,project_created', '--format', 'table'],
    {
      workspace: ws,
    },
  );
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('1. signup');
  expect(r.stdout).toContain('66.7%');
  expect(r.stderr).toContain('1 row was ignored because the user (actor) column is empty.');
});

test('bad options are usage errors that say what to write', async () => {
  const steps = await sightline(['funnel', '--from', 'events', '--steps', 'signup'], { workspace: ws });
  expect(steps.code).toBe(2);
  expect(steps.stderr).toMatch(/^error: A funnel needs at least two steps/);
  const window = await sightline(['funnel', '--from', 'events', '--steps', 'a,b', '--window', 'soon'], {
    workspace: ws,
  });
  expect(window.code).toBe(2);
  expect(window.stderr).toContain('"soon" is not a window');
  const col = await sightline(['retention', '--from', 'events', '--start', 'signup', '--actor-col', 'who'], {
    workspace: ws,
  });
  expect(col.code).toBe(1);
  expect(col.stderr).toContain('There is no column "who" to use as the actor column.');
});

test('active: DAU, WAU, MAU and stickiness per day, hand-computed', async () => {
  const out = (await sightlineJson(['active', '--from', 'events'], { workspace: ws })) as {
    days: {
      day: string;
      dau: number;
      wau: number;
      mau: number;
      stickiness: number | null;
      partial: boolean;
    }[];
  };
  expect(out.days).toHaveLength(47); // 2026-01-05 .. 2026-02-20; the user-less row on 03-01 does not count
  const day = (d: string) => out.days.find((x) => x.day === d);
  expect(day('2026-01-05')).toMatchObject({ dau: 2, wau: 2, mau: 2, stickiness: 1, partial: true });
  expect(day('2026-01-06')).toMatchObject({ dau: 1, wau: 2, mau: 2, stickiness: 0.5 });
  expect(day('2026-01-12')).toMatchObject({ dau: 1, wau: 2, mau: 3, stickiness: 1 / 3 });
  expect(day('2026-01-20')).toMatchObject({ dau: 0, wau: 0, mau: 3, stickiness: 0 });
});

test('abtest: Welch figures from one row per user, with the control chosen by name', async () => {
  await sightlineJson(
    [
      'query',
      `CREATE TABLE exp AS SELECT * FROM (VALUES ('a1','A',0),('a2','A',1),('a3','A',0),('a4','A',1),
        ('b1','B',1),('b2','B',1),('b3','B',1),('b4','B',0)) v(user_id, arm, converted)`,
    ],
    { workspace: ws },
  );
  const out = (await sightlineJson(
    ['abtest', '--from', 'exp', '--variant', 'arm', '--metric', 'converted', '--control', 'A'],
    { workspace: ws },
  )) as {
    variants: { name: string; n: number; mean: number }[];
    comparisons: { variant: string; control: string; diff: number; lift: number; df: number }[];
    srm: { flagged: boolean };
    summary: string;
  };
  expect(out.variants.map((v) => [v.name, v.n, v.mean])).toEqual([
    ['A', 4, 0.5],
    ['B', 4, 0.75],
  ]);
  const [varA, varB] = [1 / 3, 0.25];
  const se2 = varA / 4 + varB / 4;
  const df = se2 ** 2 / ((varA / 4) ** 2 / 3 + (varB / 4) ** 2 / 3);
  expect(out.comparisons).toHaveLength(1);
  expect(out.comparisons[0]).toMatchObject({ variant: 'B', control: 'A', diff: 0.25, lift: 0.5 });
  expect(out.comparisons[0]!.df).toBeCloseTo(df, 9);
  expect(out.srm.flagged).toBe(false);
  expect(out.summary).toContain("Welch's t-test");
  const bad = await sightline(
    ['abtest', '--from', 'exp', '--variant', 'arm', '--metric', 'converted', '--control', 'C'],
    {
      workspace: ws,
    },
  );
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('There is no variant "C" to use as the control; the variants are "A", "B".');
});

test('abtest --assignments: conversions are goal events after each user is assigned', async () => {
  await sightlineJson(
    [
      'query',
      `CREATE TABLE assigned AS SELECT * FROM (VALUES
        ('a1','A',TIMESTAMPTZ '2026-01-05 10:00:00+00'),('a2','A',TIMESTAMPTZ '2026-01-05 10:00:00+00'),
        ('b1','B',TIMESTAMPTZ '2026-01-05 10:00:00+00'),('b2','B',TIMESTAMPTZ '2026-01-05 10:00:00+00')) v(user_id, variant, assigned_at);
      CREATE TABLE exp_events AS SELECT * FROM (VALUES
        ('a1','buy',TIMESTAMPTZ '2026-01-05 09:00:00+00'),
        ('a2','buy',TIMESTAMPTZ '2026-01-06 09:00:00+00'),
        ('b1','buy',TIMESTAMPTZ '2026-01-05 11:00:00+00'),
        ('b2','buy',TIMESTAMPTZ '2026-01-25 11:00:00+00'),
        ('b2','view',TIMESTAMPTZ '2026-01-06 11:00:00+00')) v(user_id, event, ts)`,
    ],
    { workspace: ws },
  );
  const args = ['abtest', '--from', 'exp_events', '--assignments', 'assigned', '--goal', 'buy'];
  const out = (await sightlineJson(args, { workspace: ws })) as {
    variants: { name: string; n: number; mean: number }[];
  };
  // a1 bought before being assigned: not a conversion. Both B users bought after.
  expect(out.variants.map((v) => [v.name, v.n, v.mean])).toEqual([
    ['A', 2, 0.5],
    ['B', 2, 1],
  ]);
  // Within 7 days, b2's purchase (20 days later) no longer counts.
  const week = (await sightlineJson([...args, '--window', '7d'], { workspace: ws })) as typeof out;
  expect(week.variants.map((v) => v.mean)).toEqual([0.5, 0.5]);
  const usage = await sightline(['abtest', '--from', 'exp_events', '--assignments', 'assigned'], {
    workspace: ws,
  });
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('With --assignments, name the goal event with --goal EVENT');
});
