// Test-only: active users exactly as metrics.md section 3 words it, brute force over plain rows.

import { kept, type RefRow, refMatches } from '../retention/reference.js';
import { addDays, localDate, periodOf } from '../retention/reference-calendar.js';
import type { ActiveDay, HistogramBar } from './result.js';
import type { ActiveSpec } from './schema.js';

/** DAU / WAU / MAU / stickiness / partial for every listed day, literally. */
export function referenceActive(rows: RefRow[], spec: ActiveSpec): ActiveDay[] {
  const daysOf = activeDays(rows, spec);
  const all = [...daysOf.values()].flatMap((set) => [...set]).sort();
  const first = all[0];
  const from = spec.since ?? first;
  const to = spec.until ? addDays(spec.until, -1) : all[all.length - 1];
  if (from === undefined || to === undefined) return [];
  const out: ActiveDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const within = (lo: string) =>
      [...daysOf.values()].filter((set) => [...set].some((x) => x >= lo && x <= d)).length;
    const dau = within(d);
    const wau = within(addDays(d, -6));
    const mau = within(addDays(d, -29));
    out.push({
      day: d,
      dau,
      wau,
      mau,
      stickiness: mau === 0 ? null : dau / mau,
      partial: first === undefined || addDays(d, -29) < first,
    });
  }
  return out;
}

/** The stickiness histogram: per period, how many actors were active on exactly x of its (listed) days. */
export function referenceHistogram(rows: RefRow[], spec: ActiveSpec): HistogramBar[] {
  const counts = new Map<string, number>();
  for (const days of activeDays(rows, spec).values()) {
    const perPeriod = new Map<string, number>();
    for (const d of days) {
      if ((spec.since && d < spec.since) || (spec.until && d >= spec.until)) continue;
      const p = periodOf(d, spec.histogram);
      perPeriod.set(p, (perPeriod.get(p) ?? 0) + 1);
    }
    for (const [p, x] of perPeriod) counts.set(`${p}|${x}`, (counts.get(`${p}|${x}`) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([key, actors]) => {
      const [period, days] = key.split('|');
      return { period: period!, days: Number(days), actors };
    })
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.days - b.days));
}

function activeDays(rows: RefRow[], spec: ActiveSpec): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!kept(r) || (spec.event && !refMatches(r, spec.event))) continue;
    const set = out.get(r.actor!) ?? new Set<string>();
    set.add(localDate(r.ts, spec.tz));
    out.set(r.actor!, set);
  }
  return out;
}
