import {
  cast,
  column,
  count,
  div,
  duckdbDialect,
  epoch,
  eq,
  fn,
  isNotNull,
  max,
  min,
  select,
  table,
  toSql,
} from '@sightline/sql';
import type { Engine } from '../core/engine.js';
import type { RunOptions } from '../core/query-watch.js';
import { SightlineError } from '../errors.js';
import { autoInterval, intervalLabels, type LogInterval, namedInterval } from './interval.js';
import { severityClassExpr, timeExpr } from './log-exprs.js';
import type { ResolvedLogRequest } from './types.js';
import { whereOf } from './where.js';

/** One bar of the timeline: lines starting at `start` (ISO) for one interval, split by severity. */
export interface TimelineBucket {
  start: string;
  errors: number;
  warnings: number;
  others: number;
}

/** Events per interval over the view, errors and warnings apart. */
export interface LogTimeline {
  interval: LogInterval | null;
  /** The span shown (the range when one is set, else the table's first and last line, whatever the filters). */
  from: string | null;
  to: string | null;
  buckets: TimelineBucket[];
  total: number;
  errors: number;
  warnings: number;
  /** Lines without a readable time (left out of the bars). */
  untimed: number;
  /** A plain sentence when there is nothing to draw, saying why. */
  note?: string;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const MAX_BARS = 2000;

/** The timeline of a view; `interval` (e.g. `5m`) overrides the automatic ~60-120 buckets. */
export async function logTimeline(
  engine: Engine,
  req: ResolvedLogRequest,
  options: RunOptions & { interval?: string } = {},
): Promise<LogTimeline> {
  const frame = await timelineFrame(engine, req, options);
  const { summary, interval, first, last } = frame;
  if (!interval) {
    const note = timeExpr(req.roles)
      ? 'No line of this table has a time that can be read.'
      : `"${req.table}" has no time column, so there is no timeline.`;
    return { interval: null, from: null, to: null, buckets: [], ...summary, note };
  }
  const cls = severityClassExpr(req.roles);
  const q = select({
    b: bucketExpr(req, interval)!,
    total: count(),
    errors: count(undefined, { filter: eq(cls, 'error') }),
    warnings: count(undefined, { filter: eq(cls, 'warning') }),
  })
    .from(table(req.table))
    .where(...whereOf(req), isNotNull(timeExpr(req.roles)!))
    .groupBy(column('b'))
    .orderBy(column('b'));
  const res = await engine.query(toSql(q, duckdbDialect()), options);
  const byIndex = new Map(res.rows.map((r) => [Number(r.b), r]));
  const buckets: TimelineBucket[] = [];
  for (let i = first; i <= last && buckets.length < MAX_BARS; i++) {
    const r = byIndex.get(i);
    const errors = r ? Number(r.errors) : 0;
    const warnings = r ? Number(r.warnings) : 0;
    const start = iso(i * interval.seconds);
    buckets.push({ start, errors, warnings, others: r ? Number(r.total) - errors - warnings : 0 });
  }
  return { interval, from: frame.from, to: frame.to, buckets, ...summary };
}

/** The timeline's span and buckets: what the bars and the patterns' sparklines share. */
export interface TimelineFrame {
  interval: LogInterval | null;
  /** Bucket numbers (time in seconds / interval) of the first and last bar. */
  first: number;
  last: number;
  from: string | null;
  to: string | null;
  summary: { total: number; errors: number; warnings: number; untimed: number };
}

/** Works out the span (the range, or the table's first and last line) and the bucket width of a view. */
export async function timelineFrame(
  engine: Engine,
  req: ResolvedLogRequest,
  options: RunOptions & { interval?: string } = {},
): Promise<TimelineFrame> {
  const t = timeExpr(req.roles);
  const cls = severityClassExpr(req.roles);
  const q = select({
    total: count(),
    errors: count(undefined, { filter: eq(cls, 'error') }),
    warnings: count(undefined, { filter: eq(cls, 'warning') }),
    ...(t ? { timed: count(t) } : {}),
  })
    .from(table(req.table))
    .where(...whereOf(req));
  const res = await engine.query(toSql(q, duckdbDialect()), options);
  const b: Record<string, unknown> = { ...res.rows[0] };
  if (t && !req.range) {
    // The span is the whole table's, whatever the filters: a pattern or facet is seen against the full timeline.
    const span = select({ lo: min(epoch(t)), hi: max(epoch(t)) }).from(table(req.table));
    Object.assign(b, (await engine.query(toSql(span, duckdbDialect()), options)).rows[0]);
  }
  const total = Number(b.total);
  const summary = {
    total,
    errors: Number(b.errors),
    warnings: Number(b.warnings),
    untimed: t ? total - Number(b.timed) : total,
  };
  const lo = req.range ? Date.parse(req.range.from) / 1000 : b.lo == null ? null : Number(b.lo);
  const hi = req.range ? Date.parse(req.range.to) / 1000 : b.hi == null ? null : Number(b.hi);
  if (!t || lo === null || hi === null)
    return { interval: null, first: 0, last: -1, from: null, to: null, summary };
  let interval = autoInterval(Math.max(hi - lo, 1));
  if (options.interval !== undefined) {
    const named = namedInterval(options.interval);
    if (!named) {
      throw new SightlineError(`"${options.interval}" is not a timeline interval.`, {
        hints: [`Use one of ${intervalLabels().join(', ')}.`],
      });
    }
    interval = named;
  }
  const step = interval.seconds;
  const first = Math.floor(lo / step);
  const last = Math.max(first, req.range ? Math.ceil(hi / step) - 1 : Math.floor(hi / step));
  return {
    interval,
    first,
    last,
    from: req.range ? req.range.from : iso(first * step),
    to: req.range ? req.range.to : iso((last + 1) * step),
    summary,
  };
}

/** The bucket number of each line's time (seconds since 1970 divided by the interval, rounded down). */
export function bucketExpr(req: ResolvedLogRequest, interval: LogInterval) {
  const t = timeExpr(req.roles);
  return t ? cast(fn('floor', div(epoch(t), interval.seconds)), 'BIGINT') : null;
}
