import type { KeyPair } from './types.js';

/** 12,345 */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** 0.123 -> `12.3%` (whole numbers without decimals: `100%`, `0%`). */
export function percent(share: number): string {
  const p = Math.round(share * 1000) / 10;
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}

/** `1 row` / `2 rows`. */
export function rows(n: number): string {
  return `${count(n)} ${n === 1 ? 'row' : 'rows'}`;
}

/** How the key columns of one side read: `customer_id` or `(customer_id, day)`. */
export function keyColumns(on: KeyPair[], side: 'left' | 'right'): string {
  const cols = on.map((p) => p[side]);
  return cols.length === 1 ? (cols[0] as string) : `(${cols.join(', ')})`;
}
