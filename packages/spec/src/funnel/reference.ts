// TEST-ONLY reference: metrics.md section 1 followed literally, by brute force per actor. Never used in production.
import { parseDuration } from '../metrics/duration.js';
import type { EventMatch, PropertyFilter } from '../metrics/event-table.js';
import type { FunnelResult, FunnelStepResult } from './result.js';
import { compareGroupKeys, median } from './result.js';
import type { FunnelSpec } from './schema.js';

/** A plain value of an event row. */
export type RefValue = string | number | boolean | null;
/** One event row keyed by column name; the time column holds epoch milliseconds. */
export type RefRow = Record<string, RefValue>;

interface Row {
  p: number;
  ts: number;
  event: string;
  tiebreak: RefValue;
  bval: RefValue;
  raw: RefRow;
}

interface Chain {
  rows: Row[];
}

/** The funnel of `rows` per metrics.md, computed by enumerating every chain of every actor. */
export function referenceFunnel(rows: RefRow[], spec: FunnelSpec): FunnelResult {
  const cols = spec.events;
  const window = windowMs(spec);
  const since = spec.since ? localMidnightMs(spec.since, spec.tz) : -Infinity;
  const until = spec.until ? localMidnightMs(spec.until, spec.tz) : Infinity;
  const inRange = (r: Row) => r.ts >= since && r.ts < until;
  const byActor = new Map<string, RefRow[]>();
  for (const r of rows) {
    const a = r[cols.actor];
    if (a === null || a === undefined || String(a) === '') continue;
    if (r[cols.time] === null || r[cols.time] === undefined) continue;
    const key = JSON.stringify(a);
    byActor.set(key, [...(byActor.get(key) ?? []), r]);
  }
  const n = spec.steps.length;
  const actors: { depth: number; key: RefValue; gaps: (number | null)[] }[] = [];
  for (const list of byActor.values()) {
    const ordered = orderRows(list, spec);
    const best: { depth: number; chain?: Chain } =
      spec.order === 'any'
        ? anyDepth(ordered, spec, window, inRange)
        : bestChain(ordered, spec, window, inRange);
    if (best.depth === 0) continue;
    if (best.chain && excluded(best.chain, ordered, spec, window)) continue;
    const chainRows = best.chain?.rows ?? [];
    const gaps: (number | null)[] = [];
    for (let k = 0; k < n; k++) {
      const a = chainRows[k - 1];
      const b = chainRows[k];
      gaps.push(k > 0 && a && b && spec.order !== 'any' ? (b.ts - a.ts) / 1000 : null);
    }
    actors.push({ depth: best.depth, key: chainRows[0]?.bval ?? null, gaps });
  }
  const result: FunnelResult = { steps: summarize(actors, spec) };
  if (spec.breakdown !== undefined) {
    const groups = new Map<string, typeof actors>();
    for (const a of actors) {
      const k = JSON.stringify(a.key);
      groups.set(k, [...(groups.get(k) ?? []), a]);
    }
    result.groups = [...groups.values()]
      .map((members) => ({ key: members[0]!.key, steps: summarize(members, spec) }))
      .sort(
        (x, y) =>
          (y.steps[0]?.users ?? 0) - (x.steps[0]?.users ?? 0) ||
          compareGroupKeys(x.key ?? null, y.key ?? null),
      );
  }
  return result;
}

function summarize(
  actors: { depth: number; gaps: (number | null)[] }[],
  spec: FunnelSpec,
): FunnelStepResult[] {
  const users = spec.steps.map((_, k) => actors.filter((a) => a.depth >= k + 1).length);
  return spec.steps.map((s, k) => {
    const gaps = actors.filter((a) => a.depth >= k + 1).map((a) => a.gaps[k]);
    const known = gaps.filter((g): g is number => g !== null && g !== undefined);
    return {
      name: s.event,
      users: users[k]!,
      conversion_from_start: users[0] ? users[k]! / users[0] : null,
      conversion_from_previous:
        k === 0 ? (users[0] ? 1 : null) : users[k - 1] ? users[k]! / users[k - 1]! : null,
      median_seconds_to_convert: k === 0 || spec.order === 'any' ? null : median(known),
    };
  });
}

function windowMs(spec: FunnelSpec): number {
  const w = parseDuration(spec.window);
  if (!w.ok) throw new Error(w.error);
  return w.value * 1000;
}

function orderRows(list: RefRow[], spec: FunnelSpec): Row[] {
  const c = spec.events;
  const rows = list.map((raw) => ({
    p: 0,
    ts: Number(raw[c.time]),
    event: String(raw[c.event]),
    tiebreak: spec.tiebreak === undefined ? null : (raw[spec.tiebreak] ?? null),
    bval: spec.breakdown === undefined ? null : (raw[spec.breakdown] ?? null),
    raw,
  }));
  rows.sort(
    (a, b) =>
      a.ts - b.ts ||
      compareNullsLast(a.tiebreak, b.tiebreak) ||
      Buffer.compare(Buffer.from(a.event), Buffer.from(b.event)) ||
      compareNullsLast(a.bval, b.bval),
  );
  rows.forEach((r, i) => {
    r.p = i;
  });
  return rows;
}

function compareNullsLast(a: RefValue, b: RefValue): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

/** True when the row matches the event and every filter, with SQL's NULL rules. */
export function matches(row: RefRow, eventColumn: string, m: EventMatch): boolean {
  return row[eventColumn] === m.event && m.filters.every((f) => filterHolds(row[f.column] ?? null, f));
}

function filterHolds(v: RefValue, f: PropertyFilter): boolean {
  const list = Array.isArray(f.value) ? f.value : [];
  const one = f.value as RefValue;
  switch (f.op) {
    case '=':
      return v !== null && v === one;
    case '!=':
      return v === null || v !== one;
    case '<':
      return v !== null && one !== null && v < one;
    case '<=':
      return v !== null && one !== null && v <= one;
    case '>':
      return v !== null && one !== null && v > one;
    case '>=':
      return v !== null && one !== null && v >= one;
    case 'in':
      return v !== null && list.includes(v);
    case 'not_in':
      return v === null || !list.includes(v);
    case 'is_null':
      return v === null;
    case 'is_not_null':
      return v !== null;
    case 'contains':
      return v !== null && String(v).includes(String(one));
  }
}

type Best = { depth: number; chain: Chain };

/** Points 1-4 and 6: every chain of the actor, the deepest, then the lexicographically smallest. */
function bestChain(rows: Row[], spec: FunnelSpec, window: number, inRange: (r: Row) => boolean): Best {
  const c = spec.events;
  const match = (r: Row, k: number) => matches(r.raw, c.event, spec.steps[k]!);
  let starts = rows.filter((r) => match(r, 0) && inRange(r));
  if (spec.anchor === 'first_entry') starts = starts.slice(0, 1);
  let best: Chain | null = null;
  const consider = (chain: Row[]) => {
    if (best === null || better(chain, best.rows)) best = { rows: [...chain] };
  };
  const extend = (chain: Row[]) => {
    consider(chain);
    const k = chain.length;
    if (k === spec.steps.length) return;
    const first = chain[0]!;
    const last = chain[k - 1]!;
    const nexts =
      spec.order === 'strict'
        ? rows.filter((r) => r.p === last.p + 1)
        : rows.filter((r) => !chain.includes(r) && r.ts >= last.ts);
    for (const r of nexts) {
      if (match(r, k) && r.ts - first.ts <= window) {
        chain.push(r);
        extend(chain);
        chain.pop();
      }
    }
  };
  for (const s of starts) extend([s]);
  const chosen = best as Chain | null;
  return chosen === null ? { depth: 0, chain: { rows: [] } } : { depth: chosen.rows.length, chain: chosen };
}

function better(a: Row[], b: Row[]): boolean {
  if (a.length !== b.length) return a.length > b.length;
  for (let i = 0; i < a.length; i++) if (a[i]!.ts !== b[i]!.ts) return a[i]!.ts < b[i]!.ts;
  for (let i = 0; i < a.length; i++) if (a[i]!.p !== b[i]!.p) return a[i]!.p < b[i]!.p;
  return false;
}

/** Point 5: a row of the excluded event between the steps (or up to the window's end) removes the actor. */
function excluded(chain: Chain, rows: Row[], spec: FunnelSpec, window: number): boolean {
  const depth = chain.rows.length;
  const e1 = chain.rows[0]!;
  return spec.exclusions.some((x) => {
    if (depth < x.from) return false;
    const lo = chain.rows[x.from - 1]!.ts;
    const hi = depth >= x.to ? chain.rows[x.to - 1]!.ts : e1.ts + window;
    return rows.some(
      (r) => !chain.rows.includes(r) && matches(r.raw, spec.events.event, x) && r.ts >= lo && r.ts <= hi,
    );
  });
}

/** Point 7: the most steps filled by distinct rows inside one window starting at a step row. */
function anyDepth(
  rows: Row[],
  spec: FunnelSpec,
  window: number,
  inRange: (r: Row) => boolean,
): { depth: number } {
  const c = spec.events;
  const stepRows = rows.filter((r) => spec.steps.some((s) => matches(r.raw, c.event, s)));
  let starts = stepRows.filter(inRange);
  if (spec.anchor === 'first_entry') starts = starts.slice(0, 1);
  let depth = 0;
  for (const s of starts) {
    const inside = stepRows.filter((r) => r.ts >= s.ts && r.ts <= s.ts + window);
    depth = Math.max(depth, maxMatching(inside, spec));
  }
  return { depth };
}

function maxMatching(rows: Row[], spec: FunnelSpec): number {
  const owner = new Map<number, number>();
  const tryStep = (k: number, seen: Set<number>): boolean => {
    for (const r of rows) {
      if (seen.has(r.p) || !matches(r.raw, spec.events.event, spec.steps[k]!)) continue;
      seen.add(r.p);
      const other = owner.get(r.p);
      if (other === undefined || tryStep(other, seen)) {
        owner.set(r.p, k);
        return true;
      }
    }
    return false;
  };
  let size = 0;
  for (let k = 0; k < spec.steps.length; k++) if (tryStep(k, new Set())) size++;
  return size;
}

/** Local midnight of `date` in `tz` as epoch milliseconds. */
export function localMidnightMs(date: string, tz: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let guess = wall;
  for (let i = 0; i < 3; i++) guess = wall - offsetMs(guess, tz);
  return guess;
}

function offsetMs(instant: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return local - Math.floor(instant / 1000) * 1000;
}
