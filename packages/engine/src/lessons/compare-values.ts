import type { JsonValue } from '../types.js';

/** What a column holds, for comparing an answer with a learner's result. */
export type ValueFamily = 'number' | 'text' | 'time' | 'boolean' | 'other';

/** The family of an engine type name (`BIGINT`, `DECIMAL(10,2)`, `TIMESTAMP WITH TIME ZONE`...). */
export function familyOf(type: string): ValueFamily {
  const t = type.toUpperCase();
  if (/^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|DECIMAL.*|NUMERIC.*|FLOAT|DOUBLE|REAL|BIGNUM|INTEGER)$/.test(t)) {
    return 'number';
  }
  if (t === 'VARCHAR' || t.startsWith('VARCHAR(') || t === 'TEXT') return 'text';
  if (t === 'DATE' || t.startsWith('TIMESTAMP')) return 'time';
  if (t === 'BOOLEAN') return 'boolean';
  return 'other';
}

/** A family in plain words, for messages. */
export function familyWords(f: ValueFamily): string {
  return {
    number: 'numbers',
    text: 'text',
    time: 'dates or times',
    boolean: 'true/false values',
    other: 'values',
  }[f];
}

/** A value normalised for comparison: numbers as numbers, midnight timestamps as dates, the rest as text. */
export type Norm = number | string | null;

/** Normalises one JSON value of a column of family `f`. */
export function normalize(v: JsonValue, f: ValueFamily): Norm {
  if (v === null) return null;
  if (f === 'number') {
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isNaN(n) ? String(v) : n;
  }
  if (f === 'time' && typeof v === 'string') {
    const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?))?(Z|[+-]00(?::?00)?)?$/.exec(v);
    if (!m) return v;
    const time = m[2];
    if (time === undefined || /^00:00:00(\.0+)?$/.test(time)) return m[1] ?? v;
    return `${m[1]}T${time}`;
  }
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** True when two normalised values are equal (numbers within `tolerance`, or 1e-9 relative when undefined). */
export function sameValue(a: Norm, b: Norm, tolerance: number | undefined): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return true;
    const allowed = tolerance ?? 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    return Math.abs(a - b) <= allowed + 1e-12;
  }
  return a === b;
}

/** A coarse bucket key for a row, so rows that may be equal within tolerance usually share a bucket. */
export function bucketKey(row: Norm[]): string {
  return row
    .map((v) => (typeof v === 'number' ? `n${Number(v.toPrecision(4))}` : `s${String(v)}`))
    .join('\u0001');
}

/** A value as a person reads it in a message. */
export function showValue(v: Norm): string {
  if (v === null) return 'empty (NULL)';
  if (typeof v === 'number')
    return Number.isInteger(v) ? v.toLocaleString('en-US') : String(Number(v.toPrecision(6)));
  return `'${v}'`;
}
