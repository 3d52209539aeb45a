import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import type { LogFormatRegistry } from '../logs/registry.js';
import { type CommitItem, commitImports, tableExists } from './commit.js';
import { ImportCancelled, listTables } from './duck.js';
import { type FileFormat, formatFor } from './format.js';
import { resolveSources, type SourceGroup } from './source-files.js';
import type { StageContext } from './stage.js';
import { stageFiles } from './stage-files.js';
import { sanitizeTableName, tableNameFromFile } from './table-name.js';
import { readPrefix } from './text-source.js';
import type { ImportOptions, ImportOutcome, ImportRequest } from './types.js';

/**
 * Imports files, folders or globs into workspace tables: detects format, encoding, dialect and types over the
 * whole file, rejects rows that don't fit (kept in `sightline_meta.rejects`), and makes every table visible in one
 * transaction at the end, so a failed or cancelled import changes nothing.
 */
export async function importFiles(
  conn: DuckDBConnection,
  request: ImportRequest,
  opts: ImportOptions,
): Promise<ImportOutcome[]> {
  mkdirSync(opts.scratchDir, { recursive: true });
  const scratch = mkdtempSync(join(opts.scratchDir, 'import-'));
  const ctx: StageContext = {
    conn,
    scratchDir: scratch,
    signal: opts.signal,
    logFormats: opts.logFormats,
    progress: (file, bytesRead, bytesTotal, rows) =>
      opts.onProgress?.(
        rows === undefined ? { file, bytesRead, bytesTotal } : { file, bytesRead, bytesTotal, rows },
      ),
  };
  const items: CommitItem[] = [];
  try {
    const groups = combineForAs(resolveSources(request.paths), request.as);
    const mode = request.mode ?? 'create';
    const existing = await listTables(conn);
    const planned = new Set<string>();
    const targets = groups.map((g) => {
      const name =
        request.as !== undefined ? tableNameFromAs(request.as) : tableNameFromFile(groupName(g), planned);
      planned.add(name);
      if (mode === 'create' && [...existing].some((e) => e.toLowerCase() === name.toLowerCase()))
        throw tableExists(name);
      return name;
    });
    for (const [i, group] of groups.entries()) {
      const format = groupFormat(group, request, opts.logFormats);
      const label = group.many ? group.spec : group.files[0]!;
      const staged = await stageFiles(ctx, group, request, format, label);
      items.push({ target: targets[i]!, mode, label, staged });
    }
    if (opts.signal?.aborted) throw new ImportCancelled();
    await commitImports(conn, items, scratch);
    return items.map(({ target, staged }) => ({
      table: target,
      rows: staged.rows,
      columns: Object.keys(staged.detected.types).length,
      rejected: staged.rejected,
      rejects: staged.rejects,
      warnings: staged.warnings,
      detected: staged.detected,
      files: staged.files,
    }));
  } catch (err) {
    for (const item of items)
      await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(item.staged.staging)}`).catch(() => {});
    if (err instanceof ImportCancelled || (opts.signal?.aborted && !(err instanceof SightlineError)))
      throw new SightlineError('The import was cancelled; nothing was changed.', { cause: err });
    throw err;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function combineForAs(groups: SourceGroup[], as: string | undefined): SourceGroup[] {
  if (as === undefined || groups.length === 1) return groups;
  const files = [...new Set(groups.flatMap((g) => g.files))];
  return [{ spec: groups.map((g) => g.spec).join(', '), files, many: true }];
}

function tableNameFromAs(as: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(as)) return as;
  return sanitizeTableName(as);
}

function groupName(group: SourceGroup): string {
  if (!group.many) return group.spec;
  // `data/*.csv` -> data; a folder -> its own name.
  const fixed = group.spec.split(/[\\/]/).filter((s) => !/[*?[]/.test(s));
  const isGlob = fixed.length !== group.spec.split(/[\\/]/).length;
  const base = isGlob ? fixed.join('/') : group.spec;
  return basename(base.replace(/[\\/]+$/, '')) || basename(dirname(group.files[0]!));
}

function groupFormat(
  group: SourceGroup,
  request: ImportRequest,
  logFormats: LogFormatRegistry | undefined,
): FileFormat {
  const formats = group.files.map((f) =>
    formatFor(f, readPrefix(f).prefix, request.logFormat ? 'log' : request.inputFormat, logFormats),
  );
  const first = formats[0]!;
  const other = formats.findIndex((f) => f !== first);
  if (other >= 0)
    throw new SightlineError(
      `"${group.files[other]}" is ${formats[other]} but "${group.files[0]}" is ${first}; one table needs files of one kind.`,
      { hints: ['Narrow the pattern, e.g. data/*.csv, or import the files separately.'] },
    );
  return first;
}
