/** How the time column is stored, which decides how it is read as a TIMESTAMPTZ. */
export type LogTimeKind = 'timestamptz' | 'timestamp' | 'date' | 'text' | 'epoch_s' | 'epoch_ms';

/** How the severity column is read: words (`error`, `warn`), numbers (pino 10-60, syslog 0-7) or HTTP statuses. */
export type LogSeverityKind = 'level' | 'pino_level' | 'syslog_level' | 'http_status';

/** Which column plays which part in a log table; every choice can be overridden by the caller. */
export interface LogRoles {
  time: { column: string; kind: LogTimeKind } | null;
  severity: { column: string; kind: LogSeverityKind } | null;
  /** The columns that together make a line's message (joined with spaces), e.g. `["message"]` or `["method", "path"]`. */
  message: string[];
  /** Columns offered as facets (top values with counts). */
  facets: string[];
}

/** A column of the log table. */
export interface LogViewColumn {
  name: string;
  type: string;
}

/** What `logRoles` found, and why, so the UI can show the inference and let the user change it. */
export interface LogRolesAnswer {
  table: string;
  columns: LogViewColumn[];
  roles: LogRoles;
  /** True when the table has a time column and a severity, message or request column: it reads like a log. */
  looksLikeLog: boolean;
  /** Why it doesn't look like a log (when it doesn't), e.g. "it has no column holding the time of each line". */
  notLog?: string;
  /** One plain sentence per role saying how it was picked. */
  reasons: string[];
}

/** One facet selection: keep rows whose `column` is one of `values` (null selects empty cells). */
export interface LogFilter {
  column: string;
  values: (string | number | boolean | null)[];
}

/** The view the user is looking at: which table, which roles, and what narrows the lines. */
export interface LogViewRequest {
  table: string;
  /** Detected when omitted. */
  roles?: LogRoles;
  /** ISO instants; `from` inclusive, `to` exclusive. */
  range?: { from: string; to: string };
  filters?: LogFilter[];
  /** Free text and `field:value` tokens, e.g. `timeout status:5* -path:/health`. */
  search?: string;
  /** A pattern template (from `patterns`): keep only the lines it matches. */
  pattern?: string;
}

/** A request whose roles are known and checked against the table. */
export interface ResolvedLogRequest extends LogViewRequest {
  roles: LogRoles;
  columns: LogViewColumn[];
}
