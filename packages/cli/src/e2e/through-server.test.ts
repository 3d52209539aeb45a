import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '@sightline/engine';
import { type ServerHandle, startServer } from '@sightline/server';
import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sightline, sightlineJson } from './run-cli.js';

// While `sightline open` serves a workspace it holds the database file (DuckDB allows one process), so the CLI
// must run its commands through that server instead of waiting for the lock.
let dir: { path: string; cleanup: () => void };
let ws: string;
let server: ServerHandle;

beforeAll(async () => {
  dir = tempDir();
  ws = join(dir.path, 'ws');
  const w = await Workspace.open(ws);
  await w.engine.query(
    "CREATE TABLE orders AS SELECT range AS id, 'c' || (range % 3) AS customer FROM range(10)",
  );
  await w.close();
  server = await startServer({ workspaceDir: ws });
});
afterAll(async () => {
  await server?.close();
  dir?.cleanup();
});

test('query, tables and describe answer through the running server', async () => {
  const t = performance.now();
  expect(await sightlineJson(['tables'], { workspace: ws })).toEqual([
    { table: 'orders', rows: 10, columns: 2 },
  ]);
  expect(
    await sightlineJson(['query', 'SELECT customer, count(*) AS n FROM orders GROUP BY 1 ORDER BY 1'], {
      workspace: ws,
    }),
  ).toEqual([
    { customer: 'c0', n: 4 },
    { customer: 'c1', n: 3 },
    { customer: 'c2', n: 3 },
  ]);
  const described = (await sightlineJson(['describe', 'orders'], { workspace: ws })) as { column: string }[];
  expect(described.map((d) => d.column)).toEqual(['id', 'customer']);
  // Waiting for the lock would take the 30 s lock timeout.
  expect(performance.now() - t).toBeLessThan(20_000);
});

test('errors come back as error: and hint: lines with exit 1', async () => {
  const r = await sightline(['query', 'SELECT custmer FROM orders'], { workspace: ws });
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(
    'error: Column "custmer" doesn\'t exist (line 1, col 8).\nhint: Did you mean "customer"?\n',
  );
});

test("import and export with relative paths use the caller's folder", async () => {
  writeFileSync(join(dir.path, 'more.csv'), 'a,b\n1,x\n2,y\n');
  const imported = await sightlineJson(['import', 'more.csv'], { workspace: ws, cwd: dir.path });
  expect(imported).toEqual([{ table: 'more', rows: 2, columns: 2, rejected: 0 }]);
  const out = await sightlineJson(['export', 'more', '--to', 'more.parquet'], {
    workspace: ws,
    cwd: dir.path,
  });
  expect(out).toEqual([{ path: join(dir.path, 'more.parquet'), format: 'parquet', rows: 2 }]);
});

test('building the sample needs the database itself: a clear message says how', async () => {
  const r = await sightline(['sample', '--scale', '0.01'], { workspace: ws });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(
    "The web workbench is serving this workspace, so building the sample data can't run",
  );
});
