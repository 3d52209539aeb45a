/**
 * The numbers a metric shows, in one shape for every side, so the bench can check that pandas computed the same
 * thing as Sightline: the funnel's users per step and median seconds between steps, retention's cells per cohort
 * (null where incomplete). The pandas worker returns this shape (bench/python/pandas_worker.py).
 */
export type MetricAnswer =
  | { users: number[]; median_seconds: (number | null)[] }
  | { cohorts: Record<string, (number | null)[]> };

/** The answer in Sightline's shaped result (cli.md "JSON shapes of metric results"). */
export function answerOf(result: Record<string, unknown>): MetricAnswer | null {
  if (Array.isArray(result.steps)) {
    const steps = result.steps as { users: number; median_seconds_to_convert: number | null }[];
    return {
      users: steps.map((s) => s.users),
      median_seconds: steps.map((s) => s.median_seconds_to_convert),
    };
  }
  if (Array.isArray(result.cohorts)) {
    const cohorts = result.cohorts as { cohort: string; retained: (number | null)[] }[];
    return { cohorts: Object.fromEntries(cohorts.map((c) => [c.cohort, c.retained])) };
  }
  return null;
}

/** The users an answer counts (entered the funnel, or in a cohort): the "result rows" the sides compare. */
export function answerRows(answer: MetricAnswer): number {
  if ('users' in answer) return answer.users[0] ?? 0;
  return Object.values(answer.cohorts).reduce((n, cells) => n + (cells[0] ?? 0), 0);
}

/**
 * Where two answers differ, or null when they agree: counts exactly, medians to 1e-9 relative (pandas and DuckDB
 * may round the mean of the two middle values differently in the last bit).
 */
export function answerDifference(a: MetricAnswer, b: MetricAnswer): string | null {
  const close = (x: number | null, y: number | null) =>
    x === y || (x !== null && y !== null && Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y)));
  const same = (xs: (number | null)[], ys: (number | null)[], approx: boolean) =>
    xs.length === ys.length && xs.every((x, i) => (approx ? close(x, ys[i] ?? null) : x === ys[i]));
  if ('users' in a && 'users' in b) {
    if (!same(a.users, b.users, false)) return `users per step ${a.users.join('/')} vs ${b.users.join('/')}`;
    if (!same(a.median_seconds, b.median_seconds, true))
      return `median seconds ${a.median_seconds.join('/')} vs ${b.median_seconds.join('/')}`;
    return null;
  }
  if ('cohorts' in a && 'cohorts' in b) {
    const keys = [...new Set([...Object.keys(a.cohorts), ...Object.keys(b.cohorts)])].sort();
    for (const key of keys) {
      const x = a.cohorts[key];
      const y = b.cohorts[key];
      if (!x || !y) return `cohort ${key} only on one side`;
      if (!same(x, y, false)) return `cohort ${key}: ${x.join('/')} vs ${y.join('/')}`;
    }
    return null;
  }
  return 'different kinds of answer';
}
