import type {
  ColumnProfile,
  ExportResult,
  ImportOutcome,
  ImportRequest,
  Lesson,
  QueryResult,
  RejectedRow,
  RowBatch,
  TableInfo,
} from '@sightline/engine';

/** Progress of an import as the CLI draws it. */
export type ImportProgressFn = (p: {
  bytesRead: number;
  bytesTotal: number;
  rows?: number;
  file: string;
}) => void;

/**
 * What the commands need from a workspace. Locally the CLI opens the database itself; while `sightline open`
 * serves the workspace (DuckDB lets one process hold the file), the same calls go through that server.
 */
export interface Backend {
  readonly kind: 'local' | 'server';
  stream(sql: string, opts?: { timeoutMs?: number }): AsyncIterable<RowBatch>;
  query(sql: string, opts?: { timeoutMs?: number; signal?: AbortSignal }): Promise<QueryResult>;
  tables(): Promise<TableInfo[]>;
  describe(table: string): Promise<ColumnProfile[]>;
  rejects(table: string): Promise<RejectedRow[]>;
  exportTo(source: string, path: string): Promise<ExportResult>;
  importFiles(
    request: ImportRequest,
    opts: { onProgress?: ImportProgressFn; signal?: AbortSignal },
  ): Promise<ImportOutcome[]>;
  /** Turns a failed query's error into one that teaches (the workspace's own schema, a fix when safe). */
  teach?(sql: string, err: unknown): Promise<unknown>;
  /** Warnings for SQL that ran but is probably not what was meant (`= NULL`, a quoted column name...). */
  lint?(sql: string): Promise<Lesson[]>;
  close(): Promise<void>;
}
