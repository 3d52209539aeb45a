import type { Cell } from '../api/types.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The broad kind of a DuckDB/PostgreSQL type name, for alignment, icons, formatting and chart roles. */
export type TypeKind = 'number' | 'date' | 'timestamp' | 'text' | 'boolean' | 'other';

/** Classifies a type name such as `BIGINT`, `DECIMAL(18,2)`, `TIMESTAMP WITH TIME ZONE`. */
export function typeKind(type: string): TypeKind {
  const t = type.toUpperCase();
  if (t.endsWith(']') || /^(STRUCT|MAP|UNION|LIST)/.test(t)) return 'other';
  if (/^(U?(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT)|FLOAT|DOUBLE|REAL|DECIMAL|NUMERIC)/.test(t))
    return 'number';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'VARCHAR' || t.startsWith('VARCHAR') || t === 'TEXT' || t === 'UUID' || t.startsWith('ENUM'))
    return 'text';
  return 'other';
}

/** 12345 -> "12,345"; keeps up to 4 decimals for fractions. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  const digits = Number.isInteger(n) ? 0 : abs >= 100 ? 2 : 4;
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A whole-number string of any size with thousands separators ("12345678901234567890" -> "12,345,678,..."). */
function groupDigits(s: string): string {
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const [int = '', frac] = body.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** `2026-03-03` -> "Tue 3 Mar 2026" (read as a calendar date, never shifted by the browser's zone). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** `2026-03-03T14:05:09.5Z` -> "Tue 3 Mar 2026 14:05:09.5 UTC"; a naive timestamp keeps no zone suffix. */
export function formatTimestamp(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(iso);
  if (!m) return iso;
  const zone = m[3] === undefined ? '' : m[3] === 'Z' ? ' UTC' : ` ${m[3]}`;
  return `${formatDate(m[1]!)} ${m[2]}${zone}`;
}

/** How a cell is shown in the grid: numbers grouped, dates for people, NULL as an explicit marker. */
export function formatCell(value: Cell, type: string): string {
  if (value === null) return 'NULL';
  const kind = typeKind(type);
  if (kind === 'number') {
    if (typeof value === 'number') return formatNumber(value);
    if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return groupDigits(value);
  }
  if (typeof value === 'string') {
    if (kind === 'date') return formatDate(value);
    if (kind === 'timestamp') return formatTimestamp(value);
    return value;
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value);
  return JSON.stringify(value);
}

/** The raw value as copied to the clipboard (ISO dates, full precision, empty for NULL). */
export function rawCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** 1234 -> "1,234". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Milliseconds for people: "45 ms", "1.2 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** Bytes for people: "512 B", "3.4 MB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}
