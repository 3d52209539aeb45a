import type { LogColumn, LogFormat, LogSink } from '../log-format.js';
import { isoTime } from '../time.js';
import { containerNames } from './container-path.js';

const LINE = /^(\S+) (stdout|stderr) ([PF])(?: (.*))?$/;

const COLUMNS: LogColumn[] = [
  { name: 'ts', type: 'TIMESTAMPTZ' },
  { name: 'stream', type: 'VARCHAR' },
  { name: 'message', type: 'VARCHAR' },
  { name: 'namespace', type: 'VARCHAR' },
  { name: 'pod', type: 'VARCHAR' },
  { name: 'container', type: 'VARCHAR' },
];

/** Kubernetes CRI container logs (`2026-10-31T13:55:36.1Z stdout F text`); partial `P` lines are joined. */
export const criLogFormat: LogFormat = {
  id: 'cri',
  label: 'Kubernetes (CRI) container log',
  detect: (sample) => {
    const lines = sample.filter((l) => l.trim() !== '');
    if (lines.length === 0) return 0;
    return (
      lines.filter((l) => {
        const m = LINE.exec(l);
        return m !== null && isoTime(m[1]!) !== null;
      }).length / lines.length
    );
  },
  open: (ctx) => {
    const names = containerNames(ctx.file);
    // Partial lines are joined per stream (stdout and stderr interleave).
    const pending = new Map<string, { line: number; ts: number; parts: string[] }>();
    const emit = (sink: LogSink, stream: string, p: { line: number; ts: number; parts: string[] }) =>
      sink.row(p.line, [p.ts, stream, p.parts.join(''), names.namespace, names.pod, names.container]);
    return {
      columns: COLUMNS,
      messageColumn: null,
      line(text, lineNo, sink) {
        const m = LINE.exec(text);
        if (!m) return false;
        const ts = isoTime(m[1]!);
        if (ts === null) return false;
        const stream = m[2]!;
        const open = pending.get(stream) ?? { line: lineNo, ts, parts: [] };
        open.parts.push(m[4] ?? '');
        if (m[3] === 'P') pending.set(stream, open);
        else {
          pending.delete(stream);
          emit(sink, stream, open);
        }
        return true;
      },
      finish(sink) {
        for (const [stream, p] of pending) emit(sink, stream, p);
        pending.clear();
      },
      warnings: () => [],
    };
  },
};
