import type { ErrorBody, QueryStatus, UploadInfo } from '@sightline/server';

export type { ErrorBody, QueryStatus, UploadInfo };

/** A result column as the server describes it. */
export interface Column {
  name: string;
  type: string;
}

/** A JSON value of a row, per the CLI's JSON rules (big integers as strings, dates as ISO text). */
export type Cell = string | number | boolean | null | Cell[] | { [key: string]: Cell };

/** One row of a result, keyed by column name. */
export type Row = Record<string, Cell>;

/** `GET /api/catalog`. */
export interface Catalog {
  tables: { table: string; rows: number; columns: Column[] }[];
  connections: { name: string; kind: string; url: string }[];
}

/** `GET /api/queries/:id/rows`. */
export interface RowsPage {
  columns: Column[];
  rowCount: number;
  offset: number;
  rows: Row[];
}

/** The error part of the API's one error shape. */
export type ApiErrorInfo = ErrorBody['error'];

/** Import overrides, named as in docs/import.md. */
export interface ImportOptions {
  as?: string;
  mode?: 'create' | 'replace' | 'append';
  inputFormat?: 'auto' | 'csv' | 'tsv' | 'json' | 'ndjson' | 'parquet' | 'xlsx';
  sheet?: string;
  headerRow?: number;
  strict?: boolean;
  maxRejects?: number;
  delimiter?: string;
  header?: boolean;
  encoding?: string;
  columnTypes?: Record<string, string>;
}

/** A row that did not fit, with where and why. */
export interface RejectedRow {
  file: string;
  line: number;
  column: string | null;
  reason: string;
  raw: string;
}

/** `POST /api/imports/preview`. */
export interface ImportPreview {
  detected: {
    format: string;
    encoding?: string;
    delimiter?: string;
    header?: boolean;
    sheet?: string;
    dateFormat?: string;
    timestampFormat?: string;
    types: Record<string, string>;
  };
  columns: Column[];
  rows: Row[];
  rejects: RejectedRow[];
  warnings: string[];
}

/** One table made by `POST /api/imports`. */
export interface ImportOutcome {
  table: string;
  rows: number;
  columns: number;
  rejected: number;
  rejects: RejectedRow[];
  warnings: string[];
}
