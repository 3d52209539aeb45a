import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BIN, sightlineJson } from './run-cli.js';

let dir: { path: string; cleanup: () => void };
let ws: string;
let big: string;

beforeAll(async () => {
  dir = tempDir();
  ws = join(dir.path, 'ws');
  big = join(dir.path, 'big events.csv');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(
    `COPY (SELECT i AS id, 'user_' || (i % 5000) AS user_id, 'event_' || (i % 7) AS event,
            TIMESTAMP '2026-01-01' + INTERVAL (i) SECOND AS ts, (i % 1000) / 10.0 AS amount
           FROM range(3000000) t(i)) TO '${big.replaceAll("'", "''")}' (HEADER)`,
  );
  conn.closeSync();
  db.closeSync();
});
afterAll(() => dir.cleanup());

test('an import killed with SIGKILL mid-way leaves the workspace as it was', async () => {
  await sightlineJson(['query', 'CREATE TABLE keep AS SELECT 42 AS answer'], { workspace: ws });
  const child = spawn(process.execPath, [BIN, 'import', big, '--as', 'events'], {
    env: { ...process.env, SIGHTLINE_WORKSPACE: ws },
    stdio: 'ignore',
  });
  await new Promise((r) => setTimeout(r, 1200));
  expect(child.exitCode).toBe(null);
  child.kill('SIGKILL');
  await new Promise((r) => child.on('close', r));
  expect(await sightlineJson(['tables'], { workspace: ws })).toEqual([
    { table: 'keep', rows: 1, columns: 1 },
  ]);
  expect(await sightlineJson(['query', 'SELECT answer FROM keep'], { workspace: ws })).toEqual([
    { answer: 42 },
  ]);
  const again = await sightlineJson(['import', big, '--as', 'events'], { workspace: ws });
  expect(again).toEqual([{ table: 'events', rows: 3_000_000, columns: 5, rejected: 0 }]);
}, 120_000);
