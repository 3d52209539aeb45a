import type { LogColumn, LogFormat, LogSink } from '../log-format.js';
import { isoTime } from '../time.js';
import { containerNames } from './container-path.js';
import { jsonObject } from './json-lines.js';

const COLUMNS: LogColumn[] = [
  { name: 'ts', type: 'TIMESTAMPTZ' },
  { name: 'stream', type: 'VARCHAR' },
  { name: 'message', type: 'VARCHAR' },
  { name: 'attrs', type: 'JSON' },
  { name: 'container_id', type: 'VARCHAR' },
];

interface DockerLine {
  log: string;
  stream: string;
  ts: number;
  attrs: unknown;
}

function dockerLine(text: string): DockerLine | null {
  const o = jsonObject(text);
  if (!o || typeof o.log !== 'string' || typeof o.stream !== 'string' || typeof o.time !== 'string')
    return null;
  if (Object.keys(o).some((k) => k !== 'log' && k !== 'stream' && k !== 'time' && k !== 'attrs')) return null;
  const ts = isoTime(o.time);
  return ts === null ? null : { log: o.log, stream: o.stream, ts, attrs: o.attrs ?? null };
}

/** Docker's json-file container logs (`{"log":"...\n","stream":"stdout","time":"..."}`); split long lines are joined. */
export const dockerJsonLogFormat: LogFormat = {
  id: 'docker',
  label: 'Docker json-file container log',
  detect: (sample) => {
    const lines = sample.filter((l) => l.trim() !== '');
    return lines.length === 0 ? 0 : lines.filter((l) => dockerLine(l) !== null).length / lines.length;
  },
  open: (ctx) => {
    const id = containerNames(ctx.file).container_id;
    const pending = new Map<string, { line: number; first: DockerLine; parts: string[] }>();
    const emit = (sink: LogSink, p: { line: number; first: DockerLine; parts: string[] }) =>
      sink.row(p.line, [
        p.first.ts,
        p.first.stream,
        p.parts.join('').replace(/\r?\n$/, ''),
        p.first.attrs === null ? null : JSON.stringify(p.first.attrs),
        id,
      ]);
    return {
      columns: COLUMNS,
      messageColumn: null,
      line(text, lineNo, sink) {
        const d = dockerLine(text);
        if (!d) return false;
        const open = pending.get(d.stream) ?? { line: lineNo, first: d, parts: [] };
        open.parts.push(d.log);
        // Docker splits lines longer than 16 KiB; only the last part ends with a newline.
        if (d.log.endsWith('\n')) {
          pending.delete(d.stream);
          emit(sink, open);
        } else pending.set(d.stream, open);
        return true;
      },
      finish(sink) {
        for (const p of pending.values()) emit(sink, p);
        pending.clear();
      },
      warnings: () => [],
    };
  },
};
