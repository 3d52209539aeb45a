/** A value as Sightline hands it to JSON, following shared spec/cli.md (big integers as strings, ISO dates...). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One row of a result, keyed by column name. */
export type JsonRow = Record<string, JsonValue>;

/** A result column: its name and its engine type written as SQL (e.g. `BIGINT`, `TIMESTAMP WITH TIME ZONE`). */
export interface ColumnInfo {
  name: string;
  type: string;
}

/** A fully read query result with JSON-safe rows. */
export interface QueryResult {
  columns: ColumnInfo[];
  rows: JsonRow[];
  /** Number of rows in `rows`. */
  rowCount: number;
  /** True when the result was cut at `maxRows`. */
  truncated: boolean;
  elapsedMs: number;
}

/** A table in a workspace or a live database, as `sightline tables` lists it. */
export interface TableInfo {
  table: string;
  rows: number;
  columns: number;
  /** Schema for live databases (e.g. `public`); omitted for workspace tables. */
  schema?: string;
  /** True when `rows` is the database's estimate rather than an exact count (large live tables). */
  estimated?: boolean;
}

/** Per-column profile, as `sightline describe` shows it. */
export interface ColumnProfile {
  column: string;
  type: string;
  nulls: number;
  distinct: number;
  min: JsonValue;
  max: JsonValue;
  /** Most frequent values, most frequent first (at most 5). */
  top: { value: JsonValue; count: number }[];
}
