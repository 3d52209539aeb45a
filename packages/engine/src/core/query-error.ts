import { type ErrorKind, SightlineError } from '../errors.js';

/** Where in the user's SQL text an error points; line and column count from 1, offset (UTF-16 index) from 0. */
export interface SqlPosition {
  line: number;
  column: number;
  offset: number;
}

/** A failed query: the plain message plus everything the engine said, for the UI and `--debug`. */
export class QueryError extends SightlineError {
  readonly sql: string;
  readonly engineMessage: string;
  /** DuckDB's error class, e.g. `Binder Error`, `Parser Error`, `Catalog Error`, `Interrupt Error`. */
  readonly errorClass: string;
  readonly position?: SqlPosition;
  /** Names the engine suggested (`Candidate bindings: ...`, `Did you mean ...?`). */
  readonly candidates: string[];
  constructor(
    message: string,
    details: {
      sql: string;
      engineMessage: string;
      errorClass: string;
      position?: SqlPosition;
      candidates?: string[];
      kind?: ErrorKind;
      hints?: string[];
      cause?: unknown;
    },
  ) {
    super(message, { kind: details.kind ?? 'user', hints: details.hints ?? [], cause: details.cause });
    this.name = 'QueryError';
    this.sql = details.sql;
    this.engineMessage = details.engineMessage;
    this.errorClass = details.errorClass;
    if (details.position) this.position = details.position;
    this.candidates = details.candidates ?? [];
  }
}

/** What the engine said, split into parts (before it is turned into a plain sentence). */
interface EngineErrorParts {
  errorClass: string;
  text: string;
  subtype?: string;
  name?: string;
  entryType?: string;
  offset?: number;
}

/**
 * Turns whatever DuckDB threw into a QueryError: THE one place engine messages are parsed. Understands both
 * DuckDB's text form (`Binder Error: ...\n\nLINE 1: ...` with a caret) and its `errors_as_json` form (which
 * carries an exact byte offset). `prefixBytes` is subtracted from engine offsets when the SQL was wrapped
 * (e.g. in `CREATE TEMP TABLE ... AS`) before it reached the engine.
 */
export function parseDuckDBError(err: unknown, sql: string, opts: { prefixBytes?: number } = {}): QueryError {
  if (err instanceof QueryError) return err;
  const raw = err instanceof Error ? err.message : String(err);
  const parts = parseJsonForm(raw, opts.prefixBytes ?? 0, sql) ?? parseTextForm(raw, sql);
  const candidates = extractCandidates(parts.text);
  const detail = stripSuggestions(parts.text);
  const position =
    parts.offset !== undefined ? positionFromOffset(sql, parts.offset) : positionFromExcerpt(raw, sql);
  const where = position ? ` (line ${position.line}, col ${position.column})` : '';
  const hints =
    candidates.length > 0 ? [`Did you mean ${candidates.map((c) => `"${c}"`).join(' or ')}?`] : [];
  const message = plainSentence(parts, detail, where);
  const kind: ErrorKind = /^(Internal|Fatal)/i.test(parts.errorClass) ? 'internal' : 'user';
  if (kind === 'internal') hints.push('This is a fault in the engine, not in your SQL; please report it.');
  return new QueryError(message, {
    sql,
    engineMessage: raw,
    errorClass: parts.errorClass,
    ...(position ? { position } : {}),
    candidates,
    kind,
    hints,
    cause: err,
  });
}

function plainSentence(parts: EngineErrorParts, detail: string, where: string): string {
  if (parts.subtype === 'COLUMN_NOT_FOUND' && parts.name)
    return `Column "${parts.name}" doesn't exist${where}.`;
  const missing = /^Table with name (.+) does not exist!?$/.exec(detail);
  if (missing) return `Table "${parts.name ?? missing[1]}" doesn't exist in this workspace${where}.`;
  const column = /^Referenced column "(.+)" not found in FROM clause!?$/.exec(detail);
  if (column) return `Column "${column[1]}" doesn't exist${where}.`;
  const syntax = /^syntax error at or near (.+)$/.exec(detail);
  if (syntax) return `The SQL has a syntax error near ${syntax[1]}${where}.`;
  if (/^syntax error at end of input$/.test(detail)) return `The SQL ends too early${where}.`;
  const firstLine = (detail.split('\n')[0] ?? detail).replace(/[!.]+$/, '');
  return `${parts.errorClass}: ${firstLine}${where}.`;
}

function parseJsonForm(raw: string, prefixBytes: number, sql: string): EngineErrorParts | undefined {
  const start = raw.indexOf('{');
  if (start < 0 || !raw.trimEnd().endsWith('}')) return undefined;
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(raw.slice(start)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof data.exception_type !== 'string' || typeof data.exception_message !== 'string') return undefined;
  const parts: EngineErrorParts = {
    errorClass: errorClassName(data.exception_type),
    text: data.exception_message,
  };
  if (typeof data.error_subtype === 'string') parts.subtype = data.error_subtype;
  if (typeof data.name === 'string') parts.name = data.name;
  if (typeof data.type === 'string') parts.entryType = data.type;
  const bytes = Number(data.position);
  if (typeof data.position === 'string' && Number.isInteger(bytes)) {
    const inUserSql = bytes - prefixBytes;
    if (inUserSql >= 0 && inUserSql <= Buffer.byteLength(sql))
      parts.offset = byteToCharOffset(sql, inUserSql);
  }
  return parts;
}

function errorClassName(exceptionType: string): string {
  const title =
    exceptionType === exceptionType.toUpperCase() && exceptionType.length > 2
      ? exceptionType.charAt(0) + exceptionType.slice(1).toLowerCase()
      : exceptionType;
  return `${title} Error`;
}

function parseTextForm(raw: string, _sql: string): EngineErrorParts {
  const body = raw.split(/\n\nLINE \d+:/)[0] ?? raw;
  const match = /^([A-Za-z][A-Za-z ]*? Error): ([\s\S]*)$/.exec(body);
  if (!match) return { errorClass: 'Error', text: body.trim() };
  return { errorClass: errorClassName(match[1]!.replace(/ Error$/, '')), text: match[2]!.trim() };
}

function extractCandidates(text: string): string[] {
  const found: string[] = [];
  const bindings = /Candidate bindings: (.*)/.exec(text);
  if (bindings) for (const m of bindings[1]!.matchAll(/"((?:[^"]|"")*)"/g)) found.push(m[1]!);
  for (const m of text.matchAll(/Did you mean "((?:[^"]|"")*)"\??/g)) found.push(m[1]!);
  const ambiguous = /\(use: (.*)\)/.exec(text);
  if (ambiguous) for (const m of ambiguous[1]!.matchAll(/"((?:[^"]|"")*)"/g)) found.push(m[1]!);
  return [...new Set(found)];
}

function stripSuggestions(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^(Candidate bindings:|Did you mean)/.test(line.trim()))
    .join('\n')
    .replace(/ \(use: .*\)/, '')
    .trim();
}

function byteToCharOffset(text: string, bytes: number): number {
  let seen = 0;
  let i = 0;
  while (i < text.length && seen < bytes) {
    const code = text.codePointAt(i)!;
    seen += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    i += code > 0xffff ? 2 : 1;
  }
  return i;
}

/** Line and column (from 1) of a character offset in `sql`. */
export function positionFromOffset(sql: string, offset: number): SqlPosition {
  const before = sql.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, offset };
}

/**
 * Text form only: DuckDB prints `LINE n: <excerpt>` and a caret under it; the excerpt may be a trimmed window
 * (`...` at either end) and tabs shift the caret, so the caret is located by finding the excerpt in line n.
 */
function positionFromExcerpt(raw: string, sql: string): SqlPosition | undefined {
  const m = /\n\nLINE (\d+): (.*)\n( *)\^/.exec(raw);
  if (!m) return undefined;
  const lineNo = Number(m[1]);
  const prefixLen = `LINE ${m[1]}: `.length;
  let excerpt = m[2]!;
  let caret = m[3]!.length - prefixLen;
  if (excerpt.startsWith('...')) {
    excerpt = excerpt.slice(3);
    caret -= 3;
  }
  if (excerpt.endsWith('...')) excerpt = excerpt.slice(0, -3);
  const lines = sql.split('\n');
  const line = lines[lineNo - 1];
  if (line === undefined) return undefined;
  const at = line.indexOf(excerpt);
  const column = Math.max(at, 0) + Math.max(caret, 0) + 1;
  const offset = lines.slice(0, lineNo - 1).reduce((sum, l) => sum + l.length + 1, 0) + column - 1;
  return { line: lineNo, column, offset };
}
