import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogFormatRegistry } from '../logs/registry.js';
import type { DetectedOptions, RejectedRow } from './types.js';

/** What every format's stage step gets: the connection, a scratch folder, cancel and progress. */
export interface StageContext {
  conn: DuckDBConnection;
  scratchDir: string;
  signal?: AbortSignal;
  progress: (file: string, bytesRead: number, bytesTotal: number, rows?: number) => void;
  /** The log formats to read logs with (default: the built-in ones). */
  logFormats?: LogFormatRegistry;
}

/** A format's result: a filled staging table in the current schema, not yet visible under its final name. */
export interface StagedImport {
  staging: string;
  rows: number;
  rejected: number;
  /** The first few rejected rows, for the outcome. */
  rejects: RejectedRow[];
  /** Every rejected row, saved with the table. */
  allRejects: RejectedRow[];
  warnings: string[];
  detected: DetectedOptions;
  files: string[];
}
