import type { Cell, Column, Row } from '../api/types.js';

/** Which column plays which part in a log table (POST /api/logs/roles). */
export interface LogRoles {
  time: {
    column: string;
    kind: 'timestamptz' | 'timestamp' | 'date' | 'text' | 'epoch_s' | 'epoch_ms';
  } | null;
  severity: { column: string; kind: 'level' | 'pino_level' | 'syslog_level' | 'http_status' } | null;
  message: string[];
  facets: string[];
}

/** The roles answer: what was picked and why. */
export interface LogRolesAnswer {
  table: string;
  columns: Column[];
  roles: LogRoles;
  looksLikeLog: boolean;
  notLog?: string;
  reasons: string[];
}

/** One facet selection. */
export interface LogFilter {
  column: string;
  values: (string | number | boolean | null)[];
}

/** What narrows the view; sent with every request. */
export interface LogView {
  table: string;
  roles: LogRoles;
  range?: { from: string; to: string };
  filters: LogFilter[];
  search?: string;
  pattern?: string;
}

/** One timeline bar. */
export interface TimelineBucket {
  start: string;
  errors: number;
  warnings: number;
  others: number;
}

/** POST /api/logs/timeline. */
export interface LogTimeline {
  interval: { label: string; seconds: number } | null;
  from: string | null;
  to: string | null;
  buckets: TimelineBucket[];
  total: number;
  errors: number;
  warnings: number;
  untimed: number;
  note?: string;
}

/** One facet's top values (POST /api/logs/facets). */
export interface LogFacet {
  column: string;
  values: { value: Cell; count: number }[];
  distinct: number;
  total: number;
}

/** One pattern (POST /api/logs/patterns). */
export interface LogPattern {
  template: string;
  count: number;
  share: number;
  example: string;
  series: number[];
  regex: string;
}

/** POST /api/logs/patterns. */
export interface LogPatterns {
  patterns: LogPattern[];
  lines: number;
  of: number;
  rest: number;
  elapsedMs: number;
  note?: string;
}

/** POST /api/logs/rows. */
export interface LogRowsPage {
  columns: Column[];
  rows: Row[];
  offset: number;
  more: boolean;
}
