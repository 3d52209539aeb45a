import type { ImportOptions, ImportPreview } from '../api/types.js';

/** Types offered when the user overrides a column's inferred type. */
export const TYPE_CHOICES = [
  'VARCHAR',
  'BIGINT',
  'DOUBLE',
  'DECIMAL(18,2)',
  'BOOLEAN',
  'DATE',
  'TIMESTAMP',
  'TIMESTAMP WITH TIME ZONE',
] as const;

/** Plain names of the types, for the pickers. */
export const TYPE_LABELS: Record<string, string> = {
  VARCHAR: 'Text',
  BIGINT: 'Whole number',
  INTEGER: 'Whole number',
  DOUBLE: 'Number',
  'DECIMAL(18,2)': 'Decimal (2 places)',
  BOOLEAN: 'Yes/no',
  DATE: 'Date',
  TIMESTAMP: 'Date and time',
  'TIMESTAMP WITH TIME ZONE': 'Date and time with zone',
};

/** The user's choices on the import screen; undefined means "as detected". */
export interface ImportDraft {
  table: string;
  mode: 'create' | 'replace' | 'append';
  delimiter?: string;
  header?: boolean;
  encoding?: string;
  sheet?: string;
  /** Logs: the log format to read the lines as (its id), instead of the detected one. */
  logFormat?: string;
  columnTypes: Record<string, string>;
}

/** "Q3 Revenue (final).csv" -> "q3_revenue_final", as the import names tables. */
export function tableNameFor(fileName: string): string {
  const stem = fileName.replace(/\.[^.]+$/, '');
  const name = stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(name) ? `t_${name}` : name || 'imported';
}

/** A fresh draft for an uploaded file. */
export function initialDraft(fileName: string): ImportDraft {
  return { table: tableNameFor(fileName), mode: 'create', columnTypes: {} };
}

/** The overrides to send: only what the user changed, plus the table name and mode. */
export function draftOptions(draft: ImportDraft): ImportOptions {
  const out: ImportOptions = { as: draft.table.trim(), mode: draft.mode };
  if (draft.delimiter !== undefined && draft.delimiter !== '') out.delimiter = draft.delimiter;
  if (draft.header !== undefined) out.header = draft.header;
  if (draft.encoding !== undefined && draft.encoding !== '') out.encoding = draft.encoding;
  if (draft.sheet !== undefined && draft.sheet !== '') out.sheet = draft.sheet;
  if (draft.logFormat !== undefined && draft.logFormat !== '') {
    out.inputFormat = 'log';
    out.logFormat = draft.logFormat;
  }
  if (Object.keys(draft.columnTypes).length > 0) out.columnTypes = { ...draft.columnTypes };
  return out;
}

/** Sets a column's type; choosing the detected type again removes the override. */
export function withColumnType(
  draft: ImportDraft,
  column: string,
  type: string,
  detected: string,
): ImportDraft {
  const columnTypes = { ...draft.columnTypes };
  if (type === detected) delete columnTypes[column];
  else columnTypes[column] = type;
  return { ...draft, columnTypes };
}

/** The type choices for one column: the detected type first (as it was written), then the usual ones. */
export function typeChoicesFor(detected: string): string[] {
  return [detected, ...TYPE_CHOICES.filter((t) => t !== detected)];
}

/** Why the draft cannot be imported yet, or null. */
export function draftProblem(draft: ImportDraft, preview: ImportPreview | null): string | null {
  if (draft.table.trim() === '') return 'Give the new table a name.';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(draft.table.trim()))
    return 'Use letters, digits and _ in the table name, starting with a letter (e.g. sales_2026).';
  if (preview && preview.columns.length === 0) return 'No columns were found in this file.';
  return null;
}

/** Delimiters offered, with plain names. */
export const DELIMITERS: { value: string; label: string }[] = [
  { value: ',', label: 'Comma ,' },
  { value: ';', label: 'Semicolon ;' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe |' },
];

/** Encodings offered. */
export const ENCODINGS = ['utf-8', 'windows-1252', 'latin1', 'utf-16le', 'utf-16be'];
