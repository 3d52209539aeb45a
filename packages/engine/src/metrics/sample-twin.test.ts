// The issue's promise: the same metric gives the same numbers in the workspace (DuckDB) and on a PostgreSQL copy
// of the data (pushed down). Checked on the sample product data, the way a person would ask.
import { type PgCluster, startPostgres, tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection } from '../connections/registry.js';
import type { LiveConnection } from '../connections/types.js';
import { Workspace } from '../core/workspace.js';
import { createSampleData } from '../sample/create-sample-data.js';
import { answerMetric, type MetricRequest } from './request.js';
import { duckdbTarget, liveTarget } from './target.js';

const COLUMNS = ['event_id', 'user_id', 'event', 'ts', 'plan', 'country'] as const;
const PG_TABLE = `CREATE TABLE events (event_id BIGINT, user_id TEXT, event TEXT, ts TIMESTAMPTZ, plan TEXT, country TEXT)`;

let ws: Workspace;
let pg: PgCluster;
let live: LiveConnection;
let dir: ReturnType<typeof tempDir>;

beforeAll(async () => {
  dir = tempDir('sightline-twin-');
  [ws, pg] = await Promise.all([
    Workspace.open(dir.path, { threads: 2, memoryLimit: '1GB' }),
    startPostgres(),
  ]);
  const conn = await ws.engine.connect();
  try {
    await createSampleData(conn, ws.filesDir, { scale: 0.05 });
  } finally {
    conn.closeSync();
  }
  live = await openConnection({ kind: 'postgres', url: pg.url });
  await live.query(PG_TABLE);
  // Copy the events the way a team's warehouse would hold them (bound parameters, 500 rows a statement).
  const { rows } = await ws.engine.query(`SELECT ${COLUMNS.join(', ')} FROM events ORDER BY event_id`);
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const placeholders = batch.map(
      (_, r) => `(${COLUMNS.map((__, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`,
    );
    await live.query(`INSERT INTO events VALUES ${placeholders.join(', ')}`, {
      params: batch.flatMap((row) => COLUMNS.map((c) => row[c] ?? null)),
    });
  }
  const [count] = (await live.query('SELECT count(*)::int AS n FROM events')).rows;
  expect(count?.n).toBe(rows.length);
}, 120_000);

afterAll(async () => {
  await live?.close();
  await ws?.close();
  await pg?.stop();
  dir?.cleanup();
});

async function both(req: MetricRequest) {
  const duck = await answerMetric(duckdbTarget(ws.engine), req);
  const there = await answerMetric(liveTarget(live), req);
  return { duck: duck.result, pg: there.result };
}

/** Equal, with floating-point values equal to 1e-9 relative (medians and shares are computed in each engine). */
function expectSameNumbers(a: unknown, b: unknown, path = 'result'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    expect(Math.abs(a - b), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(b.length, path).toBe(a.length);
    for (const [i, x] of a.entries()) expectSameNumbers(x, b[i], `${path}[${i}]`);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(b).sort(), path).toEqual(Object.keys(a).sort());
    for (const k of Object.keys(a)) {
      expectSameNumbers((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    }
    return;
  }
  expect(b, path).toEqual(a);
}

describe('the sample data in the workspace and in PostgreSQL give the same metrics', () => {
  it('funnel signup -> project_created -> invite_sent (14 days), also broken down by plan', async () => {
    for (const options of [
      { steps: [{ event: 'signup' }, { event: 'project_created' }, { event: 'invite_sent' }], window: '14d' },
      {
        steps: [{ event: 'signup' }, { event: 'project_created' }, { event: 'invite_sent' }],
        window: '7d',
        anchor: 'first_entry',
        breakdown: 'plan',
        tiebreak: 'event_id',
      },
    ]) {
      const { duck, pg: there } = await both({ metric: 'funnel', from: 'events', options });
      const steps = (duck as { steps: { users: number }[] }).steps;
      expect(steps[0]!.users).toBeGreaterThan(100);
      expect(steps[2]!.users).toBeGreaterThan(0);
      expectSameNumbers(duck, there);
    }
  });

  it('weekly retention over 8 weeks, and daily retention in another time zone', async () => {
    for (const [options, tz] of [
      [{ start: { event: 'signup' }, return: 'any', period: 'week', periods: 8 }, undefined],
      [
        { start: { event: 'signup' }, return: { event: 'login' }, period: 'day', periods: 7 },
        'America/New_York',
      ],
    ] as const) {
      const { duck, pg: there } = await both({
        metric: 'retention',
        from: 'events',
        options,
        ...(tz ? { tz } : {}),
      });
      expect((duck as { cohorts: unknown[] }).cohorts.length).toBeGreaterThan(3);
      expectSameNumbers(duck, there);
    }
  });

  it('daily, weekly and monthly active users with stickiness', async () => {
    const { duck, pg: there } = await both({ metric: 'active', from: 'events', options: {} });
    expect((duck as { days: unknown[] }).days.length).toBeGreaterThan(100);
    expectSameNumbers(duck, there);
  });
});
