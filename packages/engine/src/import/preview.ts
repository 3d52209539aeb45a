import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import { ImportCancelled, queryRows } from './duck.js';
import { formatFor } from './format.js';
import { resolveSources } from './source-files.js';
import { stageFiles } from './stage-files.js';
import { readPrefix } from './text-source.js';
import type { ImportOptions, ImportPreview, ImportRequest } from './types.js';

/**
 * Shows what importing `path` would give, without creating anything: detected options, column types, the first
 * `sampleRows` rows and the rejected rows. It reads the whole file (types and rejects hold for all of it).
 */
export async function previewImport(
  conn: DuckDBConnection,
  path: string,
  opts: ImportOptions & { request?: Omit<ImportRequest, 'paths'>; sampleRows?: number },
): Promise<ImportPreview> {
  mkdirSync(opts.scratchDir, { recursive: true });
  const scratch = mkdtempSync(join(opts.scratchDir, 'preview-'));
  const request: ImportRequest = {
    ...opts.request,
    paths: [path],
    strict: false,
    maxRejects: Number.MAX_SAFE_INTEGER,
  };
  let staging: string | undefined;
  try {
    const [group] = resolveSources([path]);
    const format = formatFor(
      group!.files[0]!,
      readPrefix(group!.files[0]!).prefix,
      request.logFormat ? 'log' : request.inputFormat,
      opts.logFormats,
    );
    const staged = await stageFiles(
      {
        conn,
        scratchDir: scratch,
        signal: opts.signal,
        logFormats: opts.logFormats,
        progress: (file, bytesRead, bytesTotal) => opts.onProgress?.({ file, bytesRead, bytesTotal }),
      },
      group!,
      request,
      format,
      group!.many ? group!.spec : group!.files[0]!,
    );
    staging = staged.staging;
    const rows = await queryRows(
      conn,
      `SELECT * FROM ${quoteIdent(staging)} LIMIT ${Math.max(0, opts.sampleRows ?? 50)}`,
    );
    return {
      detected: staged.detected,
      columns: Object.entries(staged.detected.types).map(([name, type]) => ({ name, type })),
      rows,
      rejects: staged.rejects,
      warnings: staged.warnings,
    };
  } catch (err) {
    if (err instanceof ImportCancelled)
      throw new SightlineError('The preview was cancelled.', { cause: err });
    throw err;
  } finally {
    if (staging) await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
    rmSync(scratch, { recursive: true, force: true });
  }
}
