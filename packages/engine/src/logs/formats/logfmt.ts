import { shareOfEntries } from '../continuation.js';
import type { LogFormat } from '../log-format.js';
import { roleEntry } from '../roles.js';

const PAIR = /\s*([^\s="]+)=("((?:[^"\\]|\\.)*)"|[^\s"]*)/y;

function typed(raw: string): unknown {
  if (/^-?(?:0|[1-9]\d{0,14})$/.test(raw)) return Number(raw);
  if (/^-?\d+\.\d+$/.test(raw) && raw.length < 17) return Number(raw);
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return raw;
}

/** The key=value pairs of a logfmt line (`level=info msg="hi there" n=3`), or null when it isn't logfmt. */
export function logfmtPairs(line: string): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  let n = 0;
  PAIR.lastIndex = 0;
  let pos = 0;
  while (pos < line.length) {
    PAIR.lastIndex = pos;
    const m = PAIR.exec(line);
    if (!m) return /^\s*$/.test(line.slice(pos)) && n >= 2 ? out : null;
    out[m[1]!] = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : typed(m[2]!);
    n++;
    pos = PAIR.lastIndex;
  }
  return n >= 2 ? out : null;
}

/** logfmt (`ts=... level=info msg="..." key=value`), as used by Heroku, Grafana and Go services. */
export const logfmtLogFormat: LogFormat = {
  id: 'logfmt',
  label: 'logfmt (key=value)',
  detect: (sample) => shareOfEntries(sample, (l) => logfmtPairs(l) !== null, true),
  open: () => ({
    columns: null,
    messageColumn: 'message',
    line(text, lineNo, sink) {
      const pairs = logfmtPairs(text);
      if (!pairs) return false;
      sink.object(lineNo, roleEntry(pairs));
      return true;
    },
    finish() {},
    warnings: () => [],
  }),
};
