/** Chart kinds the chart builder offers. */
export const MARKS = ['line', 'bar', 'area', 'scatter', 'histogram', 'pie', 'heatmap'] as const;
/** How values are combined per group (in SQL, by the engine). */
export const AGGREGATES = ['count', 'sum', 'avg', 'min', 'max', 'count_distinct'] as const;
/** Calendar buckets for a time axis. */
export const TIME_UNITS = ['none', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const;

export type Mark = (typeof MARKS)[number];
export type Aggregate = (typeof AGGREGATES)[number];
export type TimeUnit = (typeof TIME_UNITS)[number];

/**
 * A chart over a result, as data (JSON, versioned). `x`, `y` and `color` name result columns. For a heat map
 * `x` and `y` are the two dimensions and `color` the measured column; for a pie `x` is the slice.
 */
export interface ChartSpec {
  version: 1;
  mark: Mark;
  x: string | null;
  y: string | null;
  color: string | null;
  aggregate: Aggregate;
  timeUnit: TimeUnit;
  bins: number;
}

/** Plain-words labels for the pickers. */
export const MARK_LABELS: Record<Mark, string> = {
  line: 'Line',
  bar: 'Bar',
  area: 'Area',
  scatter: 'Scatter',
  histogram: 'Histogram',
  pie: 'Pie',
  heatmap: 'Heat map',
};

/** Plain-words labels of the aggregates. */
export const AGGREGATE_LABELS: Record<Aggregate, string> = {
  count: 'Count of rows',
  sum: 'Sum',
  avg: 'Average',
  min: 'Minimum',
  max: 'Maximum',
  count_distinct: 'Count of distinct values',
};

/** Checks a spec read from storage or another boundary; a wrong one gives the reason. */
export function parseChartSpec(
  value: unknown,
): { ok: true; value: ChartSpec } | { ok: false; error: string } {
  if (typeof value !== 'object' || value === null) return { ok: false, error: 'The chart is not an object.' };
  const v = value as Record<string, unknown>;
  if (v.version !== 1) return { ok: false, error: `Unknown chart version ${String(v.version)}.` };
  if (!MARKS.includes(v.mark as Mark)) return { ok: false, error: `Unknown chart kind ${String(v.mark)}.` };
  if (!AGGREGATES.includes(v.aggregate as Aggregate))
    return { ok: false, error: `Unknown aggregate ${String(v.aggregate)}.` };
  if (!TIME_UNITS.includes(v.timeUnit as TimeUnit))
    return { ok: false, error: `Unknown time unit ${String(v.timeUnit)}.` };
  for (const key of ['x', 'y', 'color'] as const) {
    if (v[key] !== null && typeof v[key] !== 'string')
      return { ok: false, error: `"${key}" must name a column.` };
  }
  if (typeof v.bins !== 'number' || !Number.isInteger(v.bins) || v.bins < 1 || v.bins > 200)
    return { ok: false, error: 'The number of bins must be a whole number from 1 to 200.' };
  return { ok: true, value: v as unknown as ChartSpec };
}
