import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import { engineMessage, listTables, tableColumns } from './duck.js';
import { saveRejects } from './reject-store.js';
import type { StagedImport } from './stage.js';
import type { ImportMode } from './types.js';

/** One staged table and where it should end up. */
export interface CommitItem {
  target: string;
  mode: ImportMode;
  label: string;
  staged: StagedImport;
}

/** The error for appending a file whose columns don't match the table's; null when they match (any order, any case). */
export function appendMismatch(
  label: string,
  target: string,
  tableCols: string[],
  fileCols: string[],
): SightlineError | null {
  const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
  const have = lower(fileCols);
  const want = lower(tableCols);
  const missing = tableCols.filter((c) => !have.has(c.toLowerCase()));
  const extra = fileCols.filter((c) => !want.has(c.toLowerCase()));
  if (missing.length === 0 && extra.length === 0) return null;
  const parts: string[] = [];
  if (missing.length) parts.push(`missing ${missing.map((c) => `"${c}"`).join(', ')}`);
  if (extra.length) parts.push(`extra ${extra.map((c) => `"${c}"`).join(', ')}`);
  return new SightlineError(
    `Can't append "${label}" to table "${target}": the columns differ (${parts.join('; ')}).`,
    {
      hints: [
        'Use --mode replace to overwrite the table with this file, or --as NAME to import it as a new table.',
      ],
    },
  );
}

/** The error for mode create when the table already exists. */
export function tableExists(target: string): SightlineError {
  return new SightlineError(`Table "${target}" already exists.`, {
    hints: [
      'Use --mode replace to overwrite it, --mode append to add these rows to it, or --as NAME for a new table.',
    ],
  });
}

/**
 * Makes staged tables visible in ONE transaction: rename (create), drop + rename (replace) or insert (append), and
 * records their rejects. On any failure everything is rolled back and the staging tables are dropped.
 */
export async function commitImports(
  conn: DuckDBConnection,
  items: CommitItem[],
  scratchDir: string,
): Promise<void> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const existing = await listTables(conn);
    for (const item of items) {
      const { target, mode, staged } = item;
      const t = quoteIdent(target);
      const s = quoteIdent(staged.staging);
      const exists = [...existing].some((e) => e.toLowerCase() === target.toLowerCase());
      if (mode === 'append' && exists) {
        const tableCols = (await tableColumns(conn, target)).map((c) => c.name);
        const fileCols = (await tableColumns(conn, staged.staging)).map((c) => c.name);
        const mismatch = appendMismatch(item.label, target, tableCols, fileCols);
        if (mismatch) throw mismatch;
        try {
          await conn.run(`INSERT INTO ${t} BY NAME SELECT * FROM ${s}`);
        } catch (err) {
          throw new SightlineError(
            `Can't append "${item.label}" to table "${target}": ${engineMessage(err)}`,
            {
              hints: [
                "The new rows must fit the types of the table's columns; use --mode replace to start over.",
              ],
              cause: err,
            },
          );
        }
        await conn.run(`DROP TABLE ${s}`);
      } else {
        if (exists && mode === 'create') throw tableExists(target);
        if (exists) await conn.run(`DROP TABLE ${t}`);
        await conn.run(`ALTER TABLE ${s} RENAME TO ${t}`);
        existing.add(target);
      }
      await saveRejects(conn, target, staged.allRejects, mode !== 'append', scratchDir);
    }
    await conn.run('COMMIT');
  } catch (err) {
    await conn.run('ROLLBACK');
    for (const item of items) await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(item.staged.staging)}`);
    throw err;
  }
}
