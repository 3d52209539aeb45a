/** What kind of value a spreadsheet cell holds, as far as column typing cares. */
export type CellKind = 'int' | 'float' | 'bool' | 'date' | 'timestamp' | 'string' | 'error';

/** A cell converted for a JSON staging line: its kind and a JSON-safe value. */
export interface CellValue {
  kind: CellKind;
  value: string | number | boolean | null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Converts an exceljs cell value (number, string, boolean, Date, formula with cached result, rich text, hyperlink,
 * error) to a typed value; `null` for an empty cell. Dates at midnight UTC are dates; others are timestamps.
 */
export function convertCell(v: unknown): CellValue | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    return {
      kind: Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER ? 'int' : 'float',
      value: v,
    };
  }
  if (typeof v === 'string') return v.trim() === '' ? null : { kind: 'string', value: v };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    const date = `${pad(v.getUTCFullYear(), 4)}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const h = v.getUTCHours();
    const m = v.getUTCMinutes();
    const s = v.getUTCSeconds();
    const ms = v.getUTCMilliseconds();
    if (h === 0 && m === 0 && s === 0 && ms === 0) return { kind: 'date', value: date };
    return { kind: 'timestamp', value: `${date} ${pad(h)}:${pad(m)}:${pad(s)}${ms ? `.${pad(ms, 3)}` : ''}` };
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('error' in o) return { kind: 'error', value: null };
    if ('richText' in o && Array.isArray(o.richText))
      return convertCell(o.richText.map((r: { text?: unknown }) => String(r.text ?? '')).join(''));
    if ('formula' in o || 'sharedFormula' in o) return convertCell(o.result);
    if ('text' in o) return convertCell(o.text);
  }
  return { kind: 'string', value: String(v) };
}

/** The column type that holds every kind seen in a column (over the whole sheet). */
export function columnTypeFor(kinds: Set<CellKind>): string {
  const k = new Set([...kinds].filter((x) => x !== 'error'));
  if (k.size === 0) return 'VARCHAR';
  const only = (...allowed: CellKind[]) => [...k].every((x) => allowed.includes(x));
  if (only('int')) return 'BIGINT';
  if (only('int', 'float')) return 'DOUBLE';
  if (only('bool')) return 'BOOLEAN';
  if (only('date')) return 'DATE';
  if (only('date', 'timestamp')) return 'TIMESTAMP';
  return 'VARCHAR';
}

/** Column names from a header row: blanks become `column_N`, repeats get `_2`, `_3`. */
export function headerNames(cells: unknown[], width: number): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < width; i++) {
    const c = convertCell(cells[i]);
    let name = c && c.value !== null ? String(c.value).trim() : '';
    if (name === '') name = `column_${i + 1}`;
    let unique = name;
    for (let n = 2; seen.has(unique.toLowerCase()); n++) unique = `${name}_${n}`;
    seen.add(unique.toLowerCase());
    names.push(unique);
  }
  return names;
}
