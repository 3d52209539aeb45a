import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SightlineError } from '../errors.js';
import { canonicalEncoding, detectEncoding, utf8Stats } from './encoding.js';
import { transcodeToUtf8 } from './transcode.js';

/** How many bytes of a file are read to guess its encoding and dialect. */
export const PREFIX_BYTES = 64 * 1024;

/** A text file ready for DuckDB: UTF-8 at `readPath` (the original or a transcoded scratch copy). */
export interface TextSource {
  file: string;
  readPath: string;
  size: number;
  encoding: string;
  warnings: string[];
  /** The first bytes of the original file. */
  prefix: Uint8Array;
  /** True when `prefix` is the whole file. */
  complete: boolean;
}

/** Reads the first `PREFIX_BYTES` of a file; fails with "the file is empty" for a 0-byte file. */
export function readPrefix(file: string): { prefix: Uint8Array; size: number; complete: boolean } {
  const size = statSync(file).size;
  if (size === 0)
    throw new SightlineError(`The file "${file}" is empty: it has 0 bytes, so there is nothing to import.`, {
      hints: ['Check that the export finished writing the file, then import it again.'],
    });
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(size, PREFIX_BYTES));
    const n = readSync(fd, buf, 0, buf.length, 0);
    return { prefix: new Uint8Array(buf.buffer, buf.byteOffset, n), size, complete: n >= size };
  } finally {
    closeSync(fd);
  }
}

/** Where scratch copies go and how to report progress while converting. */
export interface TextContext {
  scratchDir: string;
  signal?: AbortSignal;
  onBytes?: (file: string, bytesRead: number, bytesTotal: number) => void;
}

/**
 * Makes a file readable as UTF-8: keeps it when it already is (or has a UTF-8 BOM), else stream-converts it to a
 * scratch copy. `encoding` (the user's choice) overrides detection.
 */
export async function prepareTextSource(
  file: string,
  encoding: string | undefined,
  ctx: TextContext,
): Promise<TextSource> {
  const { prefix, size, complete } = readPrefix(file);
  const base = { file, size, prefix, complete, warnings: [] as string[] };
  if (encoding !== undefined) {
    const canon = canonicalEncoding(encoding);
    if (!canon.ok)
      throw new SightlineError(`Can't read "${file}": ${canon.error}.`, {
        kind: 'usage',
        hints: ['Use a name like utf-8, utf-16le, utf-16be, windows-1252 or latin1.'],
      });
    if (canon.value === 'utf-8') return { ...base, readPath: file, encoding: 'utf-8' };
    return { ...base, ...(await convert(file, canon.value, size, ctx)), encoding: canon.value };
  }
  const guess = detectEncoding(prefix, complete);
  if (!guess.transcode)
    return { ...base, readPath: file, encoding: guess.bomLength ? 'utf-8 (with BOM)' : 'utf-8' };
  const converted = await convert(file, guess.encoding, size, ctx);
  return { ...base, ...converted, encoding: guess.encoding };
}

/**
 * Called when DuckDB found invalid UTF-8 past the first bytes: scans the whole file to tell Windows-1252 from UTF-8
 * with a few stray bytes, then converts it.
 */
export async function repairTextSource(src: TextSource, ctx: TextContext): Promise<TextSource> {
  let multibyte = 0;
  for await (const chunk of createReadStream(src.file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    multibyte += utf8Stats(chunk).multibyte;
    if (multibyte > 0) break;
  }
  const encoding = multibyte > 0 ? 'utf-8' : 'windows-1252';
  return { ...src, ...(await convert(src.file, encoding, src.size, ctx)), encoding };
}

async function convert(
  file: string,
  encoding: string,
  size: number,
  ctx: TextContext,
): Promise<{ readPath: string; warnings: string[] }> {
  const readPath = join(
    ctx.scratchDir,
    `utf8-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}.txt`,
  );
  const r = await transcodeToUtf8(file, readPath, encoding, {
    signal: ctx.signal,
    onBytes: (n) => ctx.onBytes?.(file, n, size),
  });
  const warnings: string[] = [];
  if (encoding === 'utf-8' && r.replacedTotal > 0) {
    const lines = r.replacedLines.join(', ');
    const more =
      r.replacedTotal > r.replacedLines.length ? ` and ${r.replacedTotal - r.replacedLines.length} more` : '';
    warnings.push(
      `"${file}" has bytes that aren't valid UTF-8 on line${r.replacedTotal > 1 ? 's' : ''} ${lines}${more}; they were replaced with �.`,
    );
  }
  return { readPath, warnings };
}
