import type { RejectedRow } from './types.js';

/** One entry of DuckDB's `reject_errors` table, reduced to what Sightline uses. */
export interface EngineReject {
  file: string;
  line: number;
  column: string | null;
  errorType: string;
  message: string;
  raw: string;
}

/** Turns DuckDB's reject error into a plain reason: `expected 4 fields, found 5`, `"x" is not a BIGINT`. */
export function rejectReason(errorType: string, message: string): string {
  const fields = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  switch (errorType) {
    case 'MISSING COLUMNS':
    case 'TOO MANY COLUMNS':
      return fields ? `expected ${fields[1]} fields, found ${fields[2]}` : message;
    case 'CAST': {
      const cast = /Could not convert string "(.*)" to '([^']+)'/.exec(message);
      return cast ? `"${cast[1]}" can't be read as ${typeName(cast[2]!)}` : message;
    }
    case 'UNQUOTED VALUE':
      return 'a quote character appears inside a value that is not quoted';
    case 'LINE SIZE OVER MAXIMUM':
      return 'the line is longer than the 2 MB a line may have';
    case 'INVALID ENCODING':
      return 'the line has bytes that are not valid UTF-8';
    default:
      return message;
  }
}

function typeName(duck: string): string {
  const names: Record<string, string> = {
    INT64: 'a whole number (BIGINT)',
    BIGINT: 'a whole number (BIGINT)',
    INTEGER: 'a whole number (INTEGER)',
    INT32: 'a whole number (INTEGER)',
    DOUBLE: 'a number (DOUBLE)',
    DATE: 'a date (DATE)',
    TIMESTAMP: 'a timestamp (TIMESTAMP)',
    BOOLEAN: 'true/false (BOOLEAN)',
  };
  return names[duck] ?? duck;
}

/**
 * Collapses DuckDB's reject entries (one per error; a short row gets one per missing field) into one rejected row
 * per file line, keeping the first error's column and reason.
 */
export function collapseRejects(entries: EngineReject[]): RejectedRow[] {
  const seen = new Map<string, RejectedRow>();
  for (const e of entries) {
    const key = `${e.file}\u0000${e.line}`;
    if (seen.has(key)) continue;
    seen.set(key, {
      file: e.file,
      line: e.line,
      column: e.column,
      reason: rejectReason(e.errorType, e.message),
      raw: e.raw,
    });
  }
  return [...seen.values()].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}

/** The most likely cause of a set of rejects, as advice a person can act on. */
export function likelyCause(entries: EngineReject[], delimiter: string | undefined): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.errorType, (counts.get(e.errorType) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const delim = delimiter === '\t' ? 'tab' : `"${delimiter ?? ','}"`;
  switch (top) {
    case 'TOO MANY COLUMNS':
      return `Likely cause: some rows have more fields than the header, often a value that contains ${delim} without quotes, or a wrong delimiter (set it with --delimiter).`;
    case 'MISSING COLUMNS':
      return 'Likely cause: some rows have fewer fields than the header: cut-off lines, or a different delimiter (set it with --delimiter).';
    case 'CAST': {
      const e = entries.find((x) => x.errorType === 'CAST');
      return `Likely cause: column "${e?.column ?? '?'}" has values that don't fit the type you gave it; change the type or fix those values.`;
    }
    case 'UNQUOTED VALUE':
      return 'Likely cause: stray quote characters inside values; quote those values or remove the quotes.';
    default:
      return 'Likely cause: those lines are not in the same shape as the rest of the file.';
  }
}
