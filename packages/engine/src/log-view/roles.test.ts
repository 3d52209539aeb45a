import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Engine } from '../core/engine.js';
import { createAccessLog, createAppLog } from './log-tables.test-support.js';
import { logRoles } from './roles.js';

let engine: Engine;
const dir = tempDir();
beforeAll(async () => {
  engine = await Engine.open(':memory:');
  await createAccessLog(engine);
  await createAppLog(engine, dir.path, 2000);
});
afterAll(async () => {
  await engine.close();
  dir.cleanup();
});

test('an nginx access log: time, HTTP status as severity, the request line as message, facets', async () => {
  const a = await logRoles(engine, 'access');
  expect(a.looksLikeLog).toBe(true);
  expect(a.roles).toEqual({
    time: { column: 'ts', kind: 'timestamptz' },
    severity: { column: 'status', kind: 'http_status' },
    message: ['method', 'path'],
    facets: ['status', 'method', 'path', 'user_agent', 'query'],
  });
  expect(a.reasons).toContain('Severity: "status" (HTTP status: 5xx are errors, 4xx warnings).');
  expect(a.columns[0]).toEqual({ name: 'ts', type: 'TIMESTAMP WITH TIME ZONE' });
});

test('a JSON app log with its time as text', async () => {
  const a = await logRoles(engine, 'app');
  expect(a.roles).toEqual({
    time: { column: 'ts', kind: 'text' },
    severity: { column: 'level', kind: 'level' },
    message: ['message'],
    facets: ['level', 'service'],
  });
  expect(a.reasons[0]).toBe('Time: "ts" (text that reads as dates and times).');
});

test('epoch milliseconds, syslog numbers and the longest text column', async () => {
  await engine.query(`CREATE TABLE sys AS SELECT 1761800000000 + i * 1000 AS epoch_ms, i % 8 AS severity,
    'host' || (i % 3) AS hostname, 'kernel: eth0 link up after ' || i || ' ms of waiting' AS detail, i AS seq
    FROM range(500) t(i)`);
  const a = await logRoles(engine, 'sys');
  expect(a.roles).toEqual({
    time: { column: 'epoch_ms', kind: 'epoch_ms' },
    severity: { column: 'severity', kind: 'syslog_level' },
    message: ['detail'],
    facets: ['severity', 'hostname'],
  });
  expect(a.looksLikeLog).toBe(true);
});

test('a table that is not a log says so', async () => {
  await engine.query(`CREATE TABLE people AS SELECT 'u' || i AS user_id, i % 40 AS age FROM range(100) t(i)`);
  const a = await logRoles(engine, 'people');
  expect(a.looksLikeLog).toBe(false);
  expect(a.notLog).toBe('it has no column holding the time of each line');
  expect(a.roles.time).toBeNull();
  expect(a.reasons[0]).toBe(
    'Time: none found (no timestamp column, and no text or number column that reads as times).',
  );
});

test('a timestamp and some text do not make a log without a severity, message or request column', async () => {
  await engine.query(`CREATE TABLE signups AS SELECT 'u' || i AS user_id, 'Person ' || i AS full_name,
    TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_days(i) AS signup_at FROM range(100) t(i)`);
  const a = await logRoles(engine, 'signups');
  expect([a.looksLikeLog, a.notLog]).toEqual([
    false,
    'it has no level, severity or status column and no message or request column',
  ]);
  expect(a.roles.message).toEqual(['full_name']);
});

test('an unknown table is a plain error naming close matches', async () => {
  await expect(logRoles(engine, 'acess')).rejects.toMatchObject({
    message: 'There is no table named "acess" in this workspace.',
    hints: ['Did you mean "access"?'],
  });
});
