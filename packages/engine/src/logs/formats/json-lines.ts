import { shareOfEntries } from '../continuation.js';
import type { LogFormat } from '../log-format.js';
import { roleEntry } from '../roles.js';

/** The object on a line, or null when the line isn't one JSON object. */
export function jsonObject(line: string): Record<string, unknown> | null {
  const t = line.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return null;
  try {
    const v: unknown = JSON.parse(t);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** JSON lines: one object per line; nested objects stay STRUCTs, the time/level/message keys are recognised. */
export const jsonLinesLogFormat: LogFormat = {
  id: 'jsonl',
  label: 'JSON lines',
  detect: (sample) => shareOfEntries(sample, (l) => jsonObject(l) !== null, true),
  open: () => ({
    columns: null,
    messageColumn: 'message',
    line(text, lineNo, sink) {
      const obj = jsonObject(text);
      if (!obj) return false;
      sink.object(lineNo, roleEntry(obj, text.trim()));
      return true;
    },
    finish() {},
    warnings: () => [],
  }),
};
