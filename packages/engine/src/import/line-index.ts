import { createReadStream } from 'node:fs';

/**
 * Maps byte offsets in a file to 1-based line numbers (counting `\n`), streaming the file once up to the
 * largest offset. A byte that is itself a newline belongs to the line it ends.
 */
export async function linesAtOffsets(path: string, offsets: number[]): Promise<Map<number, number>> {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const lines = new Map<number, number>();
  if (sorted.length === 0) return lines;
  const last = sorted.at(-1)!;
  let next = 0;
  let base = 0;
  let newlines = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20, end: last });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let pos = 0;
    while (next < sorted.length && sorted[next]! < base + chunk.length) {
      const target = sorted[next]! - base;
      newlines += countByte(chunk, pos, target);
      pos = target;
      lines.set(sorted[next]!, newlines + 1);
      next++;
    }
    newlines += countByte(chunk, pos, chunk.length);
    base += chunk.length;
  }
  for (; next < sorted.length; next++) lines.set(sorted[next]!, newlines + 1);
  return lines;
}

function countByte(chunk: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = chunk.indexOf(10, from); i >= 0 && i < to; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}
