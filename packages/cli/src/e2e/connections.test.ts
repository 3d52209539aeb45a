import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type PgCluster, startPostgres, tempDir } from '@sightline/testkit';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sightline, sightlineJson } from './run-cli.js';

let cluster: PgCluster;
let dir: { path: string; cleanup: () => void };
let ws: string;

beforeAll(async () => {
  cluster = await startPostgres();
  dir = tempDir();
  ws = join(dir.path, 'ws');
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  await client.query(`
    CREATE TABLE orders (id bigint PRIMARY KEY, customer text, amount numeric(10,2), ordered_at timestamptz);
    INSERT INTO orders VALUES
      (1, 'O''Brien', 12.50, '2026-03-01 12:00:00+00'),
      (9007199254740993, 'Zoë', 99.00, '2026-03-02 08:30:00+00'),
      (3, NULL, 5.25, NULL);
  `);
  await client.end();
});
afterAll(async () => {
  await cluster?.stop();
  dir?.cleanup();
});

test('connect stores the connection (config 0600) and never prints the password', async () => {
  const r = await sightline(['connect', 'prod', cluster.url, '--format', 'json'], { workspace: ws });
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual([
    {
      name: 'prod',
      kind: 'postgres',
      url: `postgres://${cluster.user}:***@127.0.0.1:${cluster.port}/postgres`,
    },
  ]);
  expect(r.stdout + r.stderr).not.toContain(cluster.password);
  expect(r.stdout + r.stderr).not.toContain(encodeURIComponent(cluster.password));
  expect(statSync(join(ws, 'sightline.json')).mode & 0o777).toBe(0o600);
  const list = await sightline(['connections', '--format', 'json'], { workspace: ws });
  expect(JSON.parse(list.stdout)).toEqual(JSON.parse(r.stdout));
  expect(list.stdout).not.toContain(encodeURIComponent(cluster.password));
});

test('a wrong password fails with exit 1, a plain sentence, and no password echoed', async () => {
  const bad = `postgres://${cluster.user}:wrong-pw-123@127.0.0.1:${cluster.port}/postgres`;
  const r = await sightline(['connect', 'bad', bad], { workspace: ws });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^error: .*password/i);
  expect(r.stderr).not.toContain('wrong-pw-123');
});

test('query --on runs in PostgreSQL and returns the same JSON value rules', async () => {
  const rows = await sightlineJson(['query', '--on', 'prod', 'SELECT * FROM orders ORDER BY id'], {
    workspace: ws,
  });
  expect(rows).toEqual([
    { id: 1, customer: "O'Brien", amount: 12.5, ordered_at: '2026-03-01T12:00:00Z' },
    { id: 3, customer: null, amount: 5.25, ordered_at: null },
    { id: '9007199254740993', customer: 'Zoë', amount: 99, ordered_at: '2026-03-02T08:30:00Z' },
  ]);
});

test('tables --on and describe --on are pushed down', async () => {
  const tables = await sightlineJson(['tables', '--on', 'prod'], { workspace: ws });
  expect(tables).toEqual([{ schema: 'public', table: 'orders', rows: 3, columns: 4 }]);
  const described = (await sightlineJson(['describe', 'orders', '--on', 'prod'], {
    workspace: ws,
  })) as Record<string, unknown>[];
  expect(described.map((c) => [c.column, c.nulls, c.distinct])).toEqual([
    ['id', 0, 3],
    ['customer', 1, 2],
    ['amount', 0, 3],
    ['ordered_at', 1, 2],
  ]);
});

test('an unknown connection name says which exist', async () => {
  const r = await sightline(['query', '--on', 'staging', 'SELECT 1'], { workspace: ws });
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(
    'error: There is no connection named "staging" in this workspace.\nhint: Known connections: prod.\n',
  );
});

test('PGPASSWORD supplies a password left out of the URL', async () => {
  const url = `postgres://${cluster.user}@127.0.0.1:${cluster.port}/postgres`;
  const r = await sightline(['connect', 'envpw', url, '--format', 'json'], {
    workspace: ws,
    env: { PGPASSWORD: cluster.password },
  });
  expect(r.code).toBe(0);
  const rows = await sightlineJson(['query', '--on', 'envpw', 'SELECT 1 AS one'], {
    workspace: ws,
    env: { PGPASSWORD: cluster.password },
  });
  expect(rows).toEqual([{ one: 1 }]);
});
