import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { SightlineError } from '../errors.js';

/** Whether bytes start with the gzip magic number (1f 8b). */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Whether a file is gzip-compressed (by its first two bytes, whatever its name). */
export function fileIsGzip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(2);
    return isGzip(b.subarray(0, readSync(fd, b, 0, 2, 0)));
  } finally {
    closeSync(fd);
  }
}

/** Options of a line read: progress in bytes of the file on disk (compressed bytes for .gz), and cancel. */
export interface LineReadOptions {
  onBytes?: (bytesRead: number) => void;
  signal?: AbortSignal;
}

function open(file: string, opts: LineReadOptions): { text: Readable; raw: Readable } {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  if (opts.onBytes) {
    let n = 0;
    raw.on('data', (c) => {
      n += (c as Buffer).length;
      opts.onBytes?.(n);
    });
  }
  if (!fileIsGzip(file)) return { text: raw, raw };
  const gunzip = createGunzip();
  raw.on('error', (e) => gunzip.destroy(e));
  return { text: raw.pipe(gunzip), raw };
}

/**
 * Streams a text file (gzip-compressed or not, detected by its magic bytes) as batches of lines (one batch per
 * chunk read), without line breaks and without a UTF-8 BOM; invalid UTF-8 becomes U+FFFD. Memory stays bounded by
 * the chunk size and the longest line.
 */
export async function* readLineBatches(file: string, opts: LineReadOptions = {}): AsyncGenerator<string[]> {
  const { text, raw } = open(file, opts);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let first = true;
  try {
    for await (const chunk of text) {
      if (opts.signal?.aborted) return;
      let s = rest + decoder.write(chunk as Buffer);
      if (first) {
        s = s.replace(/^\uFEFF/, '');
        first = false;
      }
      const lines = s.split('\n');
      rest = lines.pop() ?? '';
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i]!;
        if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
      }
      yield lines;
    }
    rest += decoder.end();
    if (rest !== '') yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
  } catch (err) {
    throw readError(file, err);
  } finally {
    raw.destroy();
    text.destroy();
  }
}

function readError(file: string, err: unknown): SightlineError {
  const code = (err as { code?: string }).code ?? '';
  const why = err instanceof Error ? err.message : String(err);
  if (code.startsWith('Z_') || /unexpected end of file|incorrect header check|invalid/i.test(why))
    return new SightlineError(`Sightline couldn't read "${file}": its gzip data is damaged (${why}).`, {
      hints: ['The file may have been cut off while copying or downloading; fetch it again.'],
      cause: err,
    });
  return new SightlineError(`Sightline couldn't read "${file}": ${why}.`, { cause: err });
}

/** Streams a text file line by line (see `readLineBatches`). */
export async function* readLines(file: string, opts: LineReadOptions = {}): AsyncGenerator<string> {
  for await (const batch of readLineBatches(file, opts)) yield* batch;
}

/** The first `max` non-empty lines, reading at most about `maxChars` characters (a long first line is cut there). */
export async function sampleLines(file: string, max = 200, maxChars = 1 << 20): Promise<string[]> {
  const out: string[] = [];
  let chars = 0;
  for await (const line of readLines(file)) {
    if (line.trim() !== '') out.push(line.length > maxChars ? line.slice(0, maxChars) : line);
    chars += line.length + 1;
    if (out.length >= max || chars >= maxChars) break;
  }
  return out;
}
