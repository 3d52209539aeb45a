import { type Dialect, duckdbDialect, postgresDialect } from '@sightline/sql';

/** Where a query runs: the workspace (DuckDB), or a stored live connection (pushed down to it). */
export interface QueryTarget {
  /** The connection's name; absent for the workspace. */
  on?: string;
  /** The connection's kind (`postgres`); absent for the workspace. */
  kind?: string;
}

/** The SQL dialect generated queries (sort, profile, chart) must be written in for a target. */
export function dialectFor(target: QueryTarget | undefined): Dialect {
  return target?.on !== undefined && target.kind === 'postgres' ? postgresDialect() : duckdbDialect();
}
