/** Result of a pure parse: the value, or a sentence saying what is wrong. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Parses a window such as `30m`, `12h`, `14d`, `2w` or a plain number of seconds into seconds. */
export function parseDuration(text: string | number): Parsed<number> {
  if (typeof text === 'number') {
    return Number.isFinite(text) && text > 0 ? { ok: true, value: text } : bad(String(text));
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$/i.exec(text);
  if (!m) return bad(text);
  const seconds = Number(m[1]) * (UNITS[(m[2] || 's').toLowerCase()] ?? 1);
  return seconds > 0 ? { ok: true, value: seconds } : bad(text);
}

function bad(text: string): Parsed<number> {
  return {
    ok: false,
    error: `"${text}" is not a window: write a number with a unit, e.g. 30m, 12h, 14d or 2w (or a number of seconds)`,
  };
}

/** Writes seconds back in the largest whole unit (`1209600` -> `14d`). */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [
    ['w', 604_800],
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
