import type { FunnelSpec } from './schema.js';

/** One step of a funnel result (cli.md "JSON shapes of metric results"). */
export interface FunnelStepResult {
  name: string;
  users: number;
  conversion_from_start: number | null;
  conversion_from_previous: number | null;
  median_seconds_to_convert: number | null;
}

/** A breakdown group: the value of the breakdown column on step 1 (null is its own group) and its steps. */
export interface FunnelGroupResult {
  key: string | number | boolean | null;
  steps: FunnelStepResult[];
}

/** The funnel JSON object of cli.md, minus `options`. */
export interface FunnelResult {
  steps: FunnelStepResult[];
  groups?: FunnelGroupResult[];
}

/**
 * A row of the `result` query after JSON-safe conversion: `is_total` (true once, for all actors), `group_key`
 * (the breakdown value, null on the total row), `users_1`..`users_n` and `median_seconds_2`..`median_seconds_n`.
 */
export type FunnelResultRow = Record<string, unknown>;

/** Turns the rows of `compileFunnel(spec).result` into the cli.md funnel object (without `options`). */
export function funnelResultFromRows(rows: readonly FunnelResultRow[], spec: FunnelSpec): FunnelResult {
  const toSteps = (row: FunnelResultRow | undefined): FunnelStepResult[] => {
    const users = spec.steps.map((_, k) => Number(row?.[`users_${k + 1}`] ?? 0));
    return spec.steps.map((s, k) => {
      const med = k === 0 ? null : (row?.[`median_seconds_${k + 1}`] ?? null);
      return {
        name: s.event,
        users: users[k]!,
        conversion_from_start: ratio(users[k]!, users[0]!),
        conversion_from_previous: ratio(users[k]!, users[k === 0 ? 0 : k - 1]!),
        median_seconds_to_convert: med === null ? null : Number(med),
      };
    });
  };
  const result: FunnelResult = { steps: toSteps(rows.find((r) => r.is_total === true)) };
  if (spec.breakdown !== undefined) {
    result.groups = rows
      .filter((r) => r.is_total !== true)
      .map((r) => ({ key: (r.group_key ?? null) as FunnelGroupResult['key'], steps: toSteps(r) }))
      .sort((a, b) => (b.steps[0]?.users ?? 0) - (a.steps[0]?.users ?? 0) || compareGroupKeys(a.key, b.key));
  }
  return result;
}

function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

/** Order of breakdown groups with equal size: numbers before text, text by code point, null last. */
export function compareGroupKeys(a: FunnelGroupResult['key'], b: FunnelGroupResult['key']): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `percentile_cont(0.5)`: the middle value, or the mean of the two middle values; null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)]! + s[Math.ceil(mid)]!) / 2;
}
