import type { ColumnProfile, QueryResult, TableInfo } from '../types.js';

/** A stored live-database connection, as the workspace config keeps it. */
export interface ConnectionSpec {
  kind: string;
  url: string;
}

/** Options of `LiveConnection.query`. */
export interface LiveQueryOptions {
  /** Values for `$1`, `$2`... placeholders (bound, never spliced into the SQL). */
  params?: unknown[];
  /** Stop the query after this many milliseconds (the server is told to cancel it). */
  timeoutMs?: number;
  /** Stop the query when this signal aborts. */
  signal?: AbortSignal;
  /** Read at most this many rows; `truncated` tells whether more existed. */
  maxRows?: number;
}

/** A table or view of a live database. */
export interface LiveTableInfo extends TableInfo {
  schema: string;
  /** True when `rows` is the planner's estimate (big tables) rather than an exact count. */
  estimated: boolean;
}

/** An open connection to a live database; SQL runs there and results come back as Sightline JSON. */
export interface LiveConnection {
  readonly kind: string;
  /** Runs SQL; with several statements (and no params, no maxRows) the last one's rows are returned. */
  query(sql: string, opts?: LiveQueryOptions): Promise<QueryResult>;
  /** Tables and views of the user schemas, with row and column counts. */
  tables(): Promise<LiveTableInfo[]>;
  /** Profiles the columns of `table` (`name` or `schema.name`), computed in the database. */
  describe(table: string): Promise<ColumnProfile[]>;
  close(): Promise<void>;
}

/** A kind of live database. Built-ins register through the same interface a plug-in would. */
export interface Connector {
  readonly kind: string;
  /** URL schemes this connector accepts, e.g. `postgres`, `postgresql`. */
  readonly schemes: readonly string[];
  /** Checks a connection URL and returns it normalised; throws a SightlineError saying what is wrong. */
  validateUrl(url: string): string;
  /** Opens a connection; throws a SightlineError with a plain message when that fails. */
  open(spec: ConnectionSpec): Promise<LiveConnection>;
}
