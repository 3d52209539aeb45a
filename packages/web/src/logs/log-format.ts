import type { Catalog } from '../api/types.js';
import type { LogRoles } from './log-types.js';

const PLACEHOLDER = /(<STR>|<UUID>|<TS>|<IP>|<HEX>|<NUM>|<\*>)/;

/** A template's parts: literal text, and its variable parts (placeholders) to highlight. */
export function templateParts(template: string): { text: string; variable: boolean }[] {
  return template
    .split(PLACEHOLDER)
    .map((text, i) => ({ text, variable: i % 2 === 1 }))
    .filter((p) => p.text !== '');
}

const WORDS: Record<string, string> = {
  '<NUM>': 'a number',
  '<IP>': 'an IP address',
  '<UUID>': 'a UUID',
  '<HEX>': 'a hex id',
  '<STR>': 'a quoted text',
  '<TS>': 'a timestamp',
  '<*>': 'any word',
};

/** What a placeholder stands for, in words (for its tooltip and screen readers). */
export function placeholderWords(placeholder: string): string {
  return WORDS[placeholder] ?? placeholder;
}

const UNIT: Record<string, string> = { s: 'second', m: 'minute', h: 'hour', d: 'day' };

/** `10m` -> "10-minute", `1h` -> "1-hour" (as in "10-minute bars"). */
export function intervalWords(label: string): string {
  const m = /^(\d+)([smhd])$/.exec(label);
  return m ? `${m[1]}-${UNIT[m[2]!]}` : label;
}

const LOG_NAMES = /(^|_)(level|severity|status|status_code|message|msg|log|method|path|host)$/i;

/** How much a catalog table looks like a log (a time column, log-like names), for ordering the picker. */
export function logScore(table: Catalog['tables'][number]): number {
  const hasTime = table.columns.some(
    (c) => /^(TIMESTAMP|DATE)/i.test(c.type) || /^(ts|time|timestamp)$/i.test(c.name),
  );
  const named = table.columns.filter((c) => LOG_NAMES.test(c.name)).length;
  return (hasTime ? 2 : 0) + Math.min(named, 3) + (/log/i.test(table.table) ? 2 : 0);
}

/** Tables that look like logs first (most log-like first), then the others by name. */
export function rankLogTables(catalog: Catalog | null): { logs: string[]; others: string[] } {
  const scored = (catalog?.tables ?? []).map((t) => ({ name: t.table, score: logScore(t) }));
  const logs = scored
    .filter((t) => t.score >= 4)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .map((t) => t.name);
  const others = scored
    .filter((t) => t.score < 4)
    .map((t) => t.name)
    .sort((a, b) => a.localeCompare(b));
  return { logs, others };
}

/** The kind a column gets when the user picks it as the time. */
export function timeKindFor(name: string, type: string): NonNullable<LogRoles['time']>['kind'] {
  if (/^TIMESTAMP WITH TIME ZONE$/i.test(type)) return 'timestamptz';
  if (/^TIMESTAMP/i.test(type)) return 'timestamp';
  if (/^DATE$/i.test(type)) return 'date';
  if (/INT|DOUBLE|DECIMAL|FLOAT|REAL|NUMERIC/i.test(type))
    return /ms|milli/i.test(name) ? 'epoch_ms' : 'epoch_s';
  return 'text';
}

/** The kind a column gets when the user picks it as the severity. */
export function severityKindFor(name: string, type: string): NonNullable<LogRoles['severity']>['kind'] {
  if (/INT|DOUBLE|DECIMAL|FLOAT|REAL|NUMERIC/i.test(type))
    return /status|code/i.test(name) ? 'http_status' : 'pino_level';
  return /status|code/i.test(name) ? 'http_status' : 'level';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

/** A tick or bar label in UTC, as precise as the bar width needs: "06:10", "06:10:30", "Thu 30 Oct". */
export function timeLabel(ms: number, stepSeconds: number, withDay = false): string {
  const d = new Date(ms);
  const day = `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  if (stepSeconds >= 86_400) return day;
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const time = stepSeconds < 60 ? `${hm}:${pad(d.getUTCSeconds())}` : hm;
  return withDay ? `${day} ${time}` : time;
}

/** "1 line", "12,345 lines". */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : `${word}s`}`;
}
