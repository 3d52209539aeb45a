import type {
  ErrorBody,
  ImportOverrides,
  ImportProgressInfo,
  QueryStatus,
  RejectedRow,
  ImportOutcome as ServerImportOutcome,
  ImportPreview as ServerImportPreview,
  UploadInfo,
} from '@sightline/server';

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
  /** Files in the workspace's files/ folder. */
  files: { name: string; path: string; bytes: number; modified: string }[];
}

/** A live database's table (`GET /api/connections/:name/catalog`). */
export interface LiveTable {
  schema: string;
  table: string;
  rows: number;
  estimated: boolean;
  columns: Column[];
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

/** What to import: an upload, or a file in the workspace's files/ folder. */
export type ImportSource = { upload: string } | { file: string };

/** Import overrides, named as in docs/import.md. */
export type ImportOptions = ImportOverrides;

export type { ImportProgressInfo, RejectedRow };

/** `POST /api/imports/preview` (sample rows as JSON cells). */
export type ImportPreview = Omit<ServerImportPreview, 'rows'> & { rows: Row[] };

/** One table made by `POST /api/imports`. */
export type ImportOutcome = ServerImportOutcome;
