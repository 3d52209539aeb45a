import { randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Engine } from '@sightline/engine';
import { Hono } from 'hono';
import { z } from 'zod';
import { resolveTableName } from '../catalog-lookup.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { jsonBody } from '../json-body.js';
import { safeFileName } from '../uploads.js';

const FORMATS = ['csv', 'parquet', 'json', 'xlsx'] as const;
const CONTENT_TYPES: Record<(typeof FORMATS)[number], string> = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const what = z.object({
  /** A workspace table name... */
  table: z.string().min(1).optional(),
  /** ...or SQL whose result is exported. */
  sql: z.string().min(1).optional(),
});
const downloadBody = what.extend({ format: z.enum(FORMATS), filename: z.string().min(1).optional() });
const fileBody = what.extend({ to: z.string().min(1), format: z.enum(FORMATS).optional() });

/** Exports: a download streamed to the client, or a file written on the server's disk (for the CLI). */
export function exportRoutes(deps: AppDeps) {
  const engine = deps.workspace.engine;
  return new Hono()
    .post('/export', jsonBody(downloadBody), async (c) => {
      const body = c.req.valid('json');
      const subject = await subjectOf(engine, body);
      mkdirSync(deps.exportDir, { recursive: true });
      const path = join(deps.exportDir, `${randomUUID()}.${body.format}`);
      try {
        await engine.exportTo(subject, path, { format: body.format });
      } catch (err) {
        rmSync(path, { force: true });
        throw err;
      }
      const size = statSync(path).size;
      const stream = createReadStream(path);
      const cleanup = () => rmSync(path, { force: true });
      stream.once('close', cleanup);
      const name = safeFileName(body.filename ?? `${body.table ?? 'result'}.${body.format}`);
      return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
        headers: {
          'content-type': CONTENT_TYPES[body.format],
          'content-length': String(size),
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        },
      });
    })
    .post('/export/file', jsonBody(fileBody), async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await engine.exportTo(
          await subjectOf(engine, body),
          body.to,
          body.format ? { format: body.format } : {},
        ),
      );
    });
}

async function subjectOf(engine: Engine, body: z.infer<typeof what>): Promise<string> {
  if ((body.table === undefined) === (body.sql === undefined)) {
    throw new ApiError('bad_request', 'Say what to export: either "table" or "sql".', [
      'Example: {"table": "orders", "format": "csv"}.',
    ]);
  }
  return body.table === undefined ? body.sql! : resolveTableName(engine, body.table);
}
