import {
  add,
  agg,
  and,
  asc,
  between,
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
  div,
  type ExprNode,
  epochMicros,
  eq,
  filter,
  fn,
  gt,
  gte,
  intDiv,
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
  shiftRight,
  sub,
  sum,
  table,
  values,
} from '@sightline/sql';
import { actorPresent, type EventMatch, matchesEvent } from '../metrics/index.js';
import {
  asTimestamptz,
  dateLiteral,
  eventSource,
  localPeriod,
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
 * actors), `start_rows`, `return_rows` (kept rows matching each).
 */
export function compileRetention(
  spec: RetentionSpec,
  hints: RetentionHints = {},
): {
  result: QueryNode;
  stats: QueryNode;
  /** Stats columns the result rows also carry (set when one query gives both; `stats` is for an empty result). */
  statsInResult?: string[];
} {
  if (onePassApplies(spec)) {
    const mask = hints.periodSpan !== undefined && hints.periodSpan <= BLOCK;
    return {
      result: onePassQuery(spec, spec.period as 'day' | 'week', mask),
      stats: statsQuery(spec),
      statsInResult: STATS_COLUMNS,
    };
  }
  return { result: resultQuery(spec), stats: statsQuery(spec) };
}

/** Names of the stats columns (see compileRetention). */
const STATS_COLUMNS = ['rows', 'ignored_rows', 'actors', 'start_rows', 'return_rows'];

function describeMatch(m: EventMatch | 'any'): string {
  if (m === 'any') return 'any event';
  const n = m.filters.length;
  return `event "${m.event.replace(/\s+/g, ' ')}"${n ? ` with ${n} filter${n > 1 ? 's' : ''}` : ''}`;
}

function isReturnExpr(spec: RetentionSpec): ExprNode {
  return spec.return === 'any' ? literal(true) : matchesEvent(spec.events, spec.return, 'e');
}

function resultQuery(spec: RetentionSpec): QueryNode {
  const { period, periods } = spec;
  const p = (name: string, q?: string) => column(name, q);
  // Days and weeks in UTC go through onePassQuery; this is the calendar lookup for the rest.
  const [keptRows, ...periodCtes] = localPeriodCtes(spec);

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
 * Facts about the data a compiler may use to pick a faster query for it. Each must hold when the query runs (the
 * engine reads them just before); a query built on one checks it where a wrong answer could otherwise follow.
 */
export interface RetentionHints {
  /**
   * How many periods (UTC days or weeks, as `spec.period`) the source's rows span, first to last, counting every
   * row. At most 63 lets each actor's periods fit in one BIGINT of bits (a bit past 62 is an error in every
   * dialect, so rows added since the hint was read make the query fail, never answer wrongly).
   */
  periodSpan?: number;
}

/**
 * The query that reads `RetentionHints` from the source (one row: `period_span`), or null when no hint applies.
 * Cheap on a DuckDB table (the first and last time come from its statistics); elsewhere a scan, unless the time
 * column is indexed.
 */
export function retentionHintQuery(spec: RetentionSpec): QueryNode | null {
  if (!onePassApplies(spec) || 'sql' in spec.events.source) return null;
  const { events: ev, period } = spec;
  const periodOf = (x: ExprNode) => utcPeriodNumber(period as 'day' | 'week', ev.timeKind, x);
  const t = column(ev.time, 'e');
  return select({ period_span: add(sub(periodOf(max(t)), periodOf(min(t))), 1) }).from(eventSource(ev, 'e'))
    .node;
}

function onePassApplies(spec: RetentionSpec): boolean {
  return spec.tz === 'UTC' && spec.period !== 'month' && spec.events.timeKind !== 'text';
}

/**
 * Retention by day or week in UTC in one pass over the rows. Each row's period number comes straight from its time,
 * and one grouping gathers the row counts, the first and last time, the earliest start and the periods with a
 * return as bits of a BIGINT: by actor alone when the whole table spans at most 63 periods (`mask`: bit i = i
 * periods after the table's first), else by actor and block of 63 periods. Every later step works on those few rows
 * per actor, and the stats come with the result. Same columns as `resultQuery`, plus the stats columns.
 */
function onePassQuery(spec: RetentionSpec, period: 'day' | 'week', mask: boolean): QueryNode {
  const { periods, events: ev } = spec;
  const p = (name: string, q?: string) => column(name, q);
  const firstTime = spec.cohort === 'first_time';
  const on = spec.criterion === 'on';
  const periodOf = (time: ExprNode) => utcPeriodNumber(period, ev.timeKind, time);
  // Shift amounts are INTEGER: PostgreSQL shifts a BIGINT by an INTEGER only.
  const int = (x: ExprNode) => cast(x, 'INTEGER');
  const ctes: CteNode[] = [];
  // Timestamps count periods in whole microseconds from the first period's start (never negative, so integer
  // division is floor division); epoch numbers subtract period numbers.
  const micros = mask && (ev.timeKind === 'timestamp' || ev.timeKind === 'timestamptz');
  const periodMicros = (period === 'day' ? 1 : 7) * 86_400_000_000;
  if (mask) {
    const base = periodOf(min(column(ev.time, 'e')));
    const baseStart = period === 'day' ? base : sub(mul(base, 7), 3);
    ctes.push(
      cte(
        'first_row',
        select({
          base,
          ...(micros && { base_us: mul(baseStart, 86_400_000_000) }),
        }).from(eventSource(ev, 'e')),
        `The ${period} of the first row of the table${micros ? ` (base_us: its start in microseconds since 1970)` : ''}: period numbers below\n` +
          `count from it (the table spans at most ${BLOCK} ${period}s).`,
      ),
    );
  }
  const rowPeriod = micros
    ? intDiv(sub(epochMicros(column(ev.time, 'e')), p('base_us', 'f')), periodMicros)
    : periodOf(column(ev.time, 'e'));
  const rows = select({
    actor: column(ev.actor, 'e'),
    period_no: mask && !micros ? sub(rowPeriod, p('base', 'f')) : rowPeriod,
    is_start: matchesEvent(ev, spec.start, 'e'),
    ...(spec.return === 'any' ? {} : { is_return: isReturnExpr(spec) }),
  }).from(eventSource(ev, 'e'));
  const periodWords = period === 'day' ? 'days since 1970-01-01' : 'weeks since the Monday before 1970-01-01';
  ctes.push(
    cte(
      'all_rows',
      mask ? rows.join(table('first_row', 'f')) : rows,
      (mask
        ? `Every row with its ${period} in UTC as a number counted from the first row's ${period} (0, 1, ...),\n`
        : `Every row with its ${period} in UTC as a number (${periodWords}),\n`) +
        `and whether it can start a cohort (${describeMatch(spec.start)}) or count as a return (${describeMatch(spec.return)}).`,
    ),
  );
  const isStart = p('is_start');
  const isReturn = p('is_return');
  const periodNo = p('period_no');
  const blockOf = (n: ExprNode) => cast(fn('floor', div(n, BLOCK)), 'BIGINT');
  const bitOf = (n: ExprNode, block: ExprNode) => int(sub(n, mul(BLOCK, block)));
  // Any row returns when the return event is "any": no filter to test then.
  const anyReturn = spec.return === 'any';
  const flag = (filterBy: ExprNode | null) =>
    agg(
      'bit_or',
      [bitFlag(mask ? periodNo : bitOf(periodNo, blockOf(periodNo)))],
      filterBy ? { filter: filterBy } : {},
    );
  const bitWords = mask ? `bit i = ${period} i` : `bit i = ${period} ${BLOCK} * block + i`;
  // The periods with any row, for the first and last period of the data: the return bits already are when every
  // row returns and the criterion keeps them; otherwise one more set of bits.
  const seenIsReturns = on && anyReturn;
  const seenCol = seenIsReturns ? 'returns' : 'seen';
  const facts = {
    n_rows: count(),
    n_start: count(undefined, { filter: isStart }),
    ...(spec.return === 'any' ? {} : { n_return: count(undefined, { filter: isReturn }) }),
    ...(seenIsReturns ? {} : { seen: flag(null) }),
    ...(firstTime ? { first_start: min(periodNo, { filter: isStart }) } : { starts: flag(isStart) }),
    ...(on
      ? { returns: flag(anyReturn ? null : isReturn) }
      : { last_return: max(periodNo, anyReturn ? {} : { filter: isReturn }) }),
  };
  const what =
    `${seenIsReturns ? '' : `the ${period}s with any row (${bitWords}), `}` +
    `${firstTime ? `the earliest start ${period}` : `the ${period}s with a start row (${bitWords})`} and ` +
    `${on ? `the ${period}s with a return row (${bitWords})` : `the last ${period} with a return row`}.\n` +
    'Rows with a NULL or empty actor make groups of their own, only counted.';
  const keptExpr = actorPresent({ ...ev, actor: 'actor' });
  if (mask) {
    ctes.push(
      cte(
        'actors',
        select({ actor: p('actor'), kept: keptExpr, ...facts })
          .from('all_rows')
          .groupBy(p('actor')),
        `Each actor once, and whether their rows count (actor neither NULL nor empty): row counts,\n${what}`,
      ),
    );
  } else {
    ctes.push(
      cte(
        'blocks',
        select({ actor: p('actor'), block: blockOf(periodNo), ...facts })
          .from('all_rows')
          .groupBy(p('actor'), blockOf(periodNo)),
        `Each actor's rows by block of ${BLOCK} ${period}s (block = floor(${period} / ${BLOCK})): row counts,\n${what}`,
      ),
      cte(
        'actors',
        select({
          actor: p('actor'),
          kept: keptExpr,
          n_rows: sum(p('n_rows')),
          n_start: sum(p('n_start')),
          ...(spec.return === 'any' ? {} : { n_return: sum(p('n_return')) }),
          ...(firstTime ? { first_start: min(p('first_start')) } : {}),
          ...(on ? {} : { last_return: max(p('last_return')) }),
        })
          .from('blocks')
          .groupBy(p('actor')),
        'Each actor once, and whether their rows count (actor neither NULL nor empty).',
      ),
    );
  }
  const kept = p('kept');
  // With `mask`, period numbers count from the table's first period: joined to first_row (f), `absolute` puts them
  // back on the common scale (days or weeks since 1970).
  const withBase = (q: SelectBuilder) => (mask ? q.join(table('first_row', 'f')) : q);
  const absolute = (x: ExprNode) => (mask ? add(p('base', 'f'), x) : x);
  // The lowest and highest set bit of the kept rows' periods, gathered per block (one block when `mask`).
  const i = p('i', 'o');
  const bitsSeen = select(...(mask ? [] : [p('block')]), { m: agg('bit_or', [p(seenCol)]) })
    .from(mask ? 'actors' : 'blocks')
    .where(mask ? kept : actorPresent({ ...ev, actor: 'actor' }));
  const periodAt = absolute(mask ? i : add(mul(BLOCK, p('block', 's')), i));
  ctes.push(
    cte(
      'bounds',
      withBase(
        select({ first_period: min(periodAt), last_period: max(periodAt) })
          .from((mask ? bitsSeen : bitsSeen.groupBy(p('block'))).as('s'))
          .join(bitValues(), { on: hasBit(p('m', 's'), int(i)) }),
      ),
      `The first and the last ${period} with a kept row (the lowest and highest bit set in any kept actor's ${period}s):\n` +
        `a cell is complete only when the ${period} after it has started by the last timestamp.`,
    ),
  );
  let starts: SelectBuilder;
  if (firstTime) {
    starts = withBase(
      select(
        p('actor', 'a'),
        { cohort_no: absolute(p('first_start', 'a')) },
        ...(mask && on ? [p('returns', 'a')] : []),
        ...(on ? [] : [{ last_return: absolute(p('last_return', 'a')) }]),
      ).from(table('actors', 'a')),
    ).where(p('kept', 'a'), isNotNull(p('first_start', 'a')));
  } else {
    // Every set bit of the start flags is a cohort of the actor.
    const from = mask ? 'actors' : 'blocks';
    starts = withBase(
      select(
        p('actor', 'a'),
        { cohort_no: absolute(mask ? i : add(mul(BLOCK, p('block', 'a')), i)) },
        ...(mask && on ? [p('returns', 'a')] : []),
        // A block has no last return of the actor's: that is in `actors` (a itself when grouped by actor alone).
        ...(on ? [] : [{ last_return: absolute(p('last_return', mask ? 'a' : 'x')) }]),
      )
        .from(table(from, 'a'))
        .join(bitValues(), { on: hasBit(p('starts', 'a'), int(i)) }),
    );
    if (!on && !mask)
      starts = starts.join(table('actors', 'x'), { on: eq(p('actor', 'x'), p('actor', 'a')) });
    starts = starts.where(actorPresent({ ...ev, actor: 'actor' }, 'a'), isNotNull(p('starts', 'a')));
  }
  const range: ExprNode[] = [];
  const cohortDate = periodFromNumber(period, p('cohort_no'));
  if (spec.since) range.push(gte(cohortDate, dateLiteral(spec.since)));
  if (spec.until) range.push(lt(cohortDate, dateLiteral(spec.until)));
  ctes.push(
    cte(
      'members',
      select(
        p('actor', 's'),
        { cohort: cohortDate },
        p('cohort_no', 's'),
        ...(mask && on ? [p('returns', 's')] : []),
        ...(on ? [] : [p('last_return', 's')]),
      )
        .from(starts.as('s'))
        .where(...range),
      (firstTime
        ? `cohort "first_time": each actor belongs to the ${period} of their earliest start row in the whole table.`
        : `cohort "recurring": each actor belongs to every ${period} in which they have a start row.`) +
        (range.length
          ? `\nOnly cohorts starting in [${spec.since ?? 'the first row'}, ${spec.until ?? 'the last row'}) are reported.`
          : ''),
    ),
    offsetsCte(periods),
  );
  const target = add(p('cohort_no', 'm'), p('k', 'o'));
  let returned: SelectBuilder = select({ cohort: p('cohort', 'm'), k: p('k', 'o'), actors: count() })
    .from(table('members', 'm'))
    .join(table('offsets', 'o'));
  if (!on) {
    returned = returned.where(gte(p('k', 'o'), 1), gte(p('last_return', 'm'), target));
  } else if (mask) {
    // Bit (cohort + k - base); past bit 62 no row exists, so nothing is set there.
    const shift = sub(target, p('base', 'f'));
    returned = returned
      .join(table('first_row', 'f'))
      .where(
        gte(p('k', 'o'), 1),
        caseWhen([[lte(shift, BLOCK - 1), hasBit(p('returns', 'm'), int(shift))]], false),
      );
  } else {
    returned = returned
      .join(table('blocks', 'b'), {
        on: and(eq(p('actor', 'b'), p('actor', 'm')), eq(p('block', 'b'), blockOf(target))),
      })
      .where(gte(p('k', 'o'), 1), hasBit(p('returns', 'b'), bitOf(target, p('block', 'b'))));
  }
  ctes.push(
    cte(
      'returned',
      returned.groupBy(p('cohort', 'm'), p('k', 'o')),
      on
        ? `criterion "on": members with a return exactly k ${period}s after their cohort (its bit is set).`
        : `criterion "on_or_after": members whose last return is k or more ${period}s after their cohort.`,
    ),
    sizesCte(),
    cellsCte(),
    cte(
      'run_stats',
      select({
        rows: cast(coalesce(sum(p('n_rows')), 0), 'BIGINT'),
        ignored_rows: cast(coalesce(sum(p('n_rows'), { filter: not(kept) }), 0), 'BIGINT'),
        actors: count(undefined, { filter: kept }),
        start_rows: cast(coalesce(sum(p('n_start'), { filter: kept }), 0), 'BIGINT'),
        return_rows: cast(
          coalesce(sum(p(spec.return === 'any' ? 'n_rows' : 'n_return'), { filter: kept }), 0),
          'BIGINT',
        ),
      }).from('actors'),
      'Counts: rows, rows ignored (actor NULL or empty), kept actors, start and return rows',
    ),
  );
  return select(
    p('cohort', 'c'),
    p('k', 'c'),
    p('size', 'c'),
    p('retained', 'c'),
    p('left_censored', 'c'),
    ...STATS_COLUMNS.map((name) => p(name, 'r')),
  )
    .with(...ctes)
    .from(table('cells', 'c'))
    .join(table('run_stats', 'r'))
    .orderBy(asc(p('cohort', 'c')), asc(p('k', 'c'))).node;
}

/** True when bit `bit` of the BIGINT `bits` is set. */
function hasBit(bits: ExprNode, bit: ExprNode): ExprNode {
  return eq(bitAnd(shiftRight(bits, bit), 1), 1);
}

/** Bit numbers 0..62 (`o`.`i`), to list the set bits of a BIGINT of periods. */
function bitValues() {
  return values(
    Array.from({ length: BLOCK }, (_, n) => [n]),
    'o',
    ['i'],
  );
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

function statsQuery(spec: RetentionSpec): QueryNode {
  const ev = spec.events;
  const kept = column('kept');
  const all = cte(
    'all_rows',
    select({
      actor: column(ev.actor, 'e'),
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
  })
    .with(all)
    .from('all_rows').node;
}
