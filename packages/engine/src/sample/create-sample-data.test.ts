import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleData, type SampleResult } from './create-sample-data.js';

const SCALE = 0.03;
const USERS = 600;

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS();
}

async function one(conn: DuckDBConnection, sql: string): Promise<unknown> {
  const first = (await rows(conn, sql))[0] ?? {};
  return Object.values(first)[0];
}

const CHECKSUMS = {
  users: 'SELECT md5(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY user_id)) FROM users t',
  events: 'SELECT md5(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY event_id)) FROM events t',
  subscriptions:
    'SELECT md5(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY subscription_id)) FROM subscriptions t',
  experiment_assignments:
    'SELECT md5(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY user_id)) FROM experiment_assignments t',
};

async function checksums(conn: DuckDBConnection): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [table, sql] of Object.entries(CHECKSUMS)) out[table] = await one(conn, sql);
  return out;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function freshSample(seed: number, dir: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const result = await createSampleData(conn, dir, { seed, scale: SCALE });
  return { instance, conn, result };
}

describe('createSampleData', () => {
  const dirs = [tempDir(), tempDir(), tempDir()];
  let conn: DuckDBConnection;
  let result: SampleResult;
  let twin: DuckDBConnection;
  let other: DuckDBConnection;

  beforeAll(async () => {
    ({ conn, result } = await freshSample(7, dirs[0]!.path));
    ({ conn: twin } = await freshSample(7, dirs[1]!.path));
    ({ conn: other } = await freshSample(8, dirs[2]!.path));
  });
  afterAll(() => {
    for (const d of dirs) d.cleanup();
  });

  it('gives identical tables and files for the same seed, and different ones for another seed', async () => {
    const mine = await checksums(conn);
    expect(await checksums(twin)).toEqual(mine);
    const theirs = await checksums(other);
    for (const table of Object.keys(CHECKSUMS)) expect(theirs[table]).not.toEqual(mine[table]);
    for (const file of ['access.log', 'app.log.jsonl']) {
      expect(sha(join(dirs[1]!.path, file))).toBe(sha(join(dirs[0]!.path, file)));
      expect(sha(join(dirs[2]!.path, file))).not.toBe(sha(join(dirs[0]!.path, file)));
    }
  });

  it('reports the tables and files it made, with their real row counts', async () => {
    expect(result.tables.map((t) => t.table)).toEqual([
      'users',
      'events',
      'subscriptions',
      'experiment_assignments',
    ]);
    for (const { table, rows: n } of result.tables)
      expect(Number(await one(conn, `SELECT count(*) FROM ${table}`))).toBe(n);
    expect(result.files).toEqual([join(dirs[0]!.path, 'access.log'), join(dirs[0]!.path, 'app.log.jsonl')]);
    const count = Object.fromEntries(result.tables.map((t) => [t.table, t.rows]));
    expect(count.users).toBe(USERS);
    expect(count.events).toBeGreaterThan(USERS * 35);
    expect(count.events).toBeLessThan(USERS * 65);
    expect(count.subscriptions).toBeGreaterThan(USERS * 0.03);
    expect(count.experiment_assignments).toBeGreaterThan(USERS * 0.2);
  });

  it('types the columns for analysis (zoned timestamps, 64-bit ids, money as decimals)', async () => {
    const types = await rows(
      conn,
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE column_name IN ('event_id', 'ts', 'revenue_usd', 'signup_at', 'mrr_usd', 'assigned_at', 'user_id')
        ORDER BY table_name, column_name`,
    );
    expect(types).toEqual([
      { table_name: 'access_log', column_name: 'ts', data_type: 'TIMESTAMP WITH TIME ZONE' },
      { table_name: 'app_log', column_name: 'ts', data_type: 'TIMESTAMP WITH TIME ZONE' },
      { table_name: 'app_log', column_name: 'user_id', data_type: 'VARCHAR' },
      { table_name: 'events', column_name: 'event_id', data_type: 'BIGINT' },
      { table_name: 'events', column_name: 'revenue_usd', data_type: 'DECIMAL(10,2)' },
      { table_name: 'events', column_name: 'ts', data_type: 'TIMESTAMP WITH TIME ZONE' },
      { table_name: 'events', column_name: 'user_id', data_type: 'VARCHAR' },
      {
        table_name: 'experiment_assignments',
        column_name: 'assigned_at',
        data_type: 'TIMESTAMP WITH TIME ZONE',
      },
      { table_name: 'experiment_assignments', column_name: 'user_id', data_type: 'VARCHAR' },
      { table_name: 'subscriptions', column_name: 'mrr_usd', data_type: 'DECIMAL(10,2)' },
      { table_name: 'subscriptions', column_name: 'user_id', data_type: 'VARCHAR' },
      { table_name: 'users', column_name: 'signup_at', data_type: 'TIMESTAMP WITH TIME ZONE' },
      { table_name: 'users', column_name: 'user_id', data_type: 'VARCHAR' },
    ]);
  });

  it('keeps every event inside the 120-day window and every actor a known user', async () => {
    const [span] = await rows(
      conn,
      `SELECT min(ts) >= TIMESTAMPTZ '2026-07-04 00:00:00+00' AS after_start,
              max(ts) < TIMESTAMPTZ '2026-11-01 00:00:00+00' AS before_end,
              count(*) FILTER (WHERE user_id IS NOT NULL AND user_id NOT IN (SELECT user_id FROM users)) AS strangers,
              count(DISTINCT event_id) = count(*) AS ids_unique
         FROM events`,
    );
    expect(span).toEqual({ after_start: true, before_end: true, strangers: 0n, ids_unique: true });
    expect(
      await one(
        conn,
        'SELECT count(*) FROM experiment_assignments WHERE user_id NOT IN (SELECT user_id FROM users)',
      ),
    ).toBe(0n);
  });

  it('has anonymous page views (NULL user_id) and same-second ties', async () => {
    const [anon] = await rows(
      conn,
      `SELECT count(*) FILTER (WHERE user_id IS NULL) / count(*) AS share,
              count(*) FILTER (WHERE user_id IS NULL AND event <> 'page_view') AS not_page_views
         FROM events`,
    );
    expect(anon?.not_page_views).toBe(0n);
    expect(anon?.share).toBeGreaterThan(0.01);
    expect(anon?.share).toBeLessThan(0.1);
    const ties = await one(
      conn,
      `SELECT count(*) FROM events s JOIN events o ON o.user_id = s.user_id AND o.ts = s.ts
        WHERE s.event = 'signup' AND o.event = 'onboarding_started'`,
    );
    expect(Number(ties)).toBeGreaterThan(USERS * 0.5);
    const tiedUpgrades = await one(
      conn,
      `SELECT count(*) FROM events c JOIN events u ON u.user_id = c.user_id AND u.ts = c.ts AND u.event_id > c.event_id
        WHERE c.event = 'checkout_completed' AND u.event = 'upgrade'`,
    );
    expect(tiedUpgrades).toBe(await one(conn, `SELECT count(*) FROM events WHERE event = 'upgrade'`));
  });

  it('dips on weekends', async () => {
    const [week] = await rows(
      conn,
      `WITH d AS (SELECT CAST(ts AS DATE) AS day, count(*) AS n FROM events GROUP BY 1)
       SELECT avg(n) FILTER (WHERE isodow(day) >= 6) / avg(n) FILTER (WHERE isodow(day) <= 5) AS ratio FROM d`,
    );
    expect(week?.ratio).toBeGreaterThan(0.35);
    expect(week?.ratio).toBeLessThan(0.7);
  });

  it('converts signup -> project_created -> invite_sent at designed rates within 14 days', async () => {
    const [funnel] = await rows(
      conn,
      `WITH s AS (SELECT user_id, min(ts) AS t0 FROM events WHERE event = 'signup' GROUP BY 1),
            p AS (SELECT s.user_id, s.t0, min(e.ts) AS t1 FROM s JOIN events e ON e.user_id = s.user_id
                   AND e.event = 'project_created' AND e.ts BETWEEN s.t0 AND s.t0 + INTERVAL 14 DAY GROUP BY 1, 2),
            i AS (SELECT DISTINCT p.user_id FROM p JOIN events e ON e.user_id = p.user_id
                   AND e.event = 'invite_sent' AND e.ts BETWEEN p.t1 AND p.t0 + INTERVAL 14 DAY)
       SELECT (SELECT count(*) FROM p) / (SELECT count(*) FROM s) AS project_rate,
              (SELECT count(*) FROM i) / (SELECT count(*) FROM s) AS invite_rate`,
    );
    expect(funnel?.project_rate).toBeGreaterThan(0.45);
    expect(funnel?.project_rate).toBeLessThan(0.68);
    expect(funnel?.invite_rate).toBeGreaterThan(0.15);
    expect(funnel?.invite_rate).toBeLessThan(0.35);
  });

  it('retains signup cohorts along a decaying, flattening weekly curve', async () => {
    const [curve] = await rows(
      conn,
      `WITH c AS (SELECT user_id, date_trunc('week', min(ts)) AS week FROM events WHERE event = 'signup' GROUP BY 1
                  HAVING min(ts) < TIMESTAMPTZ '2026-08-31 00:00:00+00'),
            a AS (SELECT DISTINCT user_id, date_trunc('week', ts) AS week FROM events WHERE user_id IS NOT NULL)
       SELECT count(DISTINCT a.user_id) FILTER (WHERE a.week = c.week + INTERVAL 1 WEEK) / count(DISTINCT c.user_id) AS w1,
              count(DISTINCT a.user_id) FILTER (WHERE a.week = c.week + INTERVAL 4 WEEK) / count(DISTINCT c.user_id) AS w4,
              count(DISTINCT a.user_id) FILTER (WHERE a.week = c.week + INTERVAL 8 WEEK) / count(DISTINCT c.user_id) AS w8
         FROM c LEFT JOIN a ON a.user_id = c.user_id`,
    );
    const { w1, w4, w8 } = curve as { w1: number; w4: number; w8: number };
    expect(w1).toBeGreaterThan(0.35);
    expect(w1).toBeLessThan(0.6);
    expect(w4).toBeLessThan(w1);
    expect(w8).toBeLessThanOrEqual(w4);
    expect(w8).toBeGreaterThan(0.12);
  });

  it('runs an evenly split A/B test in which B really converts better', async () => {
    const variants = await rows(
      conn,
      `SELECT a.variant, count(*) AS n,
              avg(CASE WHEN EXISTS (SELECT 1 FROM events e WHERE e.user_id = a.user_id
                     AND e.event = 'checkout_completed' AND e.ts >= a.assigned_at) THEN 1 ELSE 0 END) AS rate
         FROM experiment_assignments a GROUP BY 1 ORDER BY 1`,
    );
    const [a, b] = variants as { variant: string; n: bigint; rate: number }[];
    expect([a?.variant, b?.variant]).toEqual(['A', 'B']);
    expect(Math.abs(Number(a!.n) - Number(b!.n))).toBeLessThanOrEqual(2);
    expect(a!.rate).toBeGreaterThan(0.07);
    expect(a!.rate).toBeLessThan(0.12);
    expect(b!.rate).toBeGreaterThan(a!.rate);
    expect(await one(conn, `SELECT count(DISTINCT experiment) FROM experiment_assignments`)).toBe(1n);
  });

  it('writes an nginx combined access log with errors, escapes and unicode', () => {
    const lines = readFileSync(result.files[0]!, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1500);
    const combined =
      /^(\S+) - (\S+) \[(\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000)\] "((?:[^"\\]|\\x[0-9A-F]{2})*)" (\d{3}) (\d+) "([^"]*)" "((?:[^"\\]|\\x[0-9A-F]{2})*)"$/;
    const parsed = lines.map((line) => combined.exec(line));
    expect(lines.filter((_, i) => parsed[i] === null)).toEqual([]);
    const statuses = parsed.map((m) => Number(m![5]));
    expect(statuses.some((s) => s >= 400 && s < 500)).toBe(true);
    expect(statuses.some((s) => s >= 500)).toBe(true);
    expect(lines.some((l) => l.includes('\\x22'))).toBe(true);
    expect(lines.some((l) => l.includes('%C3%A9'))).toBe(true);
    const times = parsed.map((m) => m![3]!);
    expect(times[0]!.startsWith('30/Oct/2026')).toBe(true);
    expect(times.at(-1)!.startsWith('31/Oct/2026')).toBe(true);
  });

  it('imports its two logs as tables access_log and app_log, every line kept', async () => {
    expect(result.logTables).toEqual([
      { table: 'access_log', rows: 1500 },
      { table: 'app_log', rows: 900 },
    ]);
    const lines = readFileSync(result.files[0]!, 'utf8').trimEnd().split('\n');
    const statusInFile: Record<string, number> = {};
    for (const l of lines) {
      const s = /" (\d{3}) \d+ "/.exec(l)![1]!;
      statusInFile[s] = (statusInFile[s] ?? 0) + 1;
    }
    const statusInTable = await rows(
      conn,
      'SELECT status::VARCHAR AS s, count(*)::INTEGER AS n FROM access_log GROUP BY 1',
    );
    expect(Object.fromEntries(statusInTable.map((r) => [r.s, r.n]))).toEqual(statusInFile);
    expect(
      await one(
        conn,
        'SELECT count(*)::INTEGER FROM access_log WHERE ts IS NULL OR (path IS NULL AND request IS NULL)',
      ),
    ).toBe(0);
    const entries = readFileSync(result.files[1]!, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: string; error?: { stack: string } });
    const levels = await rows(conn, 'SELECT level, count(*)::INTEGER AS n FROM app_log GROUP BY 1');
    const levelsInFile: Record<string, number> = {};
    for (const e of entries) levelsInFile[e.level] = (levelsInFile[e.level] ?? 0) + 1;
    expect(Object.fromEntries(levels.map((r) => [r.level, r.n]))).toEqual(levelsInFile);
    expect(
      await one(conn, "SELECT count(*)::INTEGER FROM app_log WHERE error.stack LIKE '%\n    at %'"),
    ).toBe(entries.filter((e) => e.error?.stack.includes('\n    at ')).length);
  });

  it('writes a JSON-lines app log with known users and multi-line stack traces', async () => {
    const entries = readFileSync(result.files[1]!, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries).toHaveLength(900);
    for (const e of entries) {
      expect(Object.keys(e).slice(0, 5)).toEqual(['ts', 'level', 'message', 'service', 'request_id']);
      expect(e.ts).toMatch(/^2026-10-(30|31)T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    const stacks = entries.filter((e) =>
      (e.error as { stack?: string } | undefined)?.stack?.includes('\n    at '),
    );
    expect(stacks.length).toBeGreaterThan(5);
    expect(stacks.every((e) => e.level === 'error')).toBe(true);
    const ids = [...new Set(entries.map((e) => e.user_id).filter((u): u is string => typeof u === 'string'))];
    expect(ids.length).toBeGreaterThan(50);
    const known = await conn.runAndReadAll(
      'SELECT count(*) FROM users WHERE list_contains($ids, user_id)',
      {
        ids: listValue(ids),
      },
      { ids: LIST(VARCHAR) },
    );
    expect(Number(known.getRows()[0]?.[0])).toBe(ids.length);
  });
});
