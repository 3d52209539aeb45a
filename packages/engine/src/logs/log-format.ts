/** A column a log format produces, with its DuckDB type (`TIMESTAMPTZ`, `VARCHAR`, `INTEGER`, `BIGINT`, `DOUBLE`, `JSON`). */
export interface LogColumn {
  name: string;
  type: 'TIMESTAMPTZ' | 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'JSON';
}

/**
 * One value of a fixed-column entry: a string, a number, a bigint, null, or for TIMESTAMPTZ columns the instant in
 * microseconds since 1970-01-01 UTC (a number).
 */
export type LogValue = string | number | bigint | null;

/**
 * An entry whose columns come from the data: its recognised time (microseconds since the epoch), level and message,
 * the JSON text of the whole object (kept as written, so big numbers stay exact) and the keys the roles came from.
 */
export interface LogObject {
  ts: number | null;
  level: string | null;
  message: string | null;
  fields: string;
  roleKeys: string[];
}

/** Where the parser's entries and unmatched lines go. `line` is the 1-based line where the entry starts. */
export interface LogSink {
  /** A complete entry of a fixed-column format (values in the order of `LogParser.columns`). */
  row(line: number, values: LogValue[]): void;
  /** A complete entry of a format whose columns come from the data (JSON lines, logfmt, CloudTrail). */
  object(line: number, entry: LogObject): void;
  /** A line no entry could be read from, kept with its reason. */
  unmatched(line: number, raw: string, reason: string): void;
}

/** What a format learns about the file before parsing it. */
export interface LogOpenContext {
  file: string;
  /** When the file was last written (syslog's year inference). */
  mtime: Date;
  /** The first non-empty lines (the detection sample). */
  sample: readonly string[];
  /** Reads every line of the file again (a format may need one cheap pass first). */
  lines(): AsyncIterable<string>;
}

/** Parses the lines of one file, in order, into entries. */
export interface LogParser {
  /** The columns of every row, or `null` when entries are objects whose columns come from the data. */
  columns: LogColumn[] | null;
  /** The column (fixed formats) or key (object formats) that continuation lines such as stack frames extend. */
  messageColumn: string | null;
  /** Parses one line; returns false when the line is not an entry (the stager then tries it as a continuation). */
  line(text: string, lineNo: number, sink: LogSink): boolean;
  /** Called after the last line: emits what is still pending (partial lines, a buffered document). */
  finish(sink: LogSink): void;
  /** Warnings to show with the import (e.g. how a year was inferred). */
  warnings(): string[];
}

/** A log format: the one interface built-in and plug-in formats register through. */
export interface LogFormat {
  /** Short id used by `--log-format` and the API, e.g. `combined`. */
  id: string;
  /** A name for people, e.g. "nginx/Apache combined access log". */
  label: string;
  /** The share (0..1) of the sample lines this format reads. */
  detect(sample: readonly string[]): number;
  /** Opens a parser for one file. */
  open(ctx: LogOpenContext): LogParser | Promise<LogParser>;
}
