import type { ColumnInfo, JsonRow, JsonValue } from '@sightline/engine';
import { cellText, isNumericType } from './formats.js';

const MAX_CELL = 40;

/** Display width of a string in a terminal (wide East Asian characters take two cells). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function clip(text: string): string {
  const flat = text.replace(/\r?\n/g, '↵').replace(/\t/g, ' ');
  if (displayWidth(flat) <= MAX_CELL) return flat;
  let out = '';
  for (const ch of flat) {
    if (displayWidth(out + ch) > MAX_CELL - 1) break;
    out += ch;
  }
  return `${out}…`;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

const ID_NAME = /(^|_)id$|^id_|_key$|year|zip|code|port/i;

/** Whole numbers of 1,000 and more get thousands separators on a terminal, except in id-like columns. */
function humanCell(value: JsonValue, column: ColumnInfo): string {
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    Math.abs(value) >= 1000 &&
    !ID_NAME.test(column.name.trim().replace(/\s+/g, '_'))
  ) {
    return value.toLocaleString('en-US');
  }
  return cellText(value);
}

/** Renders rows as an aligned plain-text table for a terminal; NULL shows as "null". */
export function renderTable(columns: ColumnInfo[], rows: JsonRow[]): string {
  if (columns.length === 0) return '';
  const right = columns.map((c) => isNumericType(c.type));
  const cells = rows.map((row) =>
    columns.map((c) => {
      const v = row[c.name] ?? null;
      return v === null ? 'null' : clip(humanCell(v, c));
    }),
  );
  const widths = columns.map((c, i) =>
    Math.max(displayWidth(clip(c.name)), ...cells.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (parts: string[]) => parts.join('  ').trimEnd();
  const out = [
    line(columns.map((c, i) => pad(clip(c.name), widths[i] ?? 0, right[i] ?? false))),
    line(widths.map((w) => '─'.repeat(w))),
    ...cells.map((r) => line(r.map((text, i) => pad(text, widths[i] ?? 0, right[i] ?? false)))),
  ];
  return `${out.join('\n')}\n`;
}
