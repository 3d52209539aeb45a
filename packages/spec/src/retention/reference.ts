// Test-only: retention exactly as metrics.md section 2 words it, brute force over plain rows.
import type { EventMatch, PropertyFilter } from '../metrics/index.js';
import { addPeriods, localDate, localMidnightMs, periodOf } from './reference-calendar.js';
import type { RetentionSpec } from './schema.js';

/** One event row for the references: actor, event name, time (epoch ms) and property columns. */
export interface RefRow {
  actor: string | null;
  event: string;
  ts: number;
  props?: Record<string, string | number | boolean | null>;
}

/** One reference cell row, shaped like the SQL result rows. */
export interface RefCell {
  cohort: string;
  k: number;
  size: number;
  retained: number | null;
  left_censored: boolean;
}

/** Whether a row's actor counts (not NULL, not empty). */
export function kept(row: RefRow): boolean {
  return row.actor !== null && row.actor !== '';
}

/** Whether a row matches an event and its filters (SQL semantics: a NULL comparison is not a match). */
export function refMatches(row: RefRow, match: EventMatch): boolean {
  return row.event === match.event && match.filters.every((f) => refFilter(row, f));
}

function refFilter(row: RefRow, f: PropertyFilter): boolean {
  const v = row.props?.[f.column] ?? null;
  const list = (Array.isArray(f.value) ? f.value : [f.value]) as (string | number | boolean)[];
  switch (f.op) {
    case 'is_null':
      return v === null;
    case 'is_not_null':
      return v !== null;
    case '!=':
      return v === null || v !== f.value;
    case 'not_in':
      return v === null || !list.includes(v);
    default:
      break;
  }
  if (v === null) return false;
  switch (f.op) {
    case '=':
      return v === f.value;
    case 'in':
      return list.includes(v);
    case '<':
      return (v as number) < (f.value as number);
    case '<=':
      return (v as number) <= (f.value as number);
    case '>':
      return (v as number) > (f.value as number);
    case '>=':
      return (v as number) >= (f.value as number);
    case 'contains':
      return String(v).includes(String(f.value));
  }
}

/** Retention per metrics.md section 2, literally: cohorts, cells, incomplete cells, left-censoring. */
export function referenceRetention(rows: RefRow[], spec: RetentionSpec): RefCell[] {
  const { period, tz, periods } = spec;
  const live = rows.filter(kept);
  if (live.length === 0) return [];
  const lastTs = Math.max(...live.map((r) => r.ts));
  const firstTs = Math.min(...live.map((r) => r.ts));
  const periodAt = (ts: number) => periodOf(localDate(ts, tz), period);
  const isReturn = (r: RefRow) => spec.return === 'any' || refMatches(r, spec.return);

  const members = new Map<string, Set<string>>();
  const join = (cohort: string, actor: string) => {
    const set = members.get(cohort) ?? new Set<string>();
    set.add(actor);
    members.set(cohort, set);
  };
  const starts = live.filter((r) => refMatches(r, spec.start));
  if (spec.cohort === 'first_time') {
    const earliest = new Map<string, number>();
    for (const r of starts) earliest.set(r.actor!, Math.min(earliest.get(r.actor!) ?? Infinity, r.ts));
    for (const [actor, ts] of earliest) join(periodAt(ts), actor);
  } else {
    for (const r of starts) join(periodAt(r.ts), r.actor!);
  }

  const returnsOf = new Map<string, string[]>();
  for (const r of live.filter(isReturn)) {
    const list = returnsOf.get(r.actor!) ?? [];
    list.push(periodAt(r.ts));
    returnsOf.set(r.actor!, list);
  }

  const firstPeriod = periodAt(firstTs);
  const cells: RefCell[] = [];
  for (const cohort of [...members.keys()].sort()) {
    if (spec.since && cohort < spec.since) continue;
    if (spec.until && cohort >= spec.until) continue;
    const actors = members.get(cohort)!;
    const size = actors.size;
    const left_censored = cohort <= addPeriods(firstPeriod, period, 1);
    for (let k = 0; k <= periods; k++) {
      let retained: number | null;
      if (k === 0) retained = size;
      else if (localMidnightMs(addPeriods(cohort, period, k + 1), tz) > lastTs) retained = null;
      else {
        const target = addPeriods(cohort, period, k);
        retained = 0;
        for (const a of actors) {
          const ps = returnsOf.get(a) ?? [];
          const hit = spec.criterion === 'on' ? ps.some((p) => p === target) : ps.some((p) => p >= target);
          if (hit) retained++;
        }
      }
      cells.push({ cohort, k, size, retained, left_censored });
    }
  }
  return cells;
}
