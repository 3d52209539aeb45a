import type { RetentionSpec } from './schema.js';

/** One result row of `compileRetention(spec).result`, as plain JS values (dates as `YYYY-MM-DD`). */
export interface RetentionRow {
  cohort: string;
  k: number;
  size: number;
  retained: number | null;
  left_censored: boolean;
}

/** One cohort of the retention JSON (cli.md): `retained[k]` for k = 0..periods, null when incomplete. */
export interface RetentionCohort {
  cohort: string;
  size: number;
  retained: (number | null)[];
  /** `retained[k] / size` at full precision, null where `retained` is null. */
  shares: (number | null)[];
  /** True when the cohort starts within one period of the table's first timestamp. */
  left_censored: boolean;
}

/** The retention result as cli.md's JSON minus `options`. */
export interface RetentionResult {
  cohorts: RetentionCohort[];
  /** Per k, the mean share over complete cells weighted by cohort size (null when no cell is complete). */
  mean_shares: (number | null)[];
  warnings: string[];
}

/** Turns the result rows into cli.md's retention JSON (plus shares, weighted means and warnings). */
export function retentionResultFromRows(rows: RetentionRow[], spec: RetentionSpec): RetentionResult {
  const byCohort = new Map<string, RetentionCohort>();
  for (const row of rows) {
    let c = byCohort.get(row.cohort);
    if (!c) {
      c = {
        cohort: row.cohort,
        size: row.size,
        retained: Array(spec.periods + 1).fill(null),
        shares: Array(spec.periods + 1).fill(null),
        left_censored: row.left_censored,
      };
      byCohort.set(row.cohort, c);
    }
    c.retained[row.k] = row.retained;
    c.shares[row.k] = row.retained === null ? null : row.retained / row.size;
  }
  const cohorts = [...byCohort.values()].sort((a, b) =>
    a.cohort < b.cohort ? -1 : a.cohort > b.cohort ? 1 : 0,
  );
  const mean_shares: (number | null)[] = [];
  for (let k = 0; k <= spec.periods; k++) {
    let kept = 0;
    let size = 0;
    for (const c of cohorts) {
      const r = c.retained[k];
      if (r === null || r === undefined) continue;
      kept += r;
      size += c.size;
    }
    mean_shares.push(size === 0 ? null : kept / size);
  }
  const warnings: string[] = [];
  const first = cohorts[0];
  if (first?.left_censored) {
    warnings.push(
      `The earliest cohort (${first.cohort}) starts within one ${spec.period} of the first row in the table, so ` +
        `"first" means first in this table, not first ever: some of its actors may have started before the data ` +
        `begins. Set since to a later date to leave it out.`,
    );
  }
  return { cohorts, mean_shares, warnings };
}
