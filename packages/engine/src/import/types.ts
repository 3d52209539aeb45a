import type { LogFormatRegistry } from '../logs/registry.js';

/** The file formats `importFiles` reads; `auto` picks one from the file name and content. */
export type InputFormat = 'auto' | 'csv' | 'tsv' | 'json' | 'ndjson' | 'parquet' | 'xlsx' | 'log';

/** How an import treats a table that already exists. */
export type ImportMode = 'create' | 'replace' | 'append';

/** What to import and how; every field but `paths` is optional and auto-detected when left out. */
export interface ImportRequest {
  /** Files, folders or globs (`data/*.csv`). Each entry becomes one table, unless `as` names one table for all. */
  paths: string[];
  /** Table name; derived from the file name when omitted. */
  as?: string;
  mode?: ImportMode;
  inputFormat?: InputFormat;
  /** xlsx: sheet name, or its 1-based position ("2"). Default: the first sheet. */
  sheet?: string;
  /** xlsx: the 1-based row that holds the column names. Default 1. */
  headerRow?: number;
  /** Fail on the first row that doesn't fit instead of rejecting it. */
  strict?: boolean;
  /** Most rows that may be rejected before the import fails. Default: 10% of the data rows read, rounded down. */
  maxRejects?: number;
  /** CSV: the field delimiter, e.g. `;` or `\t`. */
  delimiter?: string;
  /** CSV: whether the first line holds column names. */
  header?: boolean;
  /** CSV/JSON: the text encoding (`utf-8`, `utf-16le`, `windows-1252`, ... any WHATWG label). */
  encoding?: string;
  /** Column name -> DuckDB type (`BIGINT`, `DECIMAL(10,2)`, `DATE`, ...). Values that don't fit are rejected. */
  columnTypes?: Record<string, string>;
  /** JSON: turn nested objects into `parent_child` columns. */
  flatten?: boolean;
  /** Logs: the log format id (`combined`, `syslog`, `jsonl`...), instead of detecting it from the first lines. */
  logFormat?: string;
}

/** One row that did not fit, with where it came from and why. */
export interface RejectedRow {
  file: string;
  /** Line in the file (the header is line 1). */
  line: number;
  column: string | null;
  reason: string;
  raw: string;
}

/** What was detected (or given) while reading the files, shown so people can check and override it. */
export interface DetectedOptions {
  format: Exclude<InputFormat, 'auto'>;
  encoding?: string;
  delimiter?: string;
  quote?: string;
  escape?: string;
  header?: boolean;
  dateFormat?: string;
  timestampFormat?: string;
  /** Columns whose numbers were written with a decimal comma or thousands separators. */
  numberFormats?: Record<string, string>;
  sheet?: string;
  /** Logs: the format the lines were read as (its id, e.g. `combined`). */
  logFormat?: string;
  /** Logs: that format's name for people, e.g. "nginx/Apache combined access log". */
  logFormatLabel?: string;
  /** Logs: the share (0..1) of the first 200 non-empty lines that format reads. */
  logConfidence?: number;
  /** Logs: how well every known format reads those lines, best first (to offer an override). */
  logCandidates?: { id: string; label: string; confidence: number }[];
  /** `gzip` when the file was compressed. */
  compression?: 'gzip';
  /** Column name -> type as stored. */
  types: Record<string, string>;
}

/** The result of importing into one table. */
export interface ImportOutcome {
  table: string;
  rows: number;
  columns: number;
  rejected: number;
  /** The first few rejected rows (all of them are kept; see `listRejects`). */
  rejects: RejectedRow[];
  warnings: string[];
  detected: DetectedOptions;
  files: string[];
}

/** Progress of a running import. `bytesRead` counts the current file. */
export interface ImportProgress {
  bytesRead: number;
  bytesTotal: number;
  rows?: number;
  file: string;
}

/** Where and how `importFiles` works: a scratch folder for transcoded/staged files, progress, cancel. */
export interface ImportOptions {
  scratchDir: string;
  /** The log formats to read logs with (default: the built-in ones); plug-ins register theirs here. */
  logFormats?: LogFormatRegistry;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

/** What `previewImport` shows before anything is written. */
export interface ImportPreview {
  detected: DetectedOptions;
  columns: { name: string; type: string }[];
  /** The first rows, as JSON-safe values. */
  rows: Record<string, unknown>[];
  rejects: RejectedRow[];
  warnings: string[];
}
