// Test support: the same SQL on a real in-memory DuckDB and a real throwaway PostgreSQL, read back comparably.
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { type PgCluster, startPostgres } from '@sightline/testkit';
import pg from 'pg';

/** A comparable cell: date/time and big numbers as the engines' text, lists as arrays. */
export type Cell = null | boolean | number | string | Cell[] | { [k: string]: Cell };

/** Both engines, open. */
export interface Engines {
  duck: DuckDBConnection;
  pg: pg.Client;
  cluster: PgCluster;
  /** Runs SQL on DuckDB with `$n` parameters; rows as objects. */
  duckRows(sql: string, params?: (string | number | boolean | null)[]): Promise<Record<string, Cell>[]>;
  /** Runs SQL on PostgreSQL with `$n` parameters; rows as objects. */
  pgRows(sql: string, params?: (string | number | boolean | null)[]): Promise<Record<string, Cell>[]>;
  /** Runs the same statements on both engines. */
  execBoth(sql: string): Promise<void>;
  close(): Promise<void>;
}

// PostgreSQL types whose text form DuckDB's JSON reader also prints: keep them as text so both sides compare.
const AS_TEXT = [20, 1082, 1114, 1184, 1700];

/** Opens an in-memory DuckDB and a fresh PostgreSQL cluster, both with the session time zone set to UTC. */
export async function openEngines(): Promise<Engines> {
  const cluster = await startPostgres();
  const client = new pg.Client({
    connectionString: cluster.url,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        AS_TEXT.includes(oid)
          ? (v: string) => v
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
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
    async duckRows(sql, params) {
      const reader = await duck.runAndReadAll(sql, params);
      return reader.getRowObjectsJson() as Record<string, Cell>[];
    },
    async pgRows(sql, params) {
      const res = await client.query(sql, params);
      return res.rows as Record<string, Cell>[];
    },
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
