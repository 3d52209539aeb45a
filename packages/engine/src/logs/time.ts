const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/** The 0-based month of an English month abbreviation (`Jan` -> 0), or undefined. */
export function monthIndex(abbr: string): number | undefined {
  return MONTHS[abbr.toLowerCase()];
}

function micros(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  fraction: string,
  offsetMinutes: number,
): number | null {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const ms = Date.UTC(y, mo, d, h, mi, s);
  if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== d) return null;
  const us = fraction ? Number(fraction.slice(0, 6).padEnd(6, '0')) : 0;
  return (ms - offsetMinutes * 60_000) * 1000 + us;
}

function offset(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'z') return 0;
  const m = /^([+-])(\d\d):?(\d\d)$/.exec(zone);
  if (!m) return Number.NaN;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

const CLF = /^(\d\d)\/([A-Za-z]{3})\/(\d{4}):(\d\d):(\d\d):(\d\d)(?:\.(\d+))? ([+-]\d{4})$/;

/** Microseconds since the epoch of an access-log time, `10/Oct/2000:13:55:36 -0700`; null when it isn't one. */
export function clfTime(text: string): number | null {
  const m = CLF.exec(text);
  if (!m) return null;
  const mo = monthIndex(m[2]!);
  if (mo === undefined) return null;
  return micros(
    Number(m[3]),
    mo,
    Number(m[1]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
    m[7] ?? '',
    offset(m[8]),
  );
}

const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?\s?(Z|z|[+-]\d\d:?\d\d)?$/;

/**
 * Microseconds since the epoch of an ISO 8601 / RFC 3339 time (`2026-10-31T13:55:36.123456789+01:00`); a time
 * without a zone is read as UTC. Null when the text isn't one.
 */
export function isoTime(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const off = offset(m[8]);
  if (Number.isNaN(off)) return null;
  return micros(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
    m[7] ?? '',
    off,
  );
}

/** Microseconds of a Unix time given in seconds, milliseconds, microseconds or nanoseconds (by magnitude). */
export function epochTime(n: number): number | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  if (n < 1e11) return Math.round(n * 1e6);
  if (n < 1e14) return Math.round(n * 1e3);
  if (n < 1e17) return Math.round(n);
  return Math.round(n / 1e3);
}

/** Microseconds of a time written as ISO text, a Unix number, or a numeric string; null otherwise. */
export function anyTime(value: unknown): number | null {
  if (typeof value === 'number') return epochTime(value);
  if (typeof value !== 'string') return null;
  const t = value.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return epochTime(Number(t));
  return isoTime(t) ?? clfTime(t);
}

/** The ISO text (UTC, microseconds) of a time in microseconds, for JSON staging. */
export function microsToIso(us: number): string {
  const ms = Math.floor(us / 1000);
  const rest = us - ms * 1000;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}
