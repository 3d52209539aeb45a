import {
  add,
  and,
  asc,
  type CteNode,
  caseWhen,
  cast,
  coalesce,
  column,
  count,
  countDistinct,
  cte,
  currentRow,
  dateSeries,
  dateTrunc,
  div,
  type ExprNode,
  eq,
  filter,
  fn,
  gte,
  isNotNull,
  isNull,
  least,
  listTail,
  literal,
  lt,
  max,
  min,
  neq,
  or,
  over,
  type QueryNode,
  rowsBetween,
  select,
  sortedList,
  sub,
  subqueryRef,
  sum,
  table,
  unboundedPreceding,
  unionAll,
} from '@sightline/sql';
import { actorPresent, eventTime, matchesEvent } from '../metrics/index.js';
import {
  asTimestamptz,
  dateLiteral,
  eventSource,
  localPeriod,
  ordersLikeTime,
  periodFromNumber,
  periodStart,
  quarterOf,
  quarterPeriodsCte,
  utcPeriodNumber,
} from '../retention/period-sql.js';
import type { ActiveSpec } from './schema.js';

/** Days a WAU and a MAU window span, the day itself included (metrics.md section 3). */
const WEEK_DAYS = 7;
const MONTH_DAYS = 30;

/**
 * The queries of an active-users spec (metrics.md section 3).
 *
 * `result` rows, one per listed day in order: `day` DATE, `dau`, `wau`, `mau` BIGINT, `stickiness` DOUBLE (DAU / MAU,
 * NULL when MAU is 0), `partial` BOOLEAN (day - 29 is before the first qualifying day).
 *
 * `histogram` rows: `period` DATE (first day of the week or month), `days` BIGINT (distinct active days of an
 * actor in that period, counting only listed days), `actors` BIGINT (actors with exactly that many days).
 *
 * `stats`, one row: `rows` (all rows of the source), `ignored_rows` (actor NULL or empty), `qualifying_rows` (kept
 * rows of the event, if one is named), `actors` (distinct actors with a qualifying row), `first_day`, `last_day`.
 */
export function compileActive(spec: ActiveSpec): {
  result: QueryNode;
  histogram: QueryNode;
  stats: QueryNode;
} {
  return { result: resultQuery(spec), histogram: histogramQuery(spec), stats: statsQuery(spec) };
}

/** The CTEs that produce `activity (actor, day)`: the local day of each qualifying row (repeats kept). */
function activityCtes(spec: ActiveSpec): CteNode[] {
  const ev = spec.events;
  const conds: ExprNode[] = [actorPresent(ev, 'e')];
  if (spec.event) conds.push(matchesEvent(ev, spec.event, 'e'));
  const which = spec.event ? `rows of event "${spec.event.event.replace(/\s+/g, ' ')}"` : 'rows of any event';
  if (spec.tz === 'UTC' && ev.timeKind !== 'text') {
    // A UTC day straight from the stored time: no calendar lookup.
    const day = periodFromNumber('day', utcPeriodNumber('day', ev.timeKind, column(ev.time, 'e')));
    const activity = cte(
      'activity',
      select({ actor: column(ev.actor, 'e'), day })
        .from(eventSource(ev, 'e'))
        .where(...conds, isNotNull(column(ev.time, 'e'))),
      `The calendar day (in UTC) of each qualifying row (${which}; rows with a NULL or empty actor are ignored).`,
    );
    return [activity];
  }
  const rows = cte(
    'qualifying_rows',
    select({
      actor: column(ev.actor, 'e'),
      time_value: column(ev.time, 'e'),
      quarter: quarterOf(ev.timeKind, column(ev.time, 'e')),
    })
      .from(eventSource(ev, 'e'))
      .where(...conds),
    `Qualifying rows (${which}; rows with a NULL or empty actor are ignored), with their quarter-hour.`,
  );
  const day = localPeriod('day', asTimestamptz(ev.timeKind, column('time_value', 'r')), spec.tz, 'q');
  const activity = cte(
    'activity',
    select({ actor: column('actor', 'r'), day })
      .from(table('qualifying_rows', 'r'))
      .join(table('quarter_days', 'q'), { on: eq(column('quarter', 'q'), column('quarter', 'r')) }),
    `The calendar day (in ${spec.tz}) of each qualifying row.`,
  );
  return [rows, quarterPeriodsCte('quarter_days', 'qualifying_rows', 'day', spec.tz), activity];
}

/**
 * `active_days`: each actor's days in order (one grouping by actor), and `spans`: each actor's distinct active days
 * with the next one. Sorting every (actor, day) pair for a window instead was the slowest part of the query.
 */
function dayCtes(): CteNode[] {
  const c = (name: string) => column(name);
  const activeDays = cte(
    'active_days',
    select({
      actor: c('actor'),
      days: sortedList(c('day')),
      first_day: min(c('day')),
      last_day: max(c('day')),
    })
      .from('activity')
      .groupBy(c('actor')),
    "Each actor's days in order (a day once per row), and their first and last day.",
  );
  const pairs = select(c('actor'), {
    day: fn('unnest', c('days')),
    next_day: fn('unnest', listTail(c('days'))),
  }).from('active_days');
  const spans = cte(
    'spans',
    select(c('actor'), c('day'), c('next_day'))
      .from(subqueryRef(pairs, 'pairs'))
      .where(or(isNull(c('next_day')), neq(c('next_day'), c('day')))),
    "Each actor's active days, once each, with their next active day (of a day's repeats the last is kept: the\n" +
      'element after it is another day). The actor counts in WAU from a day until 7 days later or their next active\n' +
      'day, whichever comes first (30 days for MAU), so no actor is counted twice.',
  );
  return [activeDays, spans];
}

/** The day before a `YYYY-MM-DD` date. */
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function resultQuery(spec: ActiveSpec): QueryNode {
  const c = (name: string, q?: string) => column(name, q);
  const bounds = cte(
    'bounds',
    select({
      first_day: min(c('first_day')),
      list_from: spec.since ? dateLiteral(spec.since) : min(c('first_day')),
      list_to: spec.until ? dateLiteral(dayBefore(spec.until)) : max(c('last_day')),
    }).from('active_days'),
    'The first qualifying day (for "partial") and the days to list: ' +
      (spec.since || spec.until
        ? `[${spec.since ?? 'first day'}, ${spec.until ?? 'last day + 1'}).`
        : 'from the first to the last qualifying day.'),
  );
  const days = cte(
    'days',
    select(c('day', 'd'))
      .from(table('bounds', 'b'))
      .join(dateSeries(c('list_from', 'b'), c('list_to', 'b'), { alias: 'd', column: 'day' }), {
        lateral: true,
      }),
    'Every listed calendar day, days without activity included.',
  );
  const upTo = (n: number) => least(c('next_day'), add(c('day'), n));
  const changes = cte(
    'changes',
    select({
      day: c('day'),
      dau: sum(c('dau')),
      wau: sum(c('wau')),
      mau: sum(c('mau')),
    })
      .from(
        subqueryRef(
          unionAll(
            select(c('day'), { dau: literal(1), wau: literal(1), mau: literal(1) }).from('spans'),
            select({ day: upTo(WEEK_DAYS), dau: literal(0), wau: literal(-1), mau: literal(0) }).from(
              'spans',
            ),
            select({ day: upTo(MONTH_DAYS), dau: literal(0), wau: literal(0), mau: literal(-1) }).from(
              'spans',
            ),
            select(c('day'), { dau: literal(0), wau: literal(0), mau: literal(0) }).from('days'),
          ),
          'moves',
        ),
      )
      .groupBy(c('day')),
    'Per day: actors active that day (DAU), and how many actors enter (+1) or leave (-1) the WAU and MAU counts;\n' +
      'listed days are added with no change so every one of them gets a row.',
  );
  const running = (name: string) =>
    cast(
      over(sum(c(name)), {
        orderBy: [asc(c('day'))],
        frame: rowsBetween(unboundedPreceding(), currentRow()),
      }),
      'BIGINT',
    );
  const counts = cte(
    'counts',
    select(c('day'), { dau: cast(c('dau'), 'BIGINT'), wau: running('wau'), mau: running('mau') }).from(
      'changes',
    ),
    'WAU and MAU on each day: the running total of the entries and exits up to that day.',
  );
  return select({
    day: c('day', 'd'),
    dau: c('dau', 'n'),
    wau: c('wau', 'n'),
    mau: c('mau', 'n'),
    stickiness: caseWhen([[eq(c('mau', 'n'), 0), literal(null)]], div(c('dau', 'n'), c('mau', 'n'))),
    partial: coalesce(lt(sub(c('day', 'd'), 29), c('first_day', 'b')), literal(true)),
  })
    .with(...activityCtes(spec), ...dayCtes(), bounds, days, changes, counts)
    .from(table('days', 'd'))
    .join(table('counts', 'n'), { on: eq(c('day', 'n'), c('day', 'd')) })
    .join(table('bounds', 'b'))
    .orderBy(asc(c('day', 'd'))).node;
}

function histogramQuery(spec: ActiveSpec): QueryNode {
  const c = (name: string) => column(name);
  const range: ExprNode[] = [];
  if (spec.since) range.push(gte(c('day'), dateLiteral(spec.since)));
  if (spec.until) range.push(lt(c('day'), dateLiteral(spec.until)));
  // DISTINCT pairs, not the result's sorted lists: as fast on DuckDB, and 1.5x faster on PostgreSQL.
  const actorDays = cte(
    'actor_days',
    select(c('actor'), c('day')).distinct().from('activity'),
    'Each actor once per active day.',
  );
  const perActor = cte(
    'period_days',
    select({
      actor: c('actor'),
      period: cast(dateTrunc(spec.histogram, cast(c('day'), 'TIMESTAMP')), 'DATE'),
      days: count(),
    })
      .from('actor_days')
      .where(...range)
      .groupBy(c('actor'), c('period')),
    `On how many distinct days of each ${spec.histogram} (weeks start on Monday) each actor was active` +
      (range.length ? ', counting listed days only.' : '.'),
  );
  return select(c('period'), c('days'), { actors: count() })
    .with(...activityCtes(spec), actorDays, perActor)
    .from('period_days')
    .groupBy(c('period'), c('days'))
    .orderBy(asc(c('period')), asc(c('days'))).node;
}

function statsQuery(spec: ActiveSpec): QueryNode {
  const ev = spec.events;
  // Text times were converted row by row; other kinds order like time, so only the extremes are converted.
  const asInstant = (x: ExprNode) => (ordersLikeTime(ev.timeKind) ? asTimestamptz(ev.timeKind, x) : x);
  const kept = column('kept');
  const qualifies = column('qualifies');
  const all = cte(
    'all_rows',
    select({
      actor: column(ev.actor, 'e'),
      time_value: ordersLikeTime(ev.timeKind) ? column(ev.time, 'e') : eventTime(ev, 'e'),
      kept: actorPresent(ev, 'e'),
      qualifies: spec.event
        ? and(actorPresent(ev, 'e'), matchesEvent(ev, spec.event, 'e'))
        : actorPresent(ev, 'e'),
    }).from(eventSource(ev, 'e')),
    'Every row of the source: whether its actor is set (rows with a NULL or empty actor are ignored) and whether it qualifies.',
  );
  return select({
    rows: count(),
    ignored_rows: sub(count(), filter(count(), kept)),
    qualifying_rows: count(undefined, { filter: qualifies }),
    actors: countDistinct(column('actor'), { filter: qualifies }),
    first_day: periodStart('day', asInstant(min(column('time_value'), { filter: qualifies })), spec.tz),
    last_day: periodStart('day', asInstant(max(column('time_value'), { filter: qualifies })), spec.tz),
  })
    .with(all)
    .from('all_rows').node;
}
