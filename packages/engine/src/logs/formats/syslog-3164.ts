import type { LogColumn, LogFormat } from '../log-format.js';
import { isoTime, monthIndex } from '../time.js';
import { priority } from './syslog-pri.js';

const BSD = /^(?:<(\d{1,3})>)?([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))? (\S+) (.*)$/;
const ISO = /^(?:<(\d{1,3})>)?(\d{4}-\d\d-\d\dT\S+) (\S+) (.*)$/;
const TAG = /^([^\s:[\]]+)(?:\[(\d+)\])?: ?(.*)$/s;

const COLUMNS: LogColumn[] = [
  { name: 'ts', type: 'TIMESTAMPTZ' },
  { name: 'host', type: 'VARCHAR' },
  { name: 'app', type: 'VARCHAR' },
  { name: 'pid', type: 'INTEGER' },
  { name: 'facility', type: 'VARCHAR' },
  { name: 'severity', type: 'VARCHAR' },
  { name: 'message', type: 'VARCHAR' },
];

interface Parsed {
  pri: string | undefined;
  month: number | null;
  rest: string;
  host: string;
  // Either a full instant (ISO lines) or the parts of a yearless BSD time.
  ts: number | null;
  parts: [number, number, number, number, number, string] | null;
}

function parse(line: string): Parsed | null {
  const b = BSD.exec(line);
  if (b) {
    const month = monthIndex(b[2]!);
    const day = Number(b[3]!.trim());
    if (month === undefined || day < 1 || day > 31) return null;
    return {
      pri: b[1],
      month,
      host: b[8]!,
      rest: b[9]!,
      ts: null,
      parts: [day, Number(b[4]), Number(b[5]), Number(b[6]), month, b[7] ?? ''],
    };
  }
  const i = ISO.exec(line);
  if (i) {
    const ts = isoTime(i[2]!);
    if (ts === null || !/(?:Z|[+-]\d\d:?\d\d)$/.test(i[2]!)) return null;
    return { pri: i[1], month: null, host: i[3]!, rest: i[4]!, ts, parts: null };
  }
  return null;
}

function bsdMicros(year: number, p: [number, number, number, number, number, string]): number | null {
  const [day, h, mi, s, month, frac] = p;
  const ms = Date.UTC(year, month, day, h, mi, s);
  if (new Date(ms).getUTCDate() !== day) return null;
  return ms * 1000 + (frac ? Number(frac.padEnd(6, '0')) : 0);
}

/**
 * BSD syslog (RFC 3164, `Oct 31 13:55:36 host app[42]: text`, with or without `<PRI>`) and rsyslog's ISO-time
 * variant. The year, which BSD lines leave out, is inferred from the file's date, walking back so that a December
 * line followed by a January line moves to the next year; those times are read as UTC.
 */
export const syslog3164LogFormat: LogFormat = {
  id: 'syslog',
  label: 'syslog (RFC 3164 / BSD)',
  detect: (sample) => {
    const lines = sample.filter((l) => l.trim() !== '');
    return lines.length === 0 ? 0 : lines.filter((l) => parse(l) !== null).length / lines.length;
  },
  open: async (ctx) => {
    // One cheap pass first: count the year changes (month going backwards) and find the last month.
    let rollovers = 0;
    let lastMonth: number | null = null;
    let bsdLines = 0;
    for await (const line of ctx.lines()) {
      const p = parse(line);
      if (p?.month === null || p?.month === undefined) continue;
      bsdLines++;
      if (lastMonth !== null && p.month < lastMonth) rollovers++;
      lastMonth = p.month;
    }
    let lastYear = ctx.mtime.getUTCFullYear();
    if (lastMonth !== null && lastMonth > ctx.mtime.getUTCMonth()) lastYear--;
    let year = lastYear - rollovers;
    const firstYear = year;
    let prevMonth: number | null = null;
    return {
      columns: COLUMNS,
      messageColumn: 'message',
      line(text, lineNo, sink) {
        const p = parse(text);
        if (!p) return false;
        let ts = p.ts;
        if (p.parts && p.month !== null) {
          if (prevMonth !== null && p.month < prevMonth) year++;
          prevMonth = p.month;
          ts = bsdMicros(year, p.parts);
        }
        const tag = TAG.exec(p.rest);
        const [facility, severity] = priority(p.pri);
        sink.row(lineNo, [
          ts,
          p.host,
          tag ? tag[1]! : null,
          tag?.[2] ? Number(tag[2]) : null,
          facility,
          severity,
          tag ? tag[3]! : p.rest,
        ]);
        return true;
      },
      finish() {},
      warnings: () =>
        bsdLines === 0
          ? []
          : [
              `The syslog lines have no year or time zone: ${firstYear === lastYear ? `${lastYear} was` : `${firstYear}-${lastYear} were`} inferred from the file's date (${ctx.mtime.toISOString().slice(0, 10)}), and the times are read as UTC.`,
            ],
    };
  },
};
