import type { ActiveSpec } from './schema.js';

/** One day of the active-users JSON (cli.md), also the shape of a `compileActive(spec).result` row. */
export interface ActiveDay {
  day: string;
  dau: number;
  wau: number;
  mau: number;
  stickiness: number | null;
  partial: boolean;
}

/** One bar of the stickiness histogram, also the shape of a `compileActive(spec).histogram` row. */
export interface HistogramBar {
  period: string;
  days: number;
  actors: number;
}

/** The active-users result as cli.md's JSON minus `options` (plus the stickiness histogram when given). */
export interface ActiveResult {
  days: ActiveDay[];
  histogram?: { period: 'week' | 'month'; bars: HistogramBar[] };
  warnings: string[];
}

/** Turns the result rows (and optionally the histogram rows) into cli.md's active-users JSON. */
export function activeResultFromRows(
  rows: ActiveDay[],
  spec: ActiveSpec,
  histogramRows?: HistogramBar[],
): ActiveResult {
  const days = rows.map((r) => ({
    day: r.day,
    dau: r.dau,
    wau: r.wau,
    mau: r.mau,
    stickiness: r.stickiness,
    partial: r.partial,
  }));
  const warnings: string[] = [];
  const partial = days.filter((d) => d.partial).length;
  if (partial > 0) {
    warnings.push(
      `${partial} of ${days.length} days are partial: their 30-day MAU window starts before the first day with ` +
        'data, so MAU is too low and stickiness too high there.',
    );
  }
  const out: ActiveResult = { days, warnings };
  if (histogramRows) out.histogram = { period: spec.histogram, bars: histogramRows };
  return out;
}
