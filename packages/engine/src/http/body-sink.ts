import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { SightlineError } from '../errors.js';
import { formatBytes } from './format-bytes.js';

/** A response body as read: the first bytes in memory, the whole of it in a file when it was large. */
export interface ReadBody {
  head: Buffer;
  size: number;
  truncated: boolean;
  file?: string;
}

/** The body stream, decompressed when the answer says it is gzip, deflate or br. */
export function decodedStream(stream: Readable, encoding: string | undefined): Readable {
  const e = (encoding ?? '').trim().toLowerCase();
  const decoder =
    e === 'gzip' || e === 'x-gzip'
      ? createGunzip()
      : e === 'deflate'
        ? createInflate()
        : e === 'br'
          ? createBrotliDecompress()
          : null;
  if (!decoder) return stream;
  stream.once('error', (err) => decoder.destroy(err));
  return stream.pipe(decoder);
}

/**
 * Reads a body: keeps the first `inlineBytes` in memory and, past that, streams everything to a file in `dir`;
 * fails when the (decompressed) body passes `maxBytes`.
 */
export async function readBody(
  stream: Readable,
  opts: { host: string; inlineBytes: number; maxBytes: number; dir: string },
): Promise<ReadBody> {
  const headChunks: Buffer[] = [];
  let headLen = 0;
  let size = 0;
  let file: string | undefined;
  let out: WriteStream | undefined;
  try {
    for await (const raw of stream) {
      const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as Uint8Array);
      const before = size;
      size += chunk.length;
      if (size > opts.maxBytes) {
        throw new SightlineError(
          `The answer from ${opts.host} is larger than ${formatBytes(opts.maxBytes)}, Sightline's limit for one response.`,
          {
            hints: [
              'Ask the API for less at a time (a page size or a filter) and save the pages as a table.',
            ],
          },
        );
      }
      if (headLen < opts.inlineBytes) {
        const part = chunk.subarray(0, opts.inlineBytes - headLen);
        headChunks.push(part);
        headLen += part.length;
      }
      if (!out) {
        if (size <= opts.inlineBytes) continue;
        mkdirSync(opts.dir, { recursive: true });
        file = join(opts.dir, `response-${Date.now()}-${randomBytes(4).toString('hex')}.body`);
        out = createWriteStream(file, { mode: 0o600 });
        out.write(Buffer.concat(headChunks).subarray(0, before));
      }
      if (!out.write(chunk)) await once(out, 'drain');
    }
    if (out) {
      out.end();
      await once(out, 'finish');
    }
  } catch (err) {
    stream.destroy();
    if (out) {
      out.destroy();
      rmSync(file!, { force: true });
    }
    throw err;
  }
  const head = Buffer.concat(headChunks);
  return file ? { head, size, truncated: true, file } : { head, size, truncated: false };
}

/** Removes response bodies saved more than `maxAgeMs` ago (default an hour) from `dir`; returns how many. */
export function pruneBodies(dir: string, maxAgeMs = 60 * 60 * 1000, now = Date.now()): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!/^response-.*\.body$/.test(name)) continue;
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs > maxAgeMs) {
        rmSync(path, { force: true });
        removed++;
      }
    } catch {
      // Another request removed it first.
    }
  }
  return removed;
}
