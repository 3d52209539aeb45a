import type { LogColumn, LogFormat, LogParser, LogValue } from '../log-format.js';
import { clfTime } from '../time.js';

const Q = '"((?:[^"\\\\]|\\\\.)*)"';
const HEAD = `^(\\S+) \\S+ (\\S+) \\[([^\\]]+)\\] ${Q} (\\d{3}) (\\d+|-)`;
const COMMON = new RegExp(`${HEAD}$`);
const COMBINED = new RegExp(`${HEAD} ${Q} ${Q}(.*)$`);
const REQUEST = /^([A-Za-z][A-Za-z0-9_-]*) (.+?)(?: (HTTP\/\d(?:\.\d)?))?$/;
const TAIL_QUOTED = /^ "((?:[^"\\]|\\.)*)"/;
const TAIL_NUMBER = /^ (\d+(?:\.\d+)?)(?= |$)/;

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
const IDENT: LogColumn = { name: 'ident', type: 'VARCHAR' };
const FORWARDED: LogColumn = { name: 'forwarded_for', type: 'VARCHAR' };
const TIMING: LogColumn = { name: 'request_time', type: 'DOUBLE' };
const EXTRA: LogColumn = { name: 'extra', type: 'VARCHAR' };

/** What follows the user agent: nginx's `"$http_x_forwarded_for"` (main format), a `$request_time`, and the rest. */
interface Tail {
  forwarded: string | null | undefined;
  time: number | undefined;
  rest: string;
}

function splitTail(tail: string): Tail {
  let rest = tail;
  let forwarded: string | null | undefined;
  let time: number | undefined;
  const q = TAIL_QUOTED.exec(rest);
  if (q) {
    forwarded = dash(unescapeField(q[1]!));
    rest = rest.slice(q[0].length);
  }
  const n = TAIL_NUMBER.exec(rest);
  if (n) {
    time = Number(n[1]);
    rest = rest.slice(n[0].length);
  }
  return { forwarded, time, rest: rest.trim() };
}
const RAW: LogColumn = { name: 'request', type: 'VARCHAR' };

function identOf(line: string, addr: string): string {
  const end = line.indexOf(' ', addr.length + 1);
  return line.slice(addr.length + 1, end);
}

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
      // The first lines decide which of the optional trailing fields the table gets.
      const tails = combined
        ? ctx.sample.map((l) => COMBINED.exec(l)).flatMap((m) => (m ? [splitTail(m[9]!)] : []))
        : [];
      const forwarded = tails.some((t) => t.forwarded !== undefined);
      const timed = tails.some((t) => t.time !== undefined);
      const extra = tails.some((t) => t.rest !== '');
      // The identd name (second field) is nearly always "-"; it gets a column only when the first lines use it.
      const ident = ctx.sample.some((l) => {
        const m = re.exec(l);
        return m !== null && identOf(l, m[1]!) !== '-';
      });
      const columns = [
        ...BASE.slice(0, 2),
        ...(ident ? [IDENT] : []),
        ...BASE.slice(2),
        ...(combined ? AGENT : []),
        ...(forwarded ? [FORWARDED] : []),
        ...(timed ? [TIMING] : []),
        ...(extra ? [EXTRA] : []),
        RAW,
      ];
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
          const id = identOf(text, m[1]!);
          if (id !== '-' && !ident) return false;
          const values: LogValue[] = [
            ts,
            m[1]!,
            ...(ident ? [dash(id)] : []),
            dash(m[2]),
            method,
            path,
            query,
            protocol,
            Number(m[5]),
            m[6] === '-' ? 0 : Number(m[6]),
          ];
          if (combined) {
            const t = splitTail(m[9]!);
            // A trailing field the first lines didn't have would be lost: such a line doesn't fit.
            if ((t.forwarded !== undefined && !forwarded) || (t.time !== undefined && !timed)) return false;
            if (t.rest !== '' && !extra) return false;
            values.push(dash(unescapeField(m[7]!)), dash(unescapeField(m[8]!)));
            if (forwarded) values.push(t.forwarded ?? null);
            if (timed) values.push(t.time ?? null);
            if (extra) values.push(t.rest === '' ? null : t.rest);
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

/**
 * nginx/Apache "combined" access logs, optionally followed by nginx's `"$http_x_forwarded_for"` (its `main` format),
 * a `$request_time` and further fields (kept as text in `extra`).
 */
export const combinedLogFormat: LogFormat = accessLog(true);
/** nginx/Apache "common" (CLF) access logs. */
export const commonLogFormat: LogFormat = accessLog(false);
