import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { type PgCluster, startPostgres } from './postgres.js';

/** An in-memory DuckDB and a throwaway PostgreSQL, both in UTC, for running the same SQL on both in tests. */
export interface TwinEngines {
  duck: DuckDBConnection;
  pg: pg.Client;
  cluster: PgCluster;
  /** Runs the same statements on both engines. */
  execBoth(sql: string): Promise<void>;
  close(): Promise<void>;
}

// PostgreSQL types read back as their text (int8, date, timestamp, timestamptz, numeric), as DuckDB's JSON
// reader prints them, so that rows of the two engines compare.
const AS_TEXT = [20, 1082, 1114, 1184, 1700];

/**
 * Opens both engines (one PostgreSQL cluster per call: call once per test file). With `comparableText`, the
 * PostgreSQL client keeps big numbers, dates and timestamps as text.
 */
export async function openTwinEngines(opts: { comparableText?: boolean } = {}): Promise<TwinEngines> {
  const cluster = await startPostgres();
  const client = new pg.Client({
    connectionString: cluster.url,
    ...(opts.comparableText
      ? {
          types: {
            getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
              AS_TEXT.includes(oid)
                ? (v: string) => v
                : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
          },
        }
      : {}),
  });
  await client.connect();
  await client.query("SET TIME ZONE 'UTC'");
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  await duck.run("SET TimeZone = 'UTC'");
  return {
    duck,
    pg: client,
    cluster,
    async execBoth(sql) {
      await duck.run(sql);
      await client.query(sql);
    },
    async close() {
      duck.closeSync();
      instance.closeSync();
      await client.end();
      await cluster.stop();
    },
  };
}
