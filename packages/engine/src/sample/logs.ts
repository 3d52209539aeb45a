import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '@sightline/sql';
import { builtInLogFormats } from '../logs/registry.js';
import { stageLogs } from '../logs/stage-log.js';

/** A sample log read into a staging table, ready to be published under `table`. */
export interface StagedSampleLog {
  table: 'access_log' | 'app_log';
  staging: string;
  comment: string;
}

/**
 * Reads the sample's two log files with the log importer (the nginx log as `combined`, the app log as JSON lines)
 * into staging tables; nothing is visible until `publishSampleTables` renames them.
 */
export async function stageSampleLogs(
  conn: DuckDBConnection,
  accessLog: string,
  appLog: string,
  commentPrefix: string,
): Promise<StagedSampleLog[]> {
  const scratchDir = mkdtempSync(join(tmpdir(), 'sightline-sample-logs-'));
  const registry = builtInLogFormats();
  const ctx = { conn, scratchDir, progress: () => {} };
  const staged: StagedSampleLog[] = [];
  try {
    const plan = [
      { table: 'access_log', file: accessLog, format: 'combined', what: 'the nginx access log (access.log)' },
      { table: 'app_log', file: appLog, format: 'jsonl', what: 'the application log (app.log.jsonl)' },
    ] as const;
    for (const p of plan) {
      const s = await stageLogs(
        ctx,
        [p.file],
        false,
        { paths: [p.file], logFormat: p.format, strict: true },
        p.file,
        registry,
      );
      staged.push({
        table: p.table,
        staging: s.staging,
        comment: `${commentPrefix}: ${p.what}, imported as a table.`,
      });
    }
    return staged;
  } catch (err) {
    await dropSampleLogs(conn, staged);
    throw err;
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
}

/** Drops staging tables left by `stageSampleLogs` (after a failed publish). */
export async function dropSampleLogs(
  conn: DuckDBConnection,
  staged: readonly StagedSampleLog[],
): Promise<void> {
  for (const s of staged) await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(s.staging)}`);
}
