import { formatBytes, formatCount, formatDuration } from './output/human.js';

/** A progress bar on stderr; every method is a no-op when stderr is not a terminal. */
export interface Progress {
  update(p: {
    done: number;
    total?: number;
    unit?: 'bytes' | 'rows' | 'percent';
    rows?: number;
    label?: string;
  }): void;
  finish(): void;
}

/** Creates a progress bar for `label` that draws at most ten times a second. */
export function createProgress(stream: NodeJS.WriteStream, label: string): Progress {
  if (!stream.isTTY) return { update() {}, finish() {} };
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update({ done, total, unit = 'bytes', rows, label: sub }) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 60));
      const fraction = total && total > 0 ? Math.min(1, done / total) : undefined;
      const bar =
        fraction === undefined
          ? ''
          : `[${'█'.repeat(Math.round(fraction * width)).padEnd(width, '░')}] ${(fraction * 100).toFixed(0).padStart(3)}% `;
      const amount =
        unit === 'bytes'
          ? `${formatBytes(done)}${total ? ` of ${formatBytes(total)}` : ''}`
          : unit === 'rows'
            ? `${formatCount(done)} rows`
            : '';
      const rowText = rows !== undefined && unit !== 'rows' ? `, ${formatCount(rows)} rows` : '';
      const text = `${sub ?? label} ${bar}${amount}${rowText} · ${formatDuration(now - started)}`;
      stream.write(`\r\x1b[2K${text.slice(0, (stream.columns ?? 120) - 1)}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
