// Test-only calendar arithmetic for the reference implementations: local dates in a time zone via Intl,
// dates as `YYYY-MM-DD` strings, instants as epoch milliseconds.
import type { Period } from './period-sql.js';

const DAY_MS = 86_400_000;

/** The local calendar date (YYYY-MM-DD) of an instant in `tz`. */
export function localDate(ms: number, tz: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function offsetMs(ms: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return local - Math.floor(ms / 1000) * 1000;
}

/** The instant of local midnight starting `date` in `tz` (metrics.md: dates mean local midnight). */
export function localMidnightMs(date: string, tz: string): number {
  const wall = dateMs(date);
  let guess = wall - offsetMs(wall, tz);
  guess = wall - offsetMs(guess, tz);
  return guess;
}

/** A date string as the epoch ms of its UTC midnight (for date arithmetic only). */
export function dateMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Epoch ms of a UTC midnight back to a date string. */
export function msDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `date` plus `n` days. */
export function addDays(date: string, n: number): string {
  return msDate(dateMs(date) + n * DAY_MS);
}

/** The first day of the calendar period containing `date` (weeks start on Monday). */
export function periodOf(date: string, period: Period): string {
  if (period === 'day') return date;
  if (period === 'month') return `${date.slice(0, 7)}-01`;
  const weekday = (new Date(dateMs(date)).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(date, -weekday);
}

/** The first day of the period `n` periods after the one starting on `start`. */
export function addPeriods(start: string, period: Period, n: number): string {
  if (period === 'day') return addDays(start, n);
  if (period === 'week') return addDays(start, 7 * n);
  const d = new Date(dateMs(start));
  return msDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
}
