import {
  add,
  agg,
  and,
  asc,
  between,
  type CteNode,
  caseWhen,
  coalesce,
  column,
  count,
  countDistinct,
  cte,
  type ExprNode,
  eq,
  filter,
  gt,
  gte,
  literal,
  lt,
  lte,
  max,
  min,
  type QueryNode,
  select,
  sub,
  table,
  values,
} from '@sightline/sql';
import { actorPresent, type EventMatch, eventTime, matchesEvent } from '../metrics/index.js';
import {
  asTimestamptz,
  dateLiteral,
  eventSource,
  localPeriod,
  ordersLikeTime,
  periodFromNumber,
  periodNumber,
  quarterOf,
  quarterPeriodsCte,
  utcPeriodNumber,
} from './period-sql.js';
import type { RetentionSpec } from './schema.js';

/**
 * The two queries of a retention spec (metrics.md section 2).
 *
 * `result` rows, ordered by cohort then k (one per cohort and k = 0..periods):
 * `cohort` DATE (first day of the cohort period), `k` BIGINT, `size` BIGINT, `retained` BIGINT (NULL when the cell
 * is incomplete), `left_censored` BOOLEAN (the cohort starts within one period of the table's first timestamp).
 *
 * `stats`, one row: `rows` (all rows of the source), `ignored_rows` (actor NULL or empty), `actors` (distinct kept
 * actors), `start_rows`, `return_rows` (kept rows matching each), `first_ts`, `last_ts` (TIMESTAMPTZ of kept rows).
 */
export function compileRetention(spec: RetentionSpec): { result: QueryNode; stats: QueryNode } {
  return { result: resultQuery(spec), stats: statsQuery(spec) };
}

function describeMatch(m: EventMatch | 'any'): string {
  if (m === 'any') return 'any event';
  const n = m.filters.length;
  return `event "${m.event.replace(/\s+/g, ' ')}"${n ? ` with ${n} filter${n > 1 ? 's' : ''}` : ''}`;
}

function isReturnExpr(spec: RetentionSpec): ExprNode {
  return spec.return === 'any' ? literal(true) : matchesEvent(spec.events, spec.return, 'e');
}

function resultQuery(spec: RetentionSpec): QueryNode {
  const { period, tz, periods, events: ev } = spec;
  const p = (name: string, q?: string) => column(name, q);
  const [keptRows, ...periodCtes] =
    tz === 'UTC' && period !== 'month' && ev.timeKind !== 'text'
      ? utcPeriodCtes(spec, period)
      : localPeriodCtes(spec);

  const bounds = cte(
    'bounds',
    select({ first_period: min(p('period_no')), last_period: max(p('period_no')) }).from('numbered'),
    `The ${period}s holding the first and the last timestamp of any kept row: a cell is complete only when the\n` +
      `${period} after it has started by the last timestamp.`,
  );

  const startPeriods = cte(
    'start_periods',
    select({ actor: p('actor'), cohort: p('period'), cohort_no: p('period_no') })
      .from('numbered')
      .where(p('has_start')),
    `The ${period} of every start row, once per actor and ${period}.`,
  );

  const returnPeriods = cte(
    'return_periods',
    select(p('actor'), p('period_no')).from('numbered').where(p('has_return')),
    `The ${period}s in which each actor has a return row (from the whole table, not only the range).`,
  );

  const memberReturns = cte(
    'member_returns',
    select({
      actor: p('actor', 'm'),
      cohort: p('cohort', 'm'),
      k: sub(p('period_no', 'r'), p('cohort_no', 'm')),
    })
      .from(table('members', 'm'))
      .join(table('return_periods', 'r'), {
        on: and(eq(p('actor', 'r'), p('actor', 'm')), gt(p('period_no', 'r'), p('cohort_no', 'm'))),
      }),
    `For each cohort member, k = how many ${period}s after their cohort each of their returns falls (k >= 1).`,
  );

  const offsets = cte(
    'offsets',
    select(p('k')).from(
      values(
        Array.from({ length: periods + 1 }, (_, i) => [i]),
        'o',
        ['k'],
      ),
    ),
    `k = 0..${periods}: the cells of each cohort.`,
  );

  const returned =
    spec.criterion === 'on'
      ? cte(
          'returned',
          select({ cohort: p('cohort'), k: p('k'), actors: count() })
            .from('member_returns')
            .where(lte(p('k'), periods))
            .groupBy(p('cohort'), p('k')),
          `criterion "on": members with a return exactly k ${period}s after their cohort.`,
        )
      : cte(
          'returned',
          select({ cohort: p('cohort', 'f'), k: p('k', 'o'), actors: count() })
            .from(
              select({ actor: p('actor'), cohort: p('cohort'), furthest: max(p('k')) })
                .from('member_returns')
                .groupBy(p('actor'), p('cohort'))
                .as('f'),
            )
            .join(table('offsets', 'o'), { on: between(p('k', 'o'), 1, p('furthest', 'f')) })
            .groupBy(p('cohort', 'f'), p('k', 'o')),
          `criterion "on_or_after": members with a return k or more ${period}s after their cohort.`,
        );

  const sizes = cte(
    'sizes',
    select({ cohort: p('cohort'), cohort_no: p('cohort_no'), size: count() })
      .from('members')
      .groupBy(p('cohort'), p('cohort_no')),
    'Cohort sizes.',
  );

  const k = p('k', 'o');
  const cohortNo = p('cohort_no', 's');
  const cells = cte(
    'cells',
    select({
      cohort: p('cohort', 's'),
      k,
      size: p('size', 's'),
      retained: caseWhen(
        [
          [eq(k, 0), p('size', 's')],
          [gt(add(add(cohortNo, k), 1), p('last_period', 'b')), literal(null)],
        ],
        coalesce(p('actors', 'h'), 0),
      ),
      left_censored: lte(cohortNo, add(p('first_period', 'b'), 1)),
    })
      .from(table('sizes', 's'))
      .join(table('offsets', 'o'))
      .join(table('bounds', 'b'))
      .join(table('returned', 'h'), {
        type: 'LEFT',
        on: and(eq(p('cohort', 'h'), p('cohort', 's')), eq(p('k', 'h'), k)),
      }),
    'One cell per cohort and k: k = 0 is the cohort size; a cell whose next period starts after the last\n' +
      'timestamp is incomplete (NULL, never 0); left_censored marks cohorts within one period of the first timestamp.',
  );

  return select(p('cohort'), p('k'), p('size'), p('retained'), p('left_censored'))
    .with(
      keptRows,
      ...periodCtes,
      bounds,
      startPeriods,
      membersCte(spec),
      returnPeriods,
      memberReturns,
      offsets,
      returned,
      sizes,
      cells,
    )
    .from('cells')
    .orderBy(asc(p('cohort')), asc(p('k'))).node;
}

function membersCte(spec: RetentionSpec) {
  const firstTime = spec.cohort === 'first_time';
  const c = firstTime ? min(column('cohort')) : column('cohort');
  const range: ExprNode[] = [];
  if (spec.since) range.push(gte(c, dateLiteral(spec.since)));
  if (spec.until) range.push(lt(c, dateLiteral(spec.until)));
  const rangeNote = range.length
    ? `\nOnly cohorts starting in [${spec.since ?? 'the first row'}, ${spec.until ?? 'the last row'}) are reported.`
    : '';
  if (firstTime) {
    return cte(
      'members',
      select({ actor: column('actor'), cohort: c, cohort_no: min(column('cohort_no')) })
        .from('start_periods')
        .groupBy(column('actor'))
        .having(...range),
      `cohort "first_time": each actor belongs to the ${spec.period} of their earliest start row in the whole table.` +
        rangeNote,
    );
  }
  return cte(
    'members',
    select(column('actor'), c, column('cohort_no'))
      .from('start_periods')
      .where(...range),
    `cohort "recurring": each actor belongs to every ${spec.period} in which they have a start row.${rangeNote}`,
  );
}

/** The earliest or latest stored time, as a TIMESTAMPTZ (text was already converted row by row). */
function firstOrLast(ev: RetentionSpec['events'], aggregate: ExprNode): ExprNode {
  return ordersLikeTime(ev.timeKind) ? asTimestamptz(ev.timeKind, aggregate) : aggregate;
}

/**
 * Kept rows and each actor's periods (`numbered`: actor, period DATE, period_no, has_start, has_return) in any time
 * zone: calendar periods looked up once per quarter-hour of the data, not per row.
 */
function localPeriodCtes(spec: RetentionSpec): [CteNode, ...CteNode[]] {
  const { period, tz, events: ev } = spec;
  const p = (name: string, q?: string) => column(name, q);
  const keptRows = cte(
    'kept_rows',
    select({
      actor: column(ev.actor, 'e'),
      time_value: column(ev.time, 'e'),
      quarter: quarterOf(ev.timeKind, column(ev.time, 'e')),
      is_start: matchesEvent(ev, spec.start, 'e'),
      is_return: isReturnExpr(spec),
    })
      .from(eventSource(ev, 'e'))
      .where(actorPresent(ev, 'e')),
    'Rows whose actor is set (rows with a NULL or empty actor are ignored), with their quarter-hour, and whether each\n' +
      `can start a cohort (${describeMatch(spec.start)}) or count as a return (${describeMatch(spec.return)}).`,
  );

  const quarterPeriods = quarterPeriodsCte('quarter_periods', 'kept_rows', period, tz);

  const events = cte(
    'actor_periods',
    select({
      actor: p('actor', 'r'),
      period: localPeriod(period, asTimestamptz(ev.timeKind, p('time_value', 'r')), tz, 'q'),
      has_start: agg('bool_or', [p('is_start', 'r')]),
      has_return: agg('bool_or', [p('is_return', 'r')]),
    })
      .from(table('kept_rows', 'r'))
      .join(table('quarter_periods', 'q'), { on: eq(p('quarter', 'q'), p('quarter', 'r')) })
      .groupBy(
        p('actor', 'r'),
        localPeriod(period, asTimestamptz(ev.timeKind, p('time_value', 'r')), tz, 'q'),
      ),
    `Each actor once per ${period} in which they have rows, with whether they started and whether they returned then.`,
  );

  const numbered = cte(
    'numbered',
    select(
      p('actor'),
      p('period'),
      { period_no: periodNumber(period, p('period')) },
      p('has_start'),
      p('has_return'),
    ).from('actor_periods'),
    `Each ${period} also as a number on a continuous scale, so "k ${period}s later" is a subtraction.`,
  );

  return [keptRows, quarterPeriods, events, numbered];
}

/**
 * The same CTEs for days and weeks in UTC: each row's period number comes straight from its stored time, and each
 * actor's periods are one grouping of the rows (no lookup, no join, no second pass over the rows).
 */
function utcPeriodCtes(spec: RetentionSpec, period: 'day' | 'week'): [CteNode, ...CteNode[]] {
  const ev = spec.events;
  const p = (name: string, q?: string) => column(name, q);
  const keptRows = cte(
    'kept_rows',
    select({
      actor: column(ev.actor, 'e'),
      period_no: utcPeriodNumber(period, ev.timeKind, column(ev.time, 'e')),
      is_start: matchesEvent(ev, spec.start, 'e'),
      is_return: isReturnExpr(spec),
    })
      .from(eventSource(ev, 'e'))
      .where(actorPresent(ev, 'e')),
    `Rows whose actor is set (rows with a NULL or empty actor are ignored), with their ${period} in UTC as a number\n` +
      `(${period === 'day' ? 'days since 1970-01-01' : 'weeks since the Monday before 1970-01-01'}), and whether each can start a cohort (${describeMatch(spec.start)}) or count as a\n` +
      `return (${describeMatch(spec.return)}).`,
  );
  const numbered = cte(
    'numbered',
    select({
      actor: p('actor'),
      period: periodFromNumber(period, p('period_no')),
      period_no: p('period_no'),
      has_start: agg('bool_or', [p('is_start')]),
      has_return: agg('bool_or', [p('is_return')]),
    })
      .from('kept_rows')
      .groupBy(p('actor'), p('period_no')),
    `Each actor once per ${period} in which they have rows (its first day, and its number so "k ${period}s later" is a\n` +
      'subtraction), with whether they started and whether they returned then.',
  );
  return [keptRows, numbered];
}

function statsQuery(spec: RetentionSpec): QueryNode {
  const ev = spec.events;
  const kept = column('kept');
  const all = cte(
    'all_rows',
    select({
      actor: column(ev.actor, 'e'),
      time_value: ordersLikeTime(ev.timeKind) ? column(ev.time, 'e') : eventTime(ev, 'e'),
      kept: actorPresent(ev, 'e'),
      is_start: matchesEvent(ev, spec.start, 'e'),
      is_return: isReturnExpr(spec),
    }).from(eventSource(ev, 'e')),
    'Every row of the source, and whether its actor is set (rows with a NULL or empty actor are ignored).',
  );
  return select({
    rows: count(),
    ignored_rows: sub(count(), filter(count(), kept)),
    actors: countDistinct(column('actor'), { filter: kept }),
    start_rows: count(undefined, { filter: and(kept, column('is_start')) }),
    return_rows: count(undefined, { filter: and(kept, column('is_return')) }),
    first_ts: firstOrLast(ev, min(column('time_value'), { filter: kept })),
    last_ts: firstOrLast(ev, max(column('time_value'), { filter: kept })),
  })
    .with(all)
    .from('all_rows').node;
}
