import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  type ImportOutcome,
  type ImportRequest,
  importFiles,
  previewImport,
  type RejectedRow,
} from '@sightline/engine';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { jsonBody } from '../json-body.js';

/** The user's overrides of what import detection would choose (ImportRequest without `paths`). */
const overrides = z.object({
  as: z.string().min(1).optional(),
  mode: z.enum(['create', 'replace', 'append']).optional(),
  inputFormat: z.enum(['auto', 'csv', 'tsv', 'json', 'ndjson', 'parquet', 'xlsx', 'log']).optional(),
  /** Logs: read the lines as this log format (an id such as `combined`) instead of detecting it. */
  logFormat: z.string().min(1).max(64).optional(),
  sheet: z.string().optional(),
  headerRow: z.number().int().min(1).optional(),
  strict: z.boolean().optional(),
  maxRejects: z.number().int().min(0).optional(),
  delimiter: z.string().min(1).max(4).optional(),
  header: z.boolean().optional(),
  encoding: z.string().optional(),
  columnTypes: z.record(z.string(), z.string()).optional(),
  flatten: z.boolean().optional(),
});

/** The import overrides the API accepts (docs/import.md names each). */
export type ImportOverrides = z.input<typeof overrides>;

const source = z.object({
  /** An upload id from POST /api/uploads. */
  upload: z.string().optional(),
  /** Files, folders or globs on the server's disk (for the CLI). */
  paths: z.array(z.string().min(1)).min(1).optional(),
  /** A file in the workspace's files/ folder, by name (as GET /api/catalog lists it). */
  file: z.string().min(1).optional(),
});

const previewBody = source.extend({
  options: overrides.optional(),
  sampleRows: z.number().int().min(0).max(1000).optional(),
});
const importBody = source.extend({
  options: overrides.optional(),
  /** A name the client picks to follow this import's progress with GET /api/imports/progress/:id. */
  progressId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'a progress id is 8 to 64 letters, digits, "-" or "_"')
    .optional(),
});

/** How far a running import is (GET /api/imports/progress/:id). */
export interface ImportProgressInfo {
  bytesRead: number;
  bytesTotal: number;
  rows: number | null;
  done: boolean;
}

/** Import preview (sniffed options, types, sample rows, rejects) and import with the user's overrides. */
export function importRoutes(deps: AppDeps) {
  const ws = deps.workspace;
  const withConn = async <T>(fn: (conn: Awaited<ReturnType<typeof ws.engine.connect>>) => Promise<T>) => {
    const conn = await ws.engine.connect();
    try {
      return await fn(conn);
    } finally {
      conn.closeSync();
    }
  };
  // Progress of imports started with a progressId; an entry is dropped a minute after its import ends.
  const progress = new Map<string, ImportProgressInfo>();
  return new Hono()
    .get('/imports/progress/:id', (c) => {
      const p = progress.get(c.req.param('id'));
      if (!p) throw new ApiError('not_found', 'There is no import with that progress id.');
      return c.json(p);
    })
    .post('/imports/preview', jsonBody(previewBody), async (c) => {
      const body = c.req.valid('json');
      const { paths, rename } = resolveSource(deps, body);
      if (paths.length !== 1)
        throw new ApiError('bad_request', 'A preview reads one file (or folder, or glob) at a time.', [
          'Send one entry in "paths", or an "upload" id.',
        ]);
      const preview = await withConn((conn) =>
        previewImport(conn, paths[0]!, {
          scratchDir: ws.tmpDir,
          signal: c.req.raw.signal,
          ...(body.options ? { request: clean(body.options) } : {}),
          ...(body.sampleRows === undefined ? {} : { sampleRows: body.sampleRows }),
        }),
      );
      return c.json({ ...preview, rejects: preview.rejects.map((r) => renameReject(r, rename)) });
    })
    .post('/imports', jsonBody(importBody), async (c) => {
      const body = c.req.valid('json');
      const { paths, rename } = resolveSource(deps, body);
      const request: ImportRequest = { ...clean(body.options ?? {}), paths };
      const id = body.progressId;
      const shown: ImportProgressInfo = { bytesRead: 0, bytesTotal: sizeOf(paths), rows: null, done: false };
      if (id !== undefined) progress.set(id, shown);
      const outcomes = await withConn((conn) =>
        importFiles(conn, request, {
          scratchDir: ws.tmpDir,
          signal: c.req.raw.signal,
          onProgress: (p) => {
            shown.bytesRead = p.bytesRead;
            shown.bytesTotal = p.bytesTotal;
            shown.rows = p.rows ?? null;
          },
        }),
      ).finally(() => {
        shown.done = true;
        shown.bytesRead = shown.bytesTotal;
        if (id !== undefined) setTimeout(() => progress.delete(id), 60_000).unref();
      });
      if (body.upload !== undefined) deps.uploads.remove(body.upload);
      return c.json(outcomes.map((o) => renameOutcome(o, rename)));
    });
}

/** Maps a server path back to the name the user knows it by (an upload's original file name). */
interface Rename {
  from: string;
  to: string;
}

function resolveSource(deps: AppDeps, body: z.infer<typeof source>): { paths: string[]; rename?: Rename } {
  const given = [body.upload, body.paths, body.file].filter((x) => x !== undefined).length;
  if (given !== 1) {
    throw new ApiError(
      'bad_request',
      'Say what to import: one of "upload" (an upload id), "file" (a workspace file) or "paths".',
      ['Upload the file first with POST /api/uploads?name=FILE, then send {"upload": "<id>"}.'],
    );
  }
  if (body.file !== undefined) return { paths: [workspaceFile(deps, body.file)] };
  if (body.upload !== undefined) {
    const path = deps.uploads.pathOf(body.upload);
    return { paths: [path], rename: { from: path, to: deps.uploads.info(body.upload).name } };
  }
  return { paths: body.paths! };
}

/** Bytes of the files named directly (folders and globs count once the engine reports them). */
function sizeOf(paths: string[]): number {
  let total = 0;
  for (const p of paths) {
    try {
      const st = statSync(p);
      if (st.isFile()) total += st.size;
    } catch {
      // A glob or a missing file: the engine says what it is.
    }
  }
  return total;
}

/** The path of a file in the workspace's files/ folder; a name that leaves the folder or does not exist is refused. */
function workspaceFile(deps: AppDeps, name: string): string {
  const path = join(deps.workspace.filesDir, name);
  if (basename(name) !== name || name.startsWith('.') || !existsSync(path)) {
    throw new ApiError('not_found', `There is no file "${name}" in the workspace's files folder.`, [
      'GET /api/catalog lists the files there.',
    ]);
  }
  return path;
}

function clean(options: z.infer<typeof overrides>): Omit<ImportRequest, 'paths'> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Omit<
    ImportRequest,
    'paths'
  >;
}

function renameReject(r: RejectedRow, rename: Rename | undefined): RejectedRow {
  return rename && r.file === rename.from ? { ...r, file: rename.to } : r;
}

function renameOutcome(o: ImportOutcome, rename: Rename | undefined): ImportOutcome {
  if (!rename) return o;
  return {
    ...o,
    files: o.files.map((f) => (f === rename.from ? rename.to : f)),
    rejects: o.rejects.map((r) => renameReject(r, rename)),
  };
}
