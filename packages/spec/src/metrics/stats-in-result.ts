/**
 * Splits the stats columns off a metric's result rows. A compiled metric may name, in `statsInResult`, columns its
 * result carries on every row (the same values each time), so one query gives the answer and its stats. Returns the
 * rows without those columns and the stats from the first row (null when there are no rows: then the separate stats
 * query must run).
 */
export function splitStatsColumns<R extends Record<string, unknown>>(
  rows: R[],
  statsColumns: readonly string[] | undefined,
): { rows: R[]; stats: Record<string, unknown> | null } {
  if (!statsColumns?.length) return { rows, stats: null };
  const first = rows[0];
  const stats = first ? Object.fromEntries(statsColumns.map((k) => [k, first[k] ?? null])) : null;
  const rest = rows.map(
    (r) => Object.fromEntries(Object.entries(r).filter(([k]) => !statsColumns.includes(k))) as R,
  );
  return { rows: rest, stats };
}
