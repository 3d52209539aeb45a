import {
  avg,
  cast,
  column,
  count,
  countDistinct,
  duckdbDialect,
  eq,
  fn,
  max,
  min,
  quoteIdent,
  raw,
  select,
  subqueryRef,
  table,
  toSql,
} from '@sightline/sql';
import { closeMatches } from '../core/catalog.js';
import type { Engine } from '../core/engine.js';
import { SightlineError } from '../errors.js';
import {
  DATE_TYPE,
  isFacetType,
  isNumberType,
  TEXT_TYPE,
  TIMESTAMP_TYPE,
  TIMESTAMPTZ_TYPE,
} from './column-kinds.js';
import type { LogRoles, LogRolesAnswer, LogTimeKind, LogViewColumn } from './types.js';

const TIME_NAMES = [
  'ts',
  'timestamp',
  '@timestamp',
  'time',
  'datetime',
  'date',
  'event_time',
  'logged_at',
  'created_at',
  'at',
];
const SEVERITY_NAMES = ['level', 'severity', 'log_level', 'loglevel', 'lvl', 'priority'];
const STATUS_NAMES = ['status', 'status_code', 'http_status', 'response_code', 'statuscode'];
const MESSAGE_NAMES = ['message', 'msg', 'log', 'line', 'text', 'body', 'event_message', 'description'];
const REQUEST_PATH_NAMES = ['path', 'uri', 'url', 'request_uri', 'request_path', 'endpoint', 'route'];
const FACET_NAMES = [
  'level',
  'severity',
  'status',
  'status_code',
  'service',
  'app',
  'host',
  'hostname',
  'method',
  'path',
  'logger',
  'component',
  'source',
  'env',
  'environment',
  'region',
  'container',
  'pod',
  'namespace',
  'event_name',
  'event_source',
];
const SAMPLE_ROWS = 20_000;
const MAX_FACETS = 6;
const MAX_FACET_DISTINCT = 200;
const MIN_FACET_FILLED = 0.2;

interface ColumnStats {
  distinct: number;
  avgLength: number | null;
  castable: number | null;
  nonNull: number;
  min: number | null;
  max: number | null;
}

/** The columns of a workspace table, or a plain error naming close matches when it does not exist. */
export async function logColumns(engine: Engine, tableName: string): Promise<LogViewColumn[]> {
  const info = select({ name: column('column_name'), type: column('data_type') })
    .from(table(['information_schema', 'columns']))
    .where(eq(column('table_schema'), 'main'), eq(column('table_name'), tableName))
    .orderBy(column('ordinal_position'));
  const res = await engine.query(toSql(info, duckdbDialect()));
  if (res.rows.length > 0) return res.rows.map((r) => ({ name: String(r.name), type: String(r.type) }));
  const tables = (await engine.tables()).map((t) => t.table);
  const near = closeMatches(tableName, tables);
  throw new SightlineError(`There is no table named "${tableName}" in this workspace.`, {
    hints: near.length
      ? [`Did you mean ${near.map((n) => `"${n}"`).join(' or ')}?`]
      : ['Import a log file first (drop it on the window), then pick its table.'],
  });
}

async function columnStats(
  engine: Engine,
  tableName: string,
  columns: LogViewColumn[],
): Promise<{ rows: number; stats: ColumnStats[] }> {
  const items: Record<string, ReturnType<typeof count>> = { n: count() };
  columns.forEach((c, i) => {
    const col = column(c.name);
    items[`d${i}`] = countDistinct(col);
    items[`nn${i}`] = count(col);
    if (TEXT_TYPE.test(c.type)) {
      items[`l${i}`] = avg(fn('length', col));
      items[`c${i}`] = count(raw(`TRY_CAST(${quoteIdent(c.name)} AS TIMESTAMPTZ)`));
    }
    if (isNumberType(c.type)) {
      items[`lo${i}`] = min(cast(col, 'DOUBLE'));
      items[`hi${i}`] = max(cast(col, 'DOUBLE'));
    }
  });
  const sample = subqueryRef(select(raw('*')).from(table(tableName)).limit(SAMPLE_ROWS), 's');
  const res = await engine.query(toSql(select(items).from(sample), duckdbDialect()));
  const row = res.rows[0] ?? {};
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const stats = columns.map((_, i) => ({
    distinct: num(row[`d${i}`]) ?? 0,
    nonNull: num(row[`nn${i}`]) ?? 0,
    avgLength: num(row[`l${i}`]),
    castable: num(row[`c${i}`]),
    min: num(row[`lo${i}`]),
    max: num(row[`hi${i}`]),
  }));
  return { rows: num(row.n) ?? 0, stats };
}

const named = (names: string[], c: LogViewColumn) => names.includes(c.name.toLowerCase());
const rank = (names: string[], c: LogViewColumn) => {
  const i = names.indexOf(c.name.toLowerCase());
  return i < 0 ? names.length : i;
};

/** Picks the roles from the columns and their sampled statistics (pure, so it is tested without a table). */
export function pickRoles(
  columns: LogViewColumn[],
  stats: ColumnStats[],
  rows: number,
): { roles: LogRoles; reasons: string[]; notLog?: string } {
  const reasons: string[] = [];
  const withStats = columns.map((c, i) => ({ c, s: stats[i]! }));
  const timeName = (c: LogViewColumn) => named(TIME_NAMES, c) || /time|date|_at$/i.test(c.name);
  const byTimeName = <T extends { c: LogViewColumn }>(xs: T[]) =>
    [...xs].sort((a, b) => rank(TIME_NAMES, a.c) - rank(TIME_NAMES, b.c));

  let time: LogRoles['time'] = null;
  const typed = byTimeName(
    withStats.filter(
      ({ c }) => TIMESTAMPTZ_TYPE.test(c.type) || TIMESTAMP_TYPE.test(c.type) || DATE_TYPE.test(c.type),
    ),
  )[0];
  if (typed) {
    const kind: LogTimeKind = TIMESTAMPTZ_TYPE.test(typed.c.type)
      ? 'timestamptz'
      : DATE_TYPE.test(typed.c.type)
        ? 'date'
        : 'timestamp';
    time = { column: typed.c.name, kind };
    reasons.push(`Time: "${typed.c.name}" (${typed.c.type.toLowerCase()}).`);
  } else {
    const text = byTimeName(
      withStats.filter(
        ({ c, s }) => TEXT_TYPE.test(c.type) && s.nonNull > 0 && (s.castable ?? 0) >= 0.9 * s.nonNull,
      ),
    ).find(({ c }) => timeName(c));
    const epoch = byTimeName(
      withStats.filter(({ c }) => isNumberType(c.type) && (timeName(c) || /epoch/i.test(c.name))),
    )
      .map(({ c, s }) => ({ c, unit: epochUnit(s) }))
      .find((x) => x.unit !== null);
    if (text) {
      time = { column: text.c.name, kind: 'text' };
      reasons.push(`Time: "${text.c.name}" (text that reads as dates and times).`);
    } else if (epoch) {
      time = { column: epoch.c.name, kind: epoch.unit === 'ms' ? 'epoch_ms' : 'epoch_s' };
      reasons.push(
        `Time: "${epoch.c.name}" (${epoch.unit === 'ms' ? 'milliseconds' : 'seconds'} since 1970).`,
      );
    } else {
      reasons.push(
        'Time: none found (no timestamp column, and no text or number column that reads as times).',
      );
    }
  }

  let severity: LogRoles['severity'] = null;
  const level = withStats
    .filter(({ c }) => named(SEVERITY_NAMES, c))
    .sort((a, b) => rank(SEVERITY_NAMES, a.c) - rank(SEVERITY_NAMES, b.c))[0];
  const status = withStats
    .filter(
      ({ c, s }) =>
        named(STATUS_NAMES, c) &&
        (TEXT_TYPE.test(c.type) || (s.min !== null && s.min >= 100 && (s.max ?? 0) < 600)),
    )
    .sort((a, b) => rank(STATUS_NAMES, a.c) - rank(STATUS_NAMES, b.c))[0];
  if (level && TEXT_TYPE.test(level.c.type)) {
    severity = { column: level.c.name, kind: 'level' };
    reasons.push(
      `Severity: "${level.c.name}" (error, fatal and critical count as errors; warn as warnings).`,
    );
  } else if (level && isNumberType(level.c.type)) {
    const syslog = (level.s.max ?? 0) <= 7;
    severity = { column: level.c.name, kind: syslog ? 'syslog_level' : 'pino_level' };
    reasons.push(
      syslog
        ? `Severity: "${level.c.name}" (syslog numbers: 0-3 are errors, 4 warnings).`
        : `Severity: "${level.c.name}" (numbers as pino writes them: 50 and up are errors, 40 warnings).`,
    );
  } else if (status) {
    severity = { column: status.c.name, kind: 'http_status' };
    reasons.push(`Severity: "${status.c.name}" (HTTP status: 5xx are errors, 4xx warnings).`);
  } else {
    reasons.push('Severity: none found (no level, severity or status column).');
  }

  const texts = withStats.filter(({ c }) => TEXT_TYPE.test(c.type) && c.name !== time?.column);
  const msg = texts
    .filter(({ c }) => named(MESSAGE_NAMES, c))
    .sort((a, b) => rank(MESSAGE_NAMES, a.c) - rank(MESSAGE_NAMES, b.c))[0];
  const method = texts.find(
    ({ c }) => c.name.toLowerCase() === 'method' || c.name.toLowerCase() === 'http_method',
  );
  const path = texts
    .filter(({ c }) => named(REQUEST_PATH_NAMES, c))
    .sort((a, b) => rank(REQUEST_PATH_NAMES, a.c) - rank(REQUEST_PATH_NAMES, b.c))[0];
  let message: string[] = [];
  if (msg) {
    message = [msg.c.name];
    reasons.push(`Message: "${msg.c.name}".`);
  } else if (path) {
    message = method ? [method.c.name, path.c.name] : [path.c.name];
    reasons.push(`Message: the request line (${message.map((m) => `"${m}"`).join(' and ')}).`);
  } else {
    const longest = [...texts].sort((a, b) => (b.s.avgLength ?? 0) - (a.s.avgLength ?? 0))[0];
    if (longest) {
      message = [longest.c.name];
      reasons.push(`Message: "${longest.c.name}" (the longest text column).`);
    } else {
      reasons.push('Message: none found (no text column).');
    }
  }

  const freeText = msg ? msg.c.name : message.length === 1 && !path ? message[0] : undefined;
  const candidates = withStats.filter(
    ({ c, s }) =>
      c.name !== time?.column &&
      c.name !== freeText &&
      isFacetType(c.type) &&
      s.distinct >= 1 &&
      // A column empty on most lines (an amount only on payments) makes a facet of mostly "(empty)".
      (c.name === severity?.column || s.nonNull >= rows * MIN_FACET_FILLED) &&
      (named(FACET_NAMES, c)
        ? s.distinct < Math.max(2, s.nonNull) || s.nonNull < 2
        : s.distinct >= 2 && s.distinct <= MAX_FACET_DISTINCT && s.distinct < s.nonNull / 2),
  );
  const facets = candidates
    .sort(
      (a, b) =>
        Number(b.c.name === severity?.column) - Number(a.c.name === severity?.column) ||
        rank(FACET_NAMES, a.c) - rank(FACET_NAMES, b.c) ||
        a.s.distinct - b.s.distinct,
    )
    .slice(0, MAX_FACETS)
    .map(({ c }) => c.name);
  if (facets.length) reasons.push(`Facets: ${facets.map((f) => `"${f}"`).join(', ')} (few distinct values).`);
  // A timestamp and some text make any table (users, orders) look like a log; it takes a severity or a column
  // named like a message or request to be one.
  const notLog = !time
    ? 'it has no column holding the time of each line'
    : !severity && !msg && !path
      ? 'it has no level, severity or status column and no message or request column'
      : undefined;
  return { roles: { time, severity, message, facets }, reasons, ...(notLog ? { notLog } : {}) };
}

function epochUnit(s: ColumnStats): 's' | 'ms' | null {
  if (s.min === null || s.max === null) return null;
  if (s.min >= 1e9 && s.max < 5e9) return 's';
  if (s.min >= 1e12 && s.max < 5e12) return 'ms';
  return null;
}

/** Detects which columns of `table` hold the time, severity, message and facets of a log, and why. */
export async function logRoles(engine: Engine, tableName: string): Promise<LogRolesAnswer> {
  const columns = await logColumns(engine, tableName);
  const { rows, stats } = await columnStats(engine, tableName, columns);
  const { roles, reasons, notLog } = pickRoles(columns, stats, rows);
  return { table: tableName, columns, roles, looksLikeLog: !notLog, reasons, ...(notLog ? { notLog } : {}) };
}
