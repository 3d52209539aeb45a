import {
  add,
  agg,
  and,
  asc,
  between,
  bitAnd,
  type CteNode,
  caseWhen,
  cast,
  coalesce,
  column,
  count,
  countDistinct,
  cte,
  div,
  type ExprNode,
  eq,
  filter,
  fn,
  gt,
  gte,
  isNotNull,
  literal,
  lt,
  lte,
  max,
  min,
  mul,
  not,
  type QueryNode,
  type SelectBuilder,
  select,
  shiftLeft,
  shiftRight,
  sub,
  sum,
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
export function compileRetention(spec: RetentionSpec): {
  result: QueryNode;
  stats: QueryNode;
  /** Stats columns the result rows also carry (set when one query gives both; `stats` is for an empty result). */
  statsInResult?: string[];
} {
  if (spec.tz === 'UTC' && spec.period !== 'month' && spec.events.timeKind !== 'text') {
    return { result: onePassQuery(spec, spec.period), stats: statsQuery(spec), statsInResult: STATS_COLUMNS };
  }
  return { result: resultQuery(spec), stats: statsQuery(spec) };
}

/** Names of the stats columns (see compileRetention). */
const STATS_COLUMNS = ['rows', 'ignored_rows', 'actors', 'start_rows', 'return_rows', 'first_ts', 'last_ts'];

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

  const offsets = offsetsCte(periods);

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
      sizesCte(),
      cellsCte(),
    )
    .from('cells')
    .orderBy(asc(p('cohort')), asc(p('k'))).node;
}

/** Periods per block of `onePassQuery`: one bit each in a BIGINT, leaving the sign bit alone. */
const BLOCK = 63;

/**
 * Retention by day or week in UTC in one pass over the rows. Each row's period number comes straight from its time;
 * one grouping by actor and block of 63 periods gathers the row counts, the first and last time, the earliest start
 * and the periods with a return as bits of a BIGINT. Every later step works on those few rows per actor, and the
 * stats come with the result. Same columns as `resultQuery`, plus the stats columns.
 */
function onePassQuery(spec: RetentionSpec, period: 'day' | 'week'): QueryNode {
  const { periods, events: ev } = spec;
  const p = (name: string, q?: string) => column(name, q);
  const firstTime = spec.cohort === 'first_time';
  const on = spec.criterion === 'on';
  const blockOf = (n: ExprNode) => cast(fn('floor', div(n, BLOCK)), 'BIGINT');
  // Shift amounts are INTEGER: PostgreSQL shifts a BIGINT by an INTEGER only.
  const bit = (n: ExprNode, block: ExprNode) => cast(sub(n, mul(BLOCK, block)), 'INTEGER');
  const periodOf = (time: ExprNode) => utcPeriodNumber(period, ev.timeKind, time);
  const rows = cte(
    'all_rows',
    select({
      actor: column(ev.actor, 'e'),
      time_value: column(ev.time, 'e'),
      period_no: periodOf(column(ev.time, 'e')),
      is_start: matchesEvent(ev, spec.start, 'e'),
      is_return: isReturnExpr(spec),
    }).from(eventSource(ev, 'e')),
    `Every row with its ${period} in UTC as a number (${period === 'day' ? 'days since 1970-01-01' : 'weeks since the Monday before 1970-01-01'}),\n` +
      `and whether it can start a cohort (${describeMatch(spec.start)}) or count as a return (${describeMatch(spec.return)}).`,
  );
  const isStart = p('is_start');
  const isReturn = p('is_return');
  const periodNo = p('period_no');
  const flag = (filterBy: ExprNode) =>
    agg('bit_or', [shiftLeft(cast(literal(1), 'BIGINT'), bit(periodNo, blockOf(periodNo)))], {
      filter: filterBy,
    });
  const blocks = cte(
    'blocks',
    select({
      actor: p('actor'),
      block: blockOf(periodNo),
      n_rows: count(),
      n_start: count(undefined, { filter: isStart }),
      ...(spec.return === 'any' ? {} : { n_return: count(undefined, { filter: isReturn }) }),
      first_time: min(p('time_value')),
      last_time: max(p('time_value')),
      ...(firstTime ? { first_start: min(periodNo, { filter: isStart }) } : { starts: flag(isStart) }),
      ...(on ? { returns: flag(isReturn) } : { last_return: max(periodNo, { filter: isReturn }) }),
    })
      .from('all_rows')
      .groupBy(p('actor'), blockOf(periodNo)),
    `Each actor's rows by block of ${BLOCK} ${period}s (block = floor(${period} / ${BLOCK})): row counts, first and last time,\n` +
      `${firstTime ? `the earliest start ${period}` : `the ${period}s with a start row (bit i = ${period} ${BLOCK} * block + i)`} and ${on ? `the ${period}s with a return row (bit i = ${period} ${BLOCK} * block + i)` : `the last ${period} with a return row`}.\n` +
      'Rows with a NULL or empty actor make groups of their own, only counted.',
  );
  const kept = p('kept');
  const actors = cte(
    'actors',
    select({
      actor: p('actor'),
      kept: actorPresent({ ...ev, actor: 'actor' }),
      n_rows: sum(p('n_rows')),
      n_start: sum(p('n_start')),
      n_return: sum(p(spec.return === 'any' ? 'n_rows' : 'n_return')),
      first_time: min(p('first_time')),
      last_time: max(p('last_time')),
      ...(firstTime ? { cohort_no: min(p('first_start')) } : {}),
      ...(on ? {} : { last_return: max(p('last_return')) }),
    })
      .from('blocks')
      .groupBy(p('actor')),
    'Each actor once, and whether their rows count (actor neither NULL nor empty)' +
      (firstTime ? `; their cohort is the ${period} of their earliest start row in the whole table.` : '.'),
  );
  const bounds = cte(
    'bounds',
    select({
      first_period: periodOf(min(p('first_time'), { filter: kept })),
      last_period: periodOf(max(p('last_time'), { filter: kept })),
    }).from('actors'),
    `The ${period}s holding the first and the last timestamp of any kept row: a cell is complete only when the\n` +
      `${period} after it has started by the last timestamp.`,
  );
  const range: ExprNode[] = [];
  const cohortDate = periodFromNumber(period, p('cohort_no'));
  if (spec.since) range.push(gte(cohortDate, dateLiteral(spec.since)));
  if (spec.until) range.push(lt(cohortDate, dateLiteral(spec.until)));
  let starts: SelectBuilder;
  if (firstTime) {
    starts = select(p('actor'), p('cohort_no'), ...(on ? [] : [p('last_return')]))
      .from('actors')
      .where(kept, isNotNull(p('cohort_no')));
  } else {
    // Every set bit of every block's start flags is a cohort of the actor.
    const i = p('i', 'o');
    starts = select({ actor: p('actor', 'b'), cohort_no: add(mul(BLOCK, p('block', 'b')), i) })
      .from(table('blocks', 'b'))
      .join(
        values(
          Array.from({ length: BLOCK }, (_, n) => [n]),
          'o',
          ['i'],
        ),
        { on: eq(bitAnd(shiftRight(p('starts', 'b'), cast(i, 'INTEGER')), 1), 1) },
      )
      .where(actorPresent({ ...ev, actor: 'actor' }, 'b'), isNotNull(p('starts', 'b')));
  }
  const members = cte(
    'members',
    select(p('actor', 's'), { cohort: cohortDate }, p('cohort_no', 's'))
      .from(starts.as('s'))
      .where(...range),
    (firstTime
      ? `cohort "first_time": each actor belongs to the ${period} of their earliest start row in the whole table.`
      : `cohort "recurring": each actor belongs to every ${period} in which they have a start row.`) +
      (range.length
        ? `\nOnly cohorts starting in [${spec.since ?? 'the first row'}, ${spec.until ?? 'the last row'}) are reported.`
        : ''),
  );
  const offsets = offsetsCte(periods);
  const target = add(p('cohort_no', 'm'), p('k', 'o'));
  const returned = on
    ? cte(
        'returned',
        select({ cohort: p('cohort', 'm'), k: p('k', 'o'), actors: count() })
          .from(table('members', 'm'))
          .join(table('offsets', 'o'))
          .join(table('blocks', 'b'), {
            on: and(eq(p('actor', 'b'), p('actor', 'm')), eq(p('block', 'b'), blockOf(target))),
          })
          .where(
            gte(p('k', 'o'), 1),
            eq(bitAnd(shiftRight(p('returns', 'b'), bit(target, p('block', 'b'))), 1), 1),
          )
          .groupBy(p('cohort', 'm'), p('k', 'o')),
        `criterion "on": members with a return exactly k ${period}s after their cohort (its bit is set).`,
      )
    : cte(
        'returned',
        select({ cohort: p('cohort', 'm'), k: p('k', 'o'), actors: count() })
          .from(table('members', 'm'))
          .join(table('actors', 'a'), { on: eq(p('actor', 'a'), p('actor', 'm')) })
          .join(table('offsets', 'o'))
          .where(gte(p('k', 'o'), 1), gte(p('last_return', 'a'), target))
          .groupBy(p('cohort', 'm'), p('k', 'o')),
        `criterion "on_or_after": members whose last return is k or more ${period}s after their cohort.`,
      );
  const runStats = cte(
    'run_stats',
    select({
      rows: cast(coalesce(sum(p('n_rows')), 0), 'BIGINT'),
      ignored_rows: cast(coalesce(sum(p('n_rows'), { filter: not(kept) }), 0), 'BIGINT'),
      actors: count(undefined, { filter: kept }),
      start_rows: cast(coalesce(sum(p('n_start'), { filter: kept }), 0), 'BIGINT'),
      return_rows: cast(coalesce(sum(p('n_return'), { filter: kept }), 0), 'BIGINT'),
      first_ts: firstOrLast(ev, min(p('first_time'), { filter: kept })),
      last_ts: firstOrLast(ev, max(p('last_time'), { filter: kept })),
    }).from('actors'),
    'Counts: rows, rows ignored (actor NULL or empty), kept actors, start and return rows, first and last time',
  );
  return select(
    p('cohort', 'c'),
    p('k', 'c'),
    p('size', 'c'),
    p('retained', 'c'),
    p('left_censored', 'c'),
    ...STATS_COLUMNS.map((name) => p(name, 'r')),
  )
    .with(rows, blocks, actors, bounds, members, offsets, returned, sizesCte(), cellsCte(), runStats)
    .from(table('cells', 'c'))
    .join(table('run_stats', 'r'))
    .orderBy(asc(p('cohort', 'c')), asc(p('k', 'c'))).node;
}

/** k = 0..periods: the cells of each cohort. */
function offsetsCte(periods: number): CteNode {
  return cte(
    'offsets',
    select(column('k')).from(
      values(
        Array.from({ length: periods + 1 }, (_, i) => [i]),
        'o',
        ['k'],
      ),
    ),
    `k = 0..${periods}: the cells of each cohort.`,
  );
}

/** Cohort sizes, from `members` (actor, cohort, cohort_no). */
function sizesCte(): CteNode {
  const p = (name: string) => column(name);
  return cte(
    'sizes',
    select({ cohort: p('cohort'), cohort_no: p('cohort_no'), size: count() })
      .from('members')
      .groupBy(p('cohort'), p('cohort_no')),
    'Cohort sizes.',
  );
}

/** One cell per cohort and k, from `sizes`, `offsets`, `bounds` and `returned` (cohort, k, actors). */
function cellsCte(): CteNode {
  const p = (name: string, q?: string) => column(name, q);
  const k = p('k', 'o');
  const cohortNo = p('cohort_no', 's');
  return cte(
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
