import type { ColumnInfo, JsonRow, JsonValue } from '@sightline/engine';

/** The output formats every data-printing command accepts (shared spec/cli.md). */
export const FORMATS = ['table', 'csv', 'json', 'ndjson', 'markdown'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/** Picks the format: the user's choice, else `table` on a terminal and `ndjson` otherwise. */
export function resolveFormat(requested: string | undefined, isTTY: boolean): OutputFormat {
  if (requested === undefined) return isTTY ? 'table' : 'ndjson';
  if ((FORMATS as readonly string[]).includes(requested)) return requested as OutputFormat;
  throw new Error(`unreachable: format ${requested} was validated earlier`);
}

/** Renders a JSON-safe value as plain text (for csv, markdown and table cells). */
export function cellText(value: JsonValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Quotes one CSV field per RFC 4180 when it needs quoting. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text.startsWith(' ') || text.endsWith(' ')
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

/** One CSV line (without the line break). */
export function csvLine(values: string[]): string {
  return values.map(csvField).join(',');
}

/** Escapes a markdown table cell. */
export function markdownCell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');
}

/**
 * Writes rows incrementally in one format. `begin` once, `rows` per batch, `end` once; the table format is
 * buffered by the caller (it needs every width first) and is not handled here.
 */
export interface RowWriter {
  begin(columns: ColumnInfo[]): void;
  rows(rows: JsonRow[]): void;
  end(): void;
}

/** Creates a streaming writer for csv, json, ndjson or markdown. */
export function streamingWriter(
  format: Exclude<OutputFormat, 'table'>,
  write: (s: string) => void,
): RowWriter {
  let columns: ColumnInfo[] = [];
  let first = true;
  switch (format) {
    case 'csv':
      return {
        begin(cols) {
          columns = cols;
          write(`${csvLine(cols.map((c) => c.name))}\n`);
        },
        rows(rows) {
          let out = '';
          for (const row of rows) out += `${csvLine(columns.map((c) => cellText(row[c.name] ?? null)))}\n`;
          write(out);
        },
        end() {},
      };
    case 'ndjson':
      return {
        begin() {},
        rows(rows) {
          let out = '';
          for (const row of rows) out += `${JSON.stringify(row)}\n`;
          write(out);
        },
        end() {},
      };
    case 'json':
      return {
        begin() {
          write('[');
        },
        rows(rows) {
          let out = '';
          for (const row of rows) {
            out += `${first ? '\n' : ',\n'}${JSON.stringify(row)}`;
            first = false;
          }
          write(out);
        },
        end() {
          write(first ? ']\n' : '\n]\n');
        },
      };
    case 'markdown':
      return {
        begin(cols) {
          columns = cols;
          write(`| ${cols.map((c) => markdownCell(c.name)).join(' | ')} |\n`);
          write(`|${cols.map((c) => (isNumericType(c.type) ? ' ---: ' : ' --- ')).join('|')}|\n`);
        },
        rows(rows) {
          let out = '';
          for (const row of rows) {
            out += `| ${columns.map((c) => markdownCell(cellText(row[c.name] ?? null))).join(' | ')} |\n`;
          }
          write(out);
        },
        end() {},
      };
  }
}

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL|NUMERIC|INT\d?|FLOAT\d|SERIAL|BIGSERIAL|DOUBLE PRECISION|MONEY)/i;

/** True for SQL number types (used to right-align). */
export function isNumericType(type: string): boolean {
  return NUMERIC.test(type);
}
