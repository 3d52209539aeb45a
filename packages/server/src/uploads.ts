import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ApiError } from './errors.js';

/** What the server knows about one upload. */
export interface UploadInfo {
  id: string;
  /** The file name the client gave (sanitised). */
  name: string;
  state: 'receiving' | 'done' | 'failed';
  bytesReceived: number;
  /** From Content-Length, when the client sent it. */
  bytesExpected: number | null;
}

interface Upload extends UploadInfo {
  path: string;
}

/**
 * Uploaded files, streamed to `<dir>/<id>/<name>` as they arrive (no size cap but the disk). Each upload's
 * progress can be read while it is being received.
 */
export class UploadStore {
  private readonly uploads = new Map<string, Upload>();

  constructor(readonly dir: string) {}

  /** Streams `body` to disk under `name`; resolves when all of it was written. */
  async receive(
    name: string,
    body: ReadableStream<Uint8Array> | null,
    bytesExpected: number | null,
  ): Promise<UploadInfo> {
    const safe = safeFileName(name);
    const id = randomUUID();
    const folder = join(this.dir, id);
    mkdirSync(folder, { recursive: true });
    const upload: Upload = {
      id,
      name: safe,
      path: join(folder, safe),
      state: 'receiving',
      bytesReceived: 0,
      bytesExpected,
    };
    this.uploads.set(id, upload);
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        upload.bytesReceived += chunk.length;
        done(null, chunk);
      },
    });
    try {
      const source = body ? Readable.fromWeb(body as WebReadableStream<Uint8Array>) : Readable.from([]);
      await pipeline(source, counter, createWriteStream(upload.path, { mode: 0o600 }));
      upload.state = 'done';
      return info(upload);
    } catch (err) {
      upload.state = 'failed';
      rmSync(folder, { recursive: true, force: true });
      throw err;
    }
  }

  /** The progress and state of an upload. */
  info(id: string): UploadInfo {
    return info(this.get(id));
  }

  /** Every upload kept now, including ones still being received (for progress). */
  list(): UploadInfo[] {
    return [...this.uploads.values()].map(info);
  }

  /** The path on disk of a fully received upload. */
  pathOf(id: string): string {
    const upload = this.get(id);
    if (upload.state !== 'done') {
      throw new ApiError('conflict', `The upload "${upload.name}" is not complete.`, [
        'Wait until it is received, or upload the file again.',
      ]);
    }
    return upload.path;
  }

  /** Deletes an upload's file. */
  remove(id: string): void {
    const upload = this.get(id);
    this.uploads.delete(id);
    rmSync(join(this.dir, id), { recursive: true, force: true });
    upload.state = 'failed';
  }

  /** Deletes every upload (on server close). */
  removeAll(): void {
    this.uploads.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get(id: string): Upload {
    const upload = this.uploads.get(id);
    if (!upload) {
      throw new ApiError('not_found', `There is no upload with id "${id}".`, [
        'Uploads are kept until they are imported or the server stops; upload the file again.',
      ]);
    }
    return upload;
  }
}

/** A file name without folders or characters that are unsafe on disk; never empty. */
export function safeFileName(name: string): string {
  const base = basename(name.replaceAll('\\', '/'))
    .replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_')
    .trim();
  if (base === '' || base === '.' || base === '..') return 'upload';
  return base.slice(0, 200);
}

function info(u: Upload): UploadInfo {
  return {
    id: u.id,
    name: u.name,
    state: u.state,
    bytesReceived: u.bytesReceived,
    bytesExpected: u.bytesExpected,
  };
}
