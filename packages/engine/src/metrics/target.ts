import { type Dialect, duckdbDialect, postgresDialect } from '@sightline/sql';
import type { LiveConnection } from '../connections/index.js';
import type { ActorOrderedCopies } from '../core/actor-copies.js';
import type { Engine } from '../core/index.js';
import type { QueryResult } from '../types.js';

/** Where a metric runs: the embedded DuckDB or a live database, with the SQL dialect to generate for it. */
export interface MetricTarget {
  readonly dialect: Dialect;
  /** `duckdb` for the workspace, else the live connection's kind (e.g. `postgres`). */
  readonly engine: string;
  /** True when a file path may be named as a source (only the embedded engine reads local files). */
  readonly readsFiles: boolean;
  query(sql: string, opts?: { signal?: AbortSignal; timeoutMs?: number }): Promise<QueryResult>;
  /** Actor-ordered copies of large tables, read instead of the table when fresh (the workbench's engine only). */
  readonly copies?: Pick<ActorOrderedCopies, 'lookup' | 'request'> | null;
}

/** The workspace's embedded DuckDB (or anything that runs DuckDB SQL, such as a running workbench) as a target. */
export function duckdbTarget(
  engine: Pick<Engine, 'query'> & Partial<Pick<Engine, 'actorCopies'>>,
  opts: { copies?: boolean } = {},
): MetricTarget {
  return {
    dialect: duckdbDialect(),
    engine: 'duckdb',
    readsFiles: true,
    query: (sql, o) => engine.query(sql, o),
    copies: opts.copies === false ? null : (engine.actorCopies ?? null),
  };
}

/** A live database connection as a metric target: the whole computation runs there (pushed down). */
export function liveTarget(conn: LiveConnection): MetricTarget {
  if (conn.kind !== 'postgres') throw new Error(`no SQL dialect for ${conn.kind} connections`);
  return {
    dialect: postgresDialect(),
    engine: conn.kind,
    readsFiles: false,
    query: (sql, opts) => conn.query(sql, opts),
  };
}
