/** SQL types the builder can cast to; each dialect spells them its own way (e.g. DOUBLE vs DOUBLE PRECISION). */
export type SqlType =
  | 'BOOLEAN'
  | 'SMALLINT'
  | 'INTEGER'
  | 'BIGINT'
  | 'REAL'
  | 'DOUBLE'
  | 'NUMERIC'
  | `DECIMAL(${number}, ${number})`
  | 'TEXT'
  | 'DATE'
  | 'TIME'
  | 'TIMESTAMP'
  | 'TIMESTAMPTZ'
  | 'INTERVAL'
  | 'UUID'
  | 'JSON'
  | 'BLOB'
  | `${'BIGINT' | 'INTEGER' | 'DOUBLE' | 'TEXT' | 'DATE' | 'TIMESTAMP' | 'TIMESTAMPTZ' | 'BOOLEAN'}[]`;

/** Calendar units accepted by date truncation. */
export type TruncUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Units accepted by interval construction. */
export type IntervalUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month';

/** Units of an epoch number (seconds or milliseconds since 1970-01-01 UTC). */
export type EpochUnit = 's' | 'ms';
