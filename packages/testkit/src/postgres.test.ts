import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type PgCluster, startPostgres } from './postgres.js';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

test('a throwaway cluster accepts password connections and runs SQL', async () => {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  const { rows } = await client.query('SELECT 1 + 1 AS two, current_user AS who');
  await client.end();
  expect(rows).toEqual([{ two: 2, who: 'sightline' }]);
});

test('a wrong password is refused', async () => {
  const client = new pg.Client({
    host: cluster.host,
    port: cluster.port,
    user: cluster.user,
    password: 'nope',
  });
  await expect(client.connect()).rejects.toThrow(/password authentication failed/);
  await client.end().catch(() => {});
});
