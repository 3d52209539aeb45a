// Test support: the same SQL on a real in-memory DuckDB and a real throwaway PostgreSQL, read back comparably.
import type { DuckDBConnection } from '@duckdb/node-api';
import { openTwinEngines, type PgCluster } from '@sightline/testkit';
import type pg from 'pg';

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

/** Opens an in-memory DuckDB and a fresh PostgreSQL cluster, both with the session time zone set to UTC. */
export async function openEngines(): Promise<Engines> {
  const twin = await openTwinEngines({ comparableText: true });
  const { duck, pg: client } = twin;
  return {
    ...twin,
    async duckRows(sql, params) {
      const reader = await duck.runAndReadAll(sql, params);
      return reader.getRowObjectsJson() as Record<string, Cell>[];
    },
    async pgRows(sql, params) {
      const res = await client.query(sql, params);
      return res.rows as Record<string, Cell>[];
    },
  };
}
