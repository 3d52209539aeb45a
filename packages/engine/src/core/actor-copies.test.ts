// Actor-ordered copies: a metric on a large table is read from a copy ordered by actor once one is made, gives the
// same answer as on the table, and never reads a copy that a write could have left stale.
import { join } from 'node:path';
import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerMetric, type MetricRequest } from '../metrics/request.js';
import { duckdbTarget } from '../metrics/target.js';
import { createSampleData } from '../sample/create-sample-data.js';
import { Engine } from './engine.js';
import { Workspace } from './workspace.js';

let ws: Workspace;
let dir: ReturnType<typeof tempDir>;

beforeAll(async () => {
  dir = tempDir('sightline-copies-');
  // minRows 1: every table counts as large here.
  ws = await Workspace.open(dir.path, { threads: 2, memoryLimit: '1GB', actorCopies: { minRows: 1 } });
  const conn = await ws.engine.connect();
  try {
    await createSampleData(conn, ws.filesDir, { scale: 0.05 });
  } finally {
    conn.closeSync();
  }
}, 120_000);

afterAll(async () => {
  await ws?.close();
  dir?.cleanup();
});

const REQUESTS: MetricRequest[] = [
  {
    metric: 'funnel',
    from: 'events',
    options: {
      steps: [{ event: 'signup' }, { event: 'project_created' }, { event: 'invite_sent' }],
      window: '14d',
      breakdown: 'plan',
    },
  },
  {
    metric: 'funnel',
    from: 'events',
    options: {
      steps: [{ event: 'signup' }, { event: 'project_created' }],
      window: '7d',
      order: 'strict',
      anchor: 'first_entry',
      tiebreak: 'event_id',
    },
  },
  {
    metric: 'retention',
    from: 'events',
    options: { start: { event: 'signup' }, period: 'week', periods: 6 },
  },
  { metric: 'active', from: 'events', tz: 'Europe/Berlin', options: {} },
];

const copies = () => {
  const c = ws.engine.actorCopies;
  if (!c) throw new Error('actor copies are not on');
  return c;
};

/** The request on the table itself (copies off) and as the workbench runs it (copies on). */
async function both(req: MetricRequest) {
  const direct = await answerMetric(duckdbTarget(ws.engine, { copies: false }), req);
  const maybeCopy = await answerMetric(duckdbTarget(ws.engine), req);
  return { direct, maybeCopy };
}

function answer(a: Awaited<ReturnType<typeof answerMetric>>) {
  return { result: a.result, stats: a.stats, warnings: a.warnings, sql: a.sql };
}

describe('actor-ordered copies', () => {
  it('are read by the next metric on the table and give the same answers as the table', async () => {
    for (const req of REQUESTS) {
      const first = await answerMetric(duckdbTarget(ws.engine), req);
      await copies().settled();
      const { direct, maybeCopy } = await both(req);
      expect(maybeCopy.readFromCopy, `${req.metric} ${JSON.stringify(req.options)}`).toBe(true);
      expect(direct.readFromCopy).toBe(false);
      // The SQL shown names the table itself, and the numbers are the same as the table's.
      expect(answer(maybeCopy)).toEqual(answer(direct));
      expect(answer(first)).toEqual(answer(direct));
    }
    // The copy really is ordered by actor and holds the same rows.
    const lease = copies().lookup('main', 'events', 'user_id');
    const copyName = lease?.sql;
    lease?.release();
    expect(copyName).toMatch(/^"sightline_copies"\.main\./);
    const [same] = (
      await ws.engine.query(
        `SELECT (SELECT count(*) FROM (SELECT * FROM events EXCEPT ALL SELECT * FROM ${copyName})) AS missing,
                (SELECT count(*) FROM (SELECT * FROM ${copyName} EXCEPT ALL SELECT * FROM events)) AS extra,
                (SELECT count(*) FROM events) AS n`,
      )
    ).rows;
    expect(same).toEqual({ missing: 0, extra: 0, n: expect.any(Number) });
    expect(Number(same?.n)).toBeGreaterThan(1000);
  });

  it('are not read after a write to the table, and are made again', async () => {
    const req = REQUESTS[0]!;
    await answerMetric(duckdbTarget(ws.engine), req);
    await copies().settled();
    expect((await answerMetric(duckdbTarget(ws.engine), req)).readFromCopy).toBe(true);

    // An INSERT through query(): the next metric reads the table and counts the new user.
    const before = await answerMetric(duckdbTarget(ws.engine, { copies: false }), req);
    await ws.engine.query(
      `INSERT INTO events (event_id, user_id, event, ts, plan) VALUES
         (-1, 'copy-test-user', 'signup', TIMESTAMP '2026-03-02 10:00:00', 'pro')`,
    );
    const after = await answerMetric(duckdbTarget(ws.engine), req);
    expect(after.readFromCopy).toBe(false);
    expect(usersAtStep1(after)).toBe(usersAtStep1(before) + 1);

    // The next metric made a new copy, which has the new row.
    await copies().settled();
    const again = await answerMetric(duckdbTarget(ws.engine), req);
    expect(again.readFromCopy).toBe(true);
    expect(answer(again)).toEqual(answer(after));
  });

  it('are not read after an UPDATE run as a workbench query, nor while a connection of the engine is open', async () => {
    const req = REQUESTS[2]!;
    await answerMetric(duckdbTarget(ws.engine), req);
    await copies().settled();
    expect((await answerMetric(duckdbTarget(ws.engine), req)).readFromCopy).toBe(true);

    const running = ws.engine.start(`UPDATE events SET event = 'signup' WHERE event_id = -1`);
    await running.result;
    expect((await answerMetric(duckdbTarget(ws.engine), req)).readFromCopy).toBe(false);
    await copies().settled();
    expect((await answerMetric(duckdbTarget(ws.engine), req)).readFromCopy).toBe(true);

    // A connection handed out by connect() may write at any moment until it closes.
    const conn = await ws.engine.connect();
    try {
      expect((await answerMetric(duckdbTarget(ws.engine), req)).readFromCopy).toBe(false);
      await conn.run(`DELETE FROM events WHERE event_id = -1`);
    } finally {
      conn.closeSync();
    }
    const { direct, maybeCopy } = await both(req);
    expect(maybeCopy.readFromCopy).toBe(false);
    expect(answer(maybeCopy)).toEqual(answer(direct));
  });

  it('throw away a copy when a connection that may write opens while it is made', async () => {
    const req = REQUESTS[3]!;
    await ws.engine.query('DELETE FROM events WHERE event_id = -2'); // any write: the current copies are stale
    await answerMetric(duckdbTarget(ws.engine), req); // asks for a copy
    const conn = await ws.engine.connect(); // opens while that copy is made
    await copies().settled();
    expect(copies().lookup('main', 'events', 'user_id')).toBeNull();
    conn.closeSync();
    expect((await answerMetric(duckdbTarget(ws.engine), req)).readFromCopy).toBe(false);
    await copies().settled();
    expect((await answerMetric(duckdbTarget(ws.engine), req)).readFromCopy).toBe(true);
  });

  it('are not made while a write is under way, e.g. a streamed UPDATE not yet read to its end', async () => {
    const req = REQUESTS[2]!;
    const stream = ws.engine
      .stream(
        `UPDATE events SET plan = plan WHERE event_id IN (SELECT event_id FROM events LIMIT 3000) RETURNING event_id`,
      )
      [Symbol.asyncIterator]();
    expect((await stream.next()).done).toBe(false); // the UPDATE is under way until the stream ends
    expect((await answerMetric(duckdbTarget(ws.engine), req)).readFromCopy).toBe(false);
    await copies().settled();
    expect(copies().lookup('main', 'events', 'user_id')).toBeNull();
    await stream.return?.();
    await answerMetric(duckdbTarget(ws.engine), req);
    await copies().settled();
    expect((await answerMetric(duckdbTarget(ws.engine), req)).readFromCopy).toBe(true);
  });

  it("do not give the answer when a write starts while the metric reads the copy: the table's answer is given", async () => {
    const req = REQUESTS[0]!;
    await answerMetric(duckdbTarget(ws.engine), req);
    await copies().settled();
    // A target that lets a write in right after the copy was read (as a workbench query could).
    const plain = duckdbTarget(ws.engine);
    let wrote = false;
    const racing = {
      ...plain,
      query: async (sql: string, opts?: { signal?: AbortSignal; timeoutMs?: number }) => {
        const result = await plain.query(sql, opts);
        if (!wrote && sql.includes('sightline_copies')) {
          wrote = true;
          await ws.engine.query(
            `INSERT INTO events (event_id, user_id, event, ts, plan) VALUES
               (-3, 'copy-race-user', 'signup', TIMESTAMP '2026-03-03 10:00:00', 'pro')`,
          );
        }
        return result;
      },
    };
    const raced = await answerMetric(racing, req);
    expect(wrote).toBe(true);
    expect(raced.readFromCopy).toBe(false);
    const direct = await answerMetric(duckdbTarget(ws.engine, { copies: false }), req);
    expect(answer(raced)).toEqual(answer(direct));
    await ws.engine.query('DELETE FROM events WHERE event_id = -3');
  });

  it('keep a copy that a metric still reads until it is released, then drop it', async () => {
    const req = REQUESTS[0]!;
    await answerMetric(duckdbTarget(ws.engine), req);
    await copies().settled();
    const lease = copies().lookup('main', 'events', 'user_id');
    if (!lease) throw new Error('no copy');
    await ws.engine.query('DELETE FROM events WHERE event_id = -4'); // a write: the copy is stale
    expect(lease.fresh()).toBe(false);
    expect(copies().lookup('main', 'events', 'user_id')).toBeNull(); // taken out of use...
    await copies().settled();
    const count = `SELECT count(*) AS n FROM ${lease.sql}`;
    expect(Number((await ws.engine.query(count)).rows[0]?.n)).toBeGreaterThan(0); // ...but still readable
    lease.release();
    await copies().settled();
    await expect(ws.engine.query(count)).rejects.toThrow(/doesn't exist|does not exist/);
  });

  it('see writes made through another Engine on the same database file', async () => {
    const req = REQUESTS[3]!;
    await answerMetric(duckdbTarget(ws.engine), req);
    await copies().settled();
    expect((await answerMetric(duckdbTarget(ws.engine), req)).readFromCopy).toBe(true);
    // Same options as the workspace's, so DuckDB's instance cache hands back the same database.
    const other = await Engine.open(ws.dbPath, {
      tempDirectory: join(dir.path, 'tmp'),
      memoryLimit: '1GB',
      threads: 2,
    });
    await other.query(`DELETE FROM events WHERE event_id = -5`);
    const { direct, maybeCopy } = await both(req);
    expect(maybeCopy.readFromCopy).toBe(false);
    expect(answer(maybeCopy)).toEqual(answer(direct));
  });

  it('are made for tables only, not for files', async () => {
    const file = `${dir.path}/events.csv`;
    await ws.engine.query(`COPY (SELECT * FROM events LIMIT 500) TO '${file}'`);
    const req: MetricRequest = {
      metric: 'funnel',
      from: file,
      options: { steps: [{ event: 'signup' }, { event: 'project_created' }] },
    };
    await answerMetric(duckdbTarget(ws.engine), req);
    await copies().settled();
    expect((await answerMetric(duckdbTarget(ws.engine), req)).readFromCopy).toBe(false);
  });
});

describe('actor-ordered copies, off', () => {
  it('are off unless asked for, and for tables smaller than minRows', async () => {
    const d = tempDir('sightline-copies-off-');
    const plain = await Workspace.open(d.path, { threads: 1 });
    const small = await Workspace.open(`${d.path}/small`, { threads: 1, actorCopies: true });
    try {
      expect(plain.engine.actorCopies).toBeNull();
      await small.engine.query(
        `CREATE TABLE events AS SELECT 'u' || (i % 7) AS user_id, CASE WHEN i % 3 = 0 THEN 'signup' ELSE 'use' END AS event,
           TIMESTAMP '2026-01-01' + INTERVAL (i) HOUR AS ts FROM range(1000) r(i)`,
      );
      const req: MetricRequest = {
        metric: 'retention',
        from: 'events',
        options: { start: { event: 'signup' } },
      };
      await answerMetric(duckdbTarget(small.engine), req);
      await small.engine.actorCopies?.settled();
      expect((await answerMetric(duckdbTarget(small.engine), req)).readFromCopy).toBe(false);
    } finally {
      await small.close();
      await plain.close();
      d.cleanup();
    }
  });
});

function usersAtStep1(a: Awaited<ReturnType<typeof answerMetric>>): number {
  const groups = (a.result as { groups: { steps: { users: number }[] }[] }).groups;
  return groups.reduce((sum, g) => sum + (g.steps[0]?.users ?? 0), 0);
}
