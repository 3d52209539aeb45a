import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { tempDir } from '@sightline/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SightlineError } from '../errors.js';
import { createSampleData } from './create-sample-data.js';

async function tables(conn: DuckDBConnection): Promise<string[]> {
  const reader = await conn.runAndReadAll(
    'SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1',
  );
  return reader.getRows().map((r) => String(r[0]));
}

async function count(conn: DuckDBConnection, table: string): Promise<number> {
  return Number((await conn.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0]?.[0]);
}

describe('createSampleData in a workspace that already has tables', () => {
  let dir: ReturnType<typeof tempDir>;
  let conn: DuckDBConnection;

  beforeEach(async () => {
    dir = tempDir();
    conn = await (await DuckDBInstance.create(':memory:')).connect();
  });
  afterEach(() => dir.cleanup());

  it('replaces an earlier sample, leaving no staging tables behind', async () => {
    await createSampleData(conn, dir.path, { seed: 1, scale: 0.02 });
    const first = await count(conn, 'events');
    const again = await createSampleData(conn, dir.path, { seed: 2, scale: 0.01 });
    expect(await tables(conn)).toEqual([
      'access_log',
      'app_log',
      'events',
      'experiment_assignments',
      'subscriptions',
      'users',
    ]);
    expect(await count(conn, 'users')).toBe(200);
    expect(await count(conn, 'events')).toBe(again.tables[1]?.rows);
    expect(await count(conn, 'events')).not.toBe(first);
    const temp = await conn.runAndReadAll(
      "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'temp'",
    );
    expect(temp.getRows()[0]?.[0]).toBe(0n);
  });

  it('refuses to overwrite a table of the user and creates nothing', async () => {
    await conn.run("CREATE TABLE Events AS SELECT 'mine' AS note");
    const error = await createSampleData(conn, dir.path, { scale: 0.01 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SightlineError);
    expect((error as SightlineError).kind).toBe('user');
    expect((error as SightlineError).message).toBe(
      'The workspace already has a table named "Events" that is not sample data, so the sample was not created.',
    );
    expect(await tables(conn)).toEqual(['Events']);
    expect((await conn.runAndReadAll('SELECT note FROM Events')).getRows()).toEqual([['mine']]);
  });

  it('keeps an earlier sample intact when a later run is refused', async () => {
    await createSampleData(conn, dir.path, { seed: 1, scale: 0.01 });
    const before = await count(conn, 'events');
    await conn.run('CREATE VIEW subscriptions_v AS SELECT 1 AS x');
    await conn.run('DROP TABLE subscriptions');
    await conn.run('CREATE VIEW subscriptions AS SELECT 1 AS x');
    await expect(createSampleData(conn, dir.path, { seed: 3, scale: 0.01 })).rejects.toThrow(
      'The workspace already has a view named "subscriptions" that is not sample data',
    );
    expect(await count(conn, 'events')).toBe(before);
  });

  it('replaces tables and views of the user when asked to', async () => {
    await conn.run('CREATE TABLE users AS SELECT 1 AS x');
    await conn.run('CREATE VIEW events AS SELECT 1 AS x');
    const result = await createSampleData(conn, dir.path, { scale: 0.01, replace: true });
    expect(result.tables.map((t) => t.rows)[0]).toBe(200);
    expect(await count(conn, 'users')).toBe(200);
  });

  it('explains bad options as usage errors', async () => {
    for (const opts of [
      { scale: 0 },
      { scale: Number.NaN },
      { scale: 11 },
      { seed: 1.5 },
      { now: new Date('x') },
    ]) {
      const error = await createSampleData(conn, dir.path, opts).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SightlineError);
      expect((error as SightlineError).kind).toBe('usage');
    }
    expect(await tables(conn)).toEqual([]);
  });

  it('says where it could not write the log files', async () => {
    const missing = `${dir.path}/no/such/folder`;
    await expect(createSampleData(conn, missing, { scale: 0.01 })).rejects.toThrow(
      `Could not write the sample log files in ${missing}.`,
    );
    expect(await tables(conn)).toEqual([]);
  });
});
