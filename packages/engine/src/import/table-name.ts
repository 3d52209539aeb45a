import { basename, extname } from 'node:path';

const MAX_LENGTH = 63;

/** Turns any text into a lower-case snake_case SQL name: `Q3 Revenue (final)` -> `q3_revenue_final`. */
export function sanitizeTableName(text: string): string {
  const ascii = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let name = ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (name === '') name = 'table';
  if (/^[0-9]/.test(name)) name = `t_${name}`;
  return name.slice(0, MAX_LENGTH).replace(/_+$/, '');
}

/** Picks a table name for a file: sanitised base name, made unique against `existing` with `_2`, `_3`, ... */
export function tableNameFromFile(path: string, existing: Set<string>): string {
  let base = basename(path);
  // Strip compression and data extensions: `sales.csv.gz` -> `sales`.
  for (let i = 0; i < 2; i++) {
    const ext = extname(base);
    if (ext === '' || ext === base) break;
    base = base.slice(0, -ext.length);
  }
  const name = sanitizeTableName(base);
  const taken = new Set([...existing].map((n) => n.toLowerCase()));
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name.slice(0, MAX_LENGTH - String(n).length - 1)}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
