import type { LogObject } from './log-format.js';
import { anyTime } from './time.js';

const TS_KEYS = ['ts', 'timestamp', 'time', '@timestamp', 'datetime', 'date', 'eventTime', 't'];
const LEVEL_KEYS = ['level', 'lvl', 'severity', 'loglevel', 'log_level', 'levelname'];
const MESSAGE_KEYS = ['message', 'msg', '@message', 'text', 'log'];
// pino and bunyan write levels as numbers.
const NUMERIC_LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** The key names recognised as the time, level and message of a structured entry, in order of preference. */
export const ROLE_KEYS = { ts: TS_KEYS, level: LEVEL_KEYS, message: MESSAGE_KEYS } as const;

/**
 * Finds an entry's time, level and message among its keys (`ts`/`timestamp`/`time`/`@timestamp`...,
 * `level`/`lvl`/`severity`..., `message`/`msg`...). A time that can't be read is not a role: it stays a field.
 * `text` is the entry as written (kept verbatim); without it the object is serialised.
 */
export function roleEntry(entry: Record<string, unknown>, text?: string): LogObject {
  const roleKeys: string[] = [];
  let ts: number | null = null;
  for (const k of TS_KEYS) {
    if (!(k in entry)) continue;
    const t = anyTime(entry[k]);
    if (t !== null) {
      ts = t;
      roleKeys.push(k);
      break;
    }
  }
  let level: string | null = null;
  for (const k of LEVEL_KEYS) {
    const v = entry[k];
    if (typeof v === 'string' || typeof v === 'number') {
      level = typeof v === 'number' ? (NUMERIC_LEVELS[v] ?? String(v)) : v;
      roleKeys.push(k);
      break;
    }
  }
  let message: string | null = null;
  for (const k of MESSAGE_KEYS) {
    const v = entry[k];
    if (typeof v === 'string') {
      message = v;
      roleKeys.push(k);
      break;
    }
  }
  return { ts, level, message, fields: text ?? JSON.stringify(entry), roleKeys };
}
