import {
  cast,
  column,
  count,
  duckdbDialect,
  type ExprNode,
  type FromNode,
  filter,
  fn,
  max,
  min,
  neq,
  select,
  toSql,
} from '@sightline/sql';
import type { Engine } from '../core/engine.js';

/** Date formats tried on text keys, most common first (day-first before month-first on ties). */
export const DATE_FORMATS = [
  '%Y-%m-%d',
  '%d/%m/%Y',
  '%m/%d/%Y',
  '%Y/%m/%d',
  '%d.%m.%Y',
  '%d-%m-%Y',
  '%d %b %Y',
  '%b %d, %Y',
] as const;

/** What the values of a text key column look like, counted over its distinct values (up to 2,000 of them). */
export interface TextProfile {
  nonNull: number;
  /** Values with spaces before or after. */
  padded: number;
  /** Values that are whole numbers once trimmed. */
  integers: number;
  /** Values that are numbers (whole or decimal) once trimmed. */
  numbers: number;
  /** Digit-only values starting with a zero, and the shortest/longest digit-only value. */
  leadingZeros: number;
  digitsMinLength: number | null;
  digitsMaxLength: number | null;
  /** Values with capital letters. */
  upper: number;
  /** The date format that reads the most values, when it reads at least 80% of them. */
  dateFormat: string | null;
}

const matches = (x: ExprNode, pattern: string) => fn('regexp_full_match', x, pattern);

const SAMPLE = 2_000;

/**
 * Profiles the text column `name` of `from` in one aggregate query over its distinct values (a fixed pseudo-random
 * sample of 2,000 when there are more): a key's shape shows in its values, and a million-row table stays quick.
 */
export async function profileText(engine: Engine, from: FromNode, name: string): Promise<TextProfile> {
  const values = select({ x: column(name) })
    .distinct()
    .from(from)
    .as('d');
  const sample = select(column('x'))
    .from(values)
    .orderBy(fn('hash', column('x')))
    .limit(SAMPLE)
    .as('v');
  const x = column('x');
  const t = fn('trim', x);
  const digits = matches(t, '[0-9]+');
  const q = select({
    non_null: count(x),
    padded: filter(count(), neq(x, t)),
    integers: filter(count(), matches(t, '[-+]?[0-9]+')),
    numbers: filter(count(), matches(t, '[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)')),
    leading_zeros: filter(count(), matches(t, '0[0-9]+')),
    digits_min: filter(min(fn('length', t)), digits),
    digits_max: filter(max(fn('length', t)), digits),
    upper: filter(count(), neq(x, fn('lower', x))),
    ...Object.fromEntries(
      DATE_FORMATS.map((f, i) => [`f${i}`, count(cast(fn('try_strptime', t, f), 'DATE'))]),
    ),
  }).from(sample);
  const row = (await engine.query(toSql(q, duckdbDialect()))).rows[0] ?? {};
  const n = (k: string) => Number(row[k] ?? 0);
  const nonNull = n('non_null');
  let best: string | null = null;
  let bestCount = 0;
  DATE_FORMATS.forEach((f, i) => {
    if (n(`f${i}`) > bestCount) {
      best = f;
      bestCount = n(`f${i}`);
    }
  });
  return {
    nonNull,
    padded: n('padded'),
    integers: n('integers'),
    numbers: n('numbers'),
    leadingZeros: n('leading_zeros'),
    digitsMinLength: row.digits_min === null || row.digits_min === undefined ? null : n('digits_min'),
    digitsMaxLength: row.digits_max === null || row.digits_max === undefined ? null : n('digits_max'),
    upper: n('upper'),
    dateFormat: nonNull > 0 && bestCount >= 0.8 * nonNull ? best : null,
  };
}

/** A date format for people: `%d/%m/%Y` -> `dd/mm/yyyy`. */
export function readableFormat(format: string): string {
  return format.replace('%Y', 'yyyy').replace('%m', 'mm').replace('%d', 'dd').replace('%b', 'Mon');
}
