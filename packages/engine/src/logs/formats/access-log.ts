import type { LogColumn, LogFormat, LogParser, LogValue } from '../log-format.js';
import { clfTime } from '../time.js';

const Q = '"((?:[^"\\\\]|\\\\.)*)"';
const HEAD = `^(\\S+) \\S+ (\\S+) \\[([^\\]]+)\\] ${Q} (\\d{3}) (\\d+|-)`;
const COMMON = new RegExp(`${HEAD}$`);
const COMBINED = new RegExp(`${HEAD} ${Q} ${Q}(.*)$`);
const REQUEST = /^([A-Za-z][A-Za-z0-9_-]*) (.+?)(?: (HTTP\/\d(?:\.\d)?))?$/;
const NUMBER = /^\s+(\d+(?:\.\d+)?)(?:\s|$)/;

const ESCAPES = /(?:\\x[0-9A-Fa-f]{2})+|\\["\\]/g;

/** Undoes the escapes nginx (`\x22`, `\xE2\x82\xAC`) and Apache (`\"`, `\\`) write in quoted fields. */
export function unescapeField(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(ESCAPES, (run) =>
    run.length === 2 ? run[1]! : Buffer.from(run.replace(/\\x/g, ''), 'hex').toString('utf8'),
  );
}

const dash = (s: string | undefined): string | null => (s === undefined || s === '-' || s === '' ? null : s);

const BASE: LogColumn[] = [
  { name: 'ts', type: 'TIMESTAMPTZ' },
  { name: 'remote_addr', type: 'VARCHAR' },
  { name: 'remote_user', type: 'VARCHAR' },
  { name: 'method', type: 'VARCHAR' },
  { name: 'path', type: 'VARCHAR' },
  { name: 'query', type: 'VARCHAR' },
  { name: 'protocol', type: 'VARCHAR' },
  { name: 'status', type: 'INTEGER' },
  { name: 'bytes', type: 'BIGINT' },
];
const AGENT: LogColumn[] = [
  { name: 'referer', type: 'VARCHAR' },
  { name: 'user_agent', type: 'VARCHAR' },
];
const TIMING: LogColumn = { name: 'request_time', type: 'DOUBLE' };
const RAW: LogColumn = { name: 'request', type: 'VARCHAR' };

function requestParts(
  raw: string,
): [string | null, string | null, string | null, string | null, string | null] {
  const m = REQUEST.exec(unescapeField(raw));
  if (!m) return [null, null, null, null, raw === '-' ? null : raw];
  const target = m[2]!;
  const q = target.indexOf('?');
  return [m[1]!, q < 0 ? target : target.slice(0, q), q < 0 ? null : target.slice(q + 1), m[3] ?? null, null];
}

function accessLog(combined: boolean): LogFormat {
  const re = combined ? COMBINED : COMMON;
  return {
    id: combined ? 'combined' : 'common',
    label: combined ? 'nginx/Apache combined access log' : 'nginx/Apache common access log',
    detect: (sample) => {
      let total = 0;
      let good = 0;
      for (const l of sample) {
        if (l.trim() === '') continue;
        total++;
        const m = re.exec(l);
        if (m && clfTime(m[3]!) !== null) good++;
      }
      return total === 0 ? 0 : good / total;
    },
    open: (ctx) => {
      const timed =
        combined &&
        ctx.sample.some((l) => {
          const m = COMBINED.exec(l);
          return m !== null && NUMBER.test(m[9]!);
        });
      const columns = [...BASE, ...(combined ? AGENT : []), ...(timed ? [TIMING] : []), RAW];
      // Neighbouring lines mostly share their second: parse each time text once.
      let lastTime = '';
      let lastTs: number | null = null;
      const parser: LogParser = {
        columns,
        messageColumn: null,
        line(text, lineNo, sink) {
          const m = re.exec(text);
          if (!m) return false;
          if (m[3] !== lastTime) {
            lastTime = m[3]!;
            lastTs = clfTime(lastTime);
          }
          const ts = lastTs;
          if (ts === null) return false;
          const [method, path, query, protocol, request] = requestParts(m[4]!);
          const values: LogValue[] = [
            ts,
            m[1]!,
            dash(m[2]),
            method,
            path,
            query,
            protocol,
            Number(m[5]),
            m[6] === '-' ? 0 : Number(m[6]),
          ];
          if (combined) values.push(dash(unescapeField(m[7]!)), dash(unescapeField(m[8]!)));
          if (timed) {
            const t = NUMBER.exec(m[9]!);
            values.push(t ? Number(t[1]) : null);
          }
          values.push(request);
          sink.row(lineNo, values);
          return true;
        },
        finish() {},
        warnings: () => [],
      };
      return parser;
    },
  };
}

/** nginx/Apache "combined" access logs (optionally followed by `$request_time`). */
export const combinedLogFormat: LogFormat = accessLog(true);
/** nginx/Apache "common" (CLF) access logs. */
export const commonLogFormat: LogFormat = accessLog(false);
