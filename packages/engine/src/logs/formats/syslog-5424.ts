import type { LogColumn, LogFormat } from '../log-format.js';
import { isoTime } from '../time.js';
import { priority } from './syslog-pri.js';

const HEAD = /^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) /;

const COLUMNS: LogColumn[] = [
  { name: 'ts', type: 'TIMESTAMPTZ' },
  { name: 'host', type: 'VARCHAR' },
  { name: 'app', type: 'VARCHAR' },
  { name: 'procid', type: 'VARCHAR' },
  { name: 'msgid', type: 'VARCHAR' },
  { name: 'facility', type: 'VARCHAR' },
  { name: 'severity', type: 'VARCHAR' },
  { name: 'structured_data', type: 'JSON' },
  { name: 'message', type: 'VARCHAR' },
];

/** Reads RFC 5424 STRUCTURED-DATA at `pos`: `-` or `[id k="v" ...]...`; returns the elements and where it ended. */
export function structuredData(
  text: string,
  pos: number,
): { value: Record<string, Record<string, string>> | null; end: number } | null {
  if (text[pos] === '-') return { value: null, end: pos + 1 };
  const out: Record<string, Record<string, string>> = {};
  let i = pos;
  if (text[i] !== '[') return null;
  while (text[i] === '[') {
    const id = /^[^\s\]=]+/.exec(text.slice(i + 1));
    if (!id) return null;
    i += 1 + id[0].length;
    const params: Record<string, string> = {};
    while (text[i] === ' ') {
      const m = /^ ([^\s\]="]+)="((?:[^"\\]|\\.)*)"/.exec(text.slice(i, i + 65_536));
      if (!m) return null;
      params[m[1]!] = m[2]!.replace(/\\(["\\\]])/g, '$1');
      i += m[0].length;
    }
    if (text[i] !== ']') return null;
    i++;
    out[id[0]] = params;
  }
  return { value: out, end: i };
}

const nil = (s: string) => (s === '-' ? null : s);

function parse(line: string) {
  const h = HEAD.exec(line);
  if (!h) return null;
  const ts = h[2] === '-' ? null : isoTime(h[2]!);
  if (h[2] !== '-' && ts === null) return null;
  const sd = structuredData(line, h[0].length);
  if (!sd) return null;
  if (sd.end < line.length && line[sd.end] !== ' ') return null;
  const message = sd.end < line.length ? line.slice(sd.end + 1).replace(/^\uFEFF/, '') : null;
  return { h, ts, sd: sd.value, message };
}

/** Syslog RFC 5424 (`<165>1 2026-10-31T13:55:36.1Z host app 42 ID47 [sd k="v"] text`). */
export const syslog5424LogFormat: LogFormat = {
  id: 'syslog5424',
  label: 'syslog (RFC 5424)',
  detect: (sample) => {
    const lines = sample.filter((l) => l.trim() !== '');
    return lines.length === 0 ? 0 : lines.filter((l) => parse(l) !== null).length / lines.length;
  },
  open: () => ({
    columns: COLUMNS,
    messageColumn: 'message',
    line(text, lineNo, sink) {
      const p = parse(text);
      if (!p) return false;
      const [facility, severity] = priority(p.h[1]);
      sink.row(lineNo, [
        p.ts,
        nil(p.h[3]!),
        nil(p.h[4]!),
        nil(p.h[5]!),
        nil(p.h[6]!),
        facility,
        severity,
        p.sd === null ? null : JSON.stringify(p.sd),
        p.message,
      ]);
      return true;
    },
    finish() {},
    warnings: () => [],
  }),
};
