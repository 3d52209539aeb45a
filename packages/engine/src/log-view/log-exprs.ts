import {
  and,
  assumeUtc,
  caseWhen,
  cast,
  column,
  type ExprNode,
  fn,
  fromEpoch,
  gte,
  isIn,
  lt,
  lte,
  quoteIdent,
  raw,
} from '@sightline/sql';
import type { LogRoles } from './types.js';

/** Severity classes of a line, as the timeline splits them. */
export type SeverityClass = 'error' | 'warning' | 'other';

const ERROR_WORDS = [
  'error',
  'err',
  'fatal',
  'critical',
  'crit',
  'alert',
  'emerg',
  'emergency',
  'panic',
  'severe',
];
const WARNING_WORDS = ['warn', 'warning'];

/** The line's time as a TIMESTAMPTZ (naive timestamps are read as UTC), or null when the table has no time role. */
export function timeExpr(roles: LogRoles): ExprNode | null {
  const t = roles.time;
  if (!t) return null;
  const col = column(t.column);
  switch (t.kind) {
    case 'timestamptz':
      return col;
    case 'timestamp':
      return assumeUtc(col);
    case 'date':
      return assumeUtc(cast(col, 'TIMESTAMP'));
    case 'text':
      // TRY_CAST so one unreadable line is left out of the timeline rather than failing the view.
      return raw(`TRY_CAST(${quoteIdent(t.column)} AS TIMESTAMPTZ)`);
    case 'epoch_s':
      return fromEpoch(col, 's');
    case 'epoch_ms':
      return fromEpoch(col, 'ms');
  }
}

/** The line's message: its message column, or its message columns joined with spaces (empty parts skipped). */
export function messageExpr(roles: LogRoles): ExprNode | null {
  if (roles.message.length === 0) return null;
  const parts = roles.message.map((m) => cast(column(m), 'TEXT'));
  return parts.length === 1 ? parts[0]! : fn('concat_ws', ' ', ...parts);
}

/** True when the line is an error (5xx, error/fatal/...); null when the table has no severity role. */
export function severityIs(roles: LogRoles, cls: Exclude<SeverityClass, 'other'>): ExprNode | null {
  const s = roles.severity;
  if (!s) return null;
  const col = column(s.column);
  switch (s.kind) {
    case 'level':
      return isIn(fn('lower', fn('trim', cast(col, 'TEXT'))), cls === 'error' ? ERROR_WORDS : WARNING_WORDS);
    case 'pino_level':
      return cls === 'error' ? gte(col, 50) : and(gte(col, 40), lt(col, 50));
    case 'syslog_level':
      return cls === 'error' ? lte(col, 3) : and(gte(col, 4), lt(col, 5));
    case 'http_status': {
      const code = raw(`TRY_CAST(${quoteIdent(s.column)} AS INTEGER)`);
      return cls === 'error' ? and(gte(code, 500), lt(code, 600)) : and(gte(code, 400), lt(code, 500));
    }
  }
}

/** `'error'`, `'warning'` or `'other'` for each line (all `'other'` without a severity role). */
export function severityClassExpr(roles: LogRoles): ExprNode {
  const error = severityIs(roles, 'error');
  const warning = severityIs(roles, 'warning');
  if (!error || !warning) return raw("'other'");
  return caseWhen(
    [
      [error, 'error'],
      [warning, 'warning'],
    ],
    'other',
  );
}
