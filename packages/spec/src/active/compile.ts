import {
  add,
  agg,
  and,
  asc,
  bitAnd,
  bitFlag,
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
  gt,
  gte,
  isNotNull,
  least,
  literal,
  lt,
  max,
  min,
  mul,
  neq,
  not,
  or,
  over,
  type QueryNode,
  rowsBetween,
  select,
  sub,
  subqueryRef,
  sum,
  table,
  unboundedPreceding,
  unionAll,
  values,
} from '@sightline/sql';
import { actorPresent, eventTime, matchesEvent } from '../metrics/index.js';
import {
  asTimestamptz,
  dateLiteral,
  eventSource,
  localPeriod,
  ordersLikeTime,
  periodFromNumber,
  periodNumber,
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
  /** Stats columns the result rows also carry (the UTC bits path; `stats` is then for an empty result). */
  statsInResult?: string[];
} {
  const bits = bitsApply(spec);
  return {
    result: bits ? bitsResultQuery(spec) : resultQuery(spec),
    histogram: bits && spec.histogram === 'week' ? bitsHistogramQuery(spec) : histogramQuery(spec),
    stats: statsQuery(spec),
    ...(bits && { statsInResult: STATS_COLUMNS }),
  };
}

/** Names of the stats columns (see compileActive). */
const STATS_COLUMNS = ['rows', 'ignored_rows', 'qualifying_rows', 'actors', 'first_day', 'last_day'];

/**
 * UTC days read straight from the stored time (not text): each actor's active days become the bits of one BIGINT
 * per block of 63 days, with no per-row calendar lookup, no (actor, day) pairs and no window over them.
 */
function bitsApply(spec: ActiveSpec): boolean {
  return spec.tz === 'UTC' && spec.events.timeKind !== 'text';
}

/** Days in a block of the bits path: 63 bits of a BIGINT (the sign bit left alone), 9 whole weeks. */
const BLOCK_DAYS = 63;
/** Blocks start on Mondays: day numbers of the bits path count from Monday 1970-01-05 (day 4 since 1970-01-01). */
const FIRST_MONDAY = 4;

/** Bits `from`..`to` (inclusive, 0 <= from <= to <= 62) of a BIGINT, as a literal. */
function bitRange(from: number, to: number): ExprNode {
  if (from > to) return literal(0n);
  return literal((1n << BigInt(to + 1)) - (1n << BigInt(from)));
}

/**
 * Each actor's active days by block of 63 days (`active_blocks`: block = floor(d / 63), bit i of `days` = day
 * 63 * block + i, where d counts days since Monday 1970-01-05), from the qualifying rows in UTC.
 *
 * `counting` (the result query): every row of the source is read and grouped, so the stats come from the same
 * grouping: rows with a NULL or empty actor form groups of their own (`kept` false), each group counts its rows
 * (`n_rows`) and qualifying rows (`n_qualifying`), and only qualifying rows set bits. Otherwise only the qualifying
 * rows on days [daysFrom, daysTo) are read.
 */
function activeBlockCtes(
  spec: ActiveSpec,
  opts: { counting: boolean; daysFrom?: string; daysTo?: string },
): CteNode[] {
  const ev = spec.events;
  const qualifies: ExprNode[] = [actorPresent(ev, 'e')];
  if (spec.event) qualifies.push(matchesEvent(ev, spec.event, 'e'));
  const d = sub(utcPeriodNumber('day', ev.timeKind, column(ev.time, 'e')), FIRST_MONDAY);
  const dayNo = (date: string) => sub(periodNumber('day', dateLiteral(date)), FIRST_MONDAY);
  if (opts.daysFrom) qualifies.push(gte(d, dayNo(opts.daysFrom)));
  if (opts.daysTo) qualifies.push(lt(d, dayNo(opts.daysTo)));
  const which = spec.event ? `rows of event "${spec.event.event.replace(/\s+/g, ' ')}"` : 'rows of any event';
  const range =
    opts.daysFrom || opts.daysTo
      ? ` on the listed days [${opts.daysFrom ?? 'first'}, ${opts.daysTo ?? 'last'})`
      : '';
  const dayWords = `day in UTC as a number d: days since Monday 1970-01-05, so a block of ${BLOCK_DAYS} days is 9 whole weeks`;
  const rows = opts.counting
    ? cte(
        'read_rows',
        select({ actor: column(ev.actor, 'e'), d, qualifies: and(...qualifies) }).from(eventSource(ev, 'e')),
        `Every row of the source, with its ${dayWords}, and whether it qualifies (${which}; rows with a NULL or\n` +
          'empty actor are ignored, only counted).',
      )
    : cte(
        'qualifying_rows',
        select({ actor: column(ev.actor, 'e'), d })
          .from(eventSource(ev, 'e'))
          .where(...qualifies),
        `Qualifying rows (${which}${range}; rows with a NULL or empty actor are ignored), with their\n${dayWords}.`,
      );
  const c = (name: string) => column(name);
  const block = cast(fn('floor', div(c('d'), BLOCK_DAYS)), 'BIGINT');
  const bit = bitFlag(cast(sub(c('d'), mul(BLOCK_DAYS, block)), 'INTEGER'));
  const blocks = cte(
    'active_blocks',
    select({
      actor: c('actor'),
      block,
      ...(opts.counting
        ? {
            kept: actorPresent({ ...ev, actor: 'actor' }),
            n_rows: count(),
            n_qualifying: count(undefined, { filter: c('qualifies') }),
            days: agg('bit_or', [bit], { filter: c('qualifies') }),
          }
        : { days: agg('bit_or', [bit]) }),
    })
      .from(opts.counting ? 'read_rows' : 'qualifying_rows')
      .groupBy(c('actor'), block),
    `Each actor's active days by block of ${BLOCK_DAYS} days (block = floor(d / ${BLOCK_DAYS})): bit i of days is day ` +
      `${BLOCK_DAYS} * block + i.` +
      (opts.counting ? '\nWith the rows and qualifying rows of each group, for the counts.' : ''),
  );
  return [rows, blocks];
}

/** DAU, WAU and MAU from each actor's day bits (`bitsApply`); the same rows as `resultQuery`. */
function bitsResultQuery(spec: ActiveSpec): QueryNode {
  const c = (name: string, q?: string) => column(name, q);
  const pairs = cte(
    'block_pairs',
    select(c('actor'), c('block'), { cur: agg('bit_or', [c('cur')]), prev: agg('bit_or', [c('prev')]) })
      .from(
        subqueryRef(
          unionAll(
            select(c('actor'), c('block'), { cur: c('days'), prev: cast(literal(0), 'BIGINT') })
              .from('active_blocks')
              .where(c('kept'), isNotNull(c('days'))),
            select(c('actor'), {
              block: add(c('block'), 1),
              cur: cast(literal(0), 'BIGINT'),
              prev: c('days'),
            })
              .from('active_blocks')
              .where(c('kept'), isNotNull(c('days'))),
          ),
          'both',
        ),
      )
      .groupBy(c('actor'), c('block')),
    "Each actor's days in a block (cur) and in the block before it (prev), kept actors only: a WAU or MAU window\n" +
      `reaches back up to ${MONTH_DAYS - 1} days, into the previous block.`,
  );
  const slotRows = Array.from({ length: BLOCK_DAYS }, (_, i) => [
    literal(i),
    bitRange(i, i),
    bitRange(Math.max(0, i - (WEEK_DAYS - 1)), i),
    bitRange(BLOCK_DAYS + i - (WEEK_DAYS - 1), BLOCK_DAYS - 1),
    bitRange(Math.max(0, i - (MONTH_DAYS - 1)), i),
    bitRange(BLOCK_DAYS + i - (MONTH_DAYS - 1), BLOCK_DAYS - 1),
  ]);
  const slots = cte(
    'slots',
    select(
      c('i'),
      ...['day_bit', 'week_cur', 'week_prev', 'month_cur', 'month_prev'].map((name) => ({
        [name]: cast(c(name), 'BIGINT'),
      })),
    ).from(values(slotRows, 's', ['i', 'day_bit', 'week_cur', 'week_prev', 'month_cur', 'month_prev'])),
    `Day i of a block: its own bit, and the bits of the ${WEEK_DAYS} and ${MONTH_DAYS} days ending on it, in the same block\n` +
      '(_cur) and in the block before (_prev).',
  );
  const hits = (cur: string, prev: string | null) => {
    const inCur = neq(bitAnd(c('cur', 'p'), c(cur, 's')), 0);
    return prev ? or(inCur, neq(bitAnd(c('prev', 'p'), c(prev, 's')), 0)) : inCur;
  };
  const dayNo = add(add(mul(BLOCK_DAYS, c('block', 'p')), c('i', 's')), FIRST_MONDAY);
  const counts = cte(
    'day_counts',
    select({
      day_no: dayNo,
      dau: count(undefined, { filter: hits('day_bit', null) }),
      wau: count(undefined, { filter: hits('week_cur', 'week_prev') }),
      mau: count(undefined, { filter: hits('month_cur', 'month_prev') }),
    })
      .from(table('block_pairs', 'p'))
      .join(table('slots', 's'))
      .groupBy(c('block', 'p'), c('i', 's')),
    'Per day of every block with activity in it or in the block before: actors active that day (DAU), in the 7 days\n' +
      'ending on it (WAU) and in the 30 (MAU), each actor once.',
  );
  const activeDay = (agg2: (x: ExprNode) => ExprNode) => periodFromNumber('day', agg2(c('day_no')));
  const firstDay = activeDay((x) => min(x, { filter: gt(c('dau'), 0) }));
  const lastDay = activeDay((x) => max(x, { filter: gt(c('dau'), 0) }));
  const bounds = cte(
    'bounds',
    select({
      first_day: firstDay,
      last_day: lastDay,
      list_from: spec.since ? dateLiteral(spec.since) : firstDay,
      list_to: spec.until ? dateLiteral(dayBefore(spec.until)) : lastDay,
    }).from('day_counts'),
    'The first and last qualifying days (first_day for "partial") and the days to list: ' +
      (spec.since || spec.until
        ? `[${spec.since ?? 'first day'}, ${spec.until ?? 'last day + 1'}).`
        : 'from the first to the last qualifying day.'),
  );
  const days = daysCte();
  const kept = c('kept');
  const total = (x: ExprNode) => cast(coalesce(x, 0), 'BIGINT');
  const runStats = cte(
    'run_stats',
    select({
      rows: total(sum(c('n_rows'))),
      ignored_rows: total(sum(c('n_rows'), { filter: not(kept) })),
      qualifying_rows: total(sum(c('n_qualifying'), { filter: kept })),
      actors: countDistinct(c('actor'), { filter: and(kept, gt(c('n_qualifying'), 0)) }),
    }).from('active_blocks'),
    'Counts: rows, rows ignored (actor NULL or empty), qualifying rows, and the actors with one',
  );
  const n = (name: string) => cast(coalesce(c(name, 'n'), 0), 'BIGINT');
  return select(
    {
      day: c('day', 'd'),
      dau: n('dau'),
      wau: n('wau'),
      mau: n('mau'),
      stickiness: caseWhen([[eq(n('mau'), 0), literal(null)]], div(n('dau'), n('mau'))),
      partial: coalesce(lt(sub(c('day', 'd'), 29), c('first_day', 'b')), literal(true)),
    },
    c('rows', 'r'),
    c('ignored_rows', 'r'),
    c('qualifying_rows', 'r'),
    c('actors', 'r'),
    c('first_day', 'b'),
    c('last_day', 'b'),
  )
    .with(...activeBlockCtes(spec, { counting: true }), pairs, slots, counts, bounds, days, runStats)
    .from(table('days', 'd'))
    .join(table('day_counts', 'n'), {
      type: 'LEFT',
      on: eq(c('day_no', 'n'), periodNumber('day', c('day', 'd'))),
    })
    .join(table('bounds', 'b'))
    .join(table('run_stats', 'r'))
    .orderBy(asc(c('day', 'd'))).node;
}

/** Weekly stickiness histogram from each actor's day bits (`bitsApply`): a block's 9 weeks are 9 runs of 7 bits. */
function bitsHistogramQuery(spec: ActiveSpec): QueryNode {
  const c = (name: string, q?: string) => column(name, q);
  const weekRows = Array.from({ length: BLOCK_DAYS / WEEK_DAYS }, (_, w) => [
    literal(w),
    ...Array.from({ length: WEEK_DAYS }, (_, j) => bitRange(w * WEEK_DAYS + j, w * WEEK_DAYS + j)),
  ]);
  const bitNames = Array.from({ length: WEEK_DAYS }, (_, j) => `bit_${j}`);
  const weeks = cte(
    'weeks',
    select(c('w'), ...bitNames.map((name) => ({ [name]: cast(c(name), 'BIGINT') }))).from(
      values(weekRows, 'w', ['w', ...bitNames]),
    ),
    'Week w of a block: the bits of its 7 days (Monday first).',
  );
  const perWeek = cte(
    'active_days',
    select({
      actor: c('actor', 'b'),
      period: periodFromNumber(
        'day',
        add(add(mul(BLOCK_DAYS, c('block', 'b')), mul(WEEK_DAYS, c('w', 'w'))), FIRST_MONDAY),
      ),
      days: bitNames
        .map((name) => caseWhen([[neq(bitAnd(c('days', 'b'), c(name, 'w')), 0), 1]], 0) as ExprNode)
        .reduce((a, b) => add(a, b)),
    })
      .from(table('active_blocks', 'b'))
      .join(table('weeks', 'w')),
    'On how many distinct days of each week (weeks start on Monday) each actor was active' +
      (spec.since || spec.until ? ', counting listed days only.' : '.'),
  );
  return select(c('period'), c('days'), { actors: count() })
    .with(
      ...activeBlockCtes(spec, { counting: false, daysFrom: spec.since, daysTo: spec.until }),
      weeks,
      perWeek,
    )
    .from('active_days')
    .where(gt(c('days'), 0))
    .groupBy(c('period'), c('days'))
    .orderBy(asc(c('period')), asc(c('days'))).node;
}

/** The CTEs that produce `activity (actor, day)`: each qualifying actor once per local day. */
function activityCtes(spec: ActiveSpec): CteNode[] {
  const ev = spec.events;
  const conds: ExprNode[] = [actorPresent(ev, 'e')];
  if (spec.event) conds.push(matchesEvent(ev, spec.event, 'e'));
  const which = spec.event ? `rows of event "${spec.event.event.replace(/\s+/g, ' ')}"` : 'rows of any event';
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
      .distinct()
      .from(table('qualifying_rows', 'r'))
      .join(table('quarter_days', 'q'), { on: eq(column('quarter', 'q'), column('quarter', 'r')) }),
    `Each actor once per calendar day (in ${spec.tz}) on which they have a qualifying row.`,
  );
  return [rows, quarterPeriodsCte('quarter_days', 'qualifying_rows', 'day', spec.tz), activity];
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
      first_day: min(c('day')),
      list_from: spec.since ? dateLiteral(spec.since) : min(c('day')),
      list_to: spec.until ? dateLiteral(dayBefore(spec.until)) : max(c('day')),
    }).from('activity'),
    'The first qualifying day (for "partial") and the days to list: ' +
      (spec.since || spec.until
        ? `[${spec.since ?? 'first day'}, ${spec.until ?? 'last day + 1'}).`
        : 'from the first to the last qualifying day.'),
  );
  const days = daysCte();
  const spans = cte(
    'spans',
    select(c('actor'), c('day'), {
      next_day: over(fn('lead', c('day')), { partitionBy: [c('actor')], orderBy: [asc(c('day'))] }),
    }).from('activity'),
    "Each actor's active days with their next active day: the actor counts in WAU from a day until 7 days later\n" +
      'or their next active day, whichever comes first (30 days for MAU), so no actor is counted twice.',
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
    .with(...activityCtes(spec), bounds, days, spans, changes, counts)
    .from(table('days', 'd'))
    .join(table('counts', 'n'), { on: eq(c('day', 'n'), c('day', 'd')) })
    .join(table('bounds', 'b'))
    .orderBy(asc(c('day', 'd'))).node;
}

/** Every listed day, from `bounds` (list_from, list_to). */
function daysCte(): CteNode {
  const c = (name: string, q?: string) => column(name, q);
  return cte(
    'days',
    select(c('day', 'd'))
      .from(table('bounds', 'b'))
      .join(dateSeries(c('list_from', 'b'), c('list_to', 'b'), { alias: 'd', column: 'day' }), {
        lateral: true,
      }),
    'Every listed calendar day, days without activity included.',
  );
}

function histogramQuery(spec: ActiveSpec): QueryNode {
  const c = (name: string) => column(name);
  const range: ExprNode[] = [];
  if (spec.since) range.push(gte(c('day'), dateLiteral(spec.since)));
  if (spec.until) range.push(lt(c('day'), dateLiteral(spec.until)));
  const perActor = cte(
    'active_days',
    select({
      actor: c('actor'),
      period: cast(dateTrunc(spec.histogram, cast(c('day'), 'TIMESTAMP')), 'DATE'),
      days: count(),
    })
      .from('activity')
      .where(...range)
      .groupBy(c('actor'), c('period')),
    `On how many distinct days of each ${spec.histogram} (weeks start on Monday) each actor was active` +
      (range.length ? ', counting listed days only.' : '.'),
  );
  return select(c('period'), c('days'), { actors: count() })
    .with(...activityCtes(spec), perActor)
    .from('active_days')
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
