import {
  add,
  and,
  type CteNode,
  caseWhen,
  cast,
  coalesce,
  count,
  countDistinct,
  cte,
  type ExprNode,
  eq,
  exactSecondsBetween,
  exists,
  gte,
  interval,
  isDistinct,
  isIn,
  isNotNull,
  isNull,
  literal,
  lte,
  not,
  or,
  percentileCont,
  type QueryNode,
  rawQuery,
  type SelectBuilder,
  select,
  star,
  subquery,
  sum,
  type TableRefNode,
  table,
  unionAll,
} from '@sightline/sql';
import { parseDuration } from '../metrics/duration.js';
import { actorPresent, eventTime, inRange, matchesEvent } from '../metrics/event-sql.js';
import type { EventTable } from '../metrics/event-table.js';
import { anyOrderCtes } from './any-order.js';
import { orderedExactCtes } from './ordered-exact.js';
import { orderedFastCtes } from './ordered-fast.js';
import type { FunnelSpec } from './schema.js';
import { bestColumns, c, type FunnelCtx, stepNumbers } from './sql-parts.js';
import { strictCtes } from './strict.js';

/** The funnel's queries: `result` (one row per breakdown group plus a total row) and `stats`. */
export interface CompiledFunnel {
  /**
   * Rows: `is_total` BOOLEAN, `group_key` (the breakdown value; NULL on the total row and for the NULL group),
   * `users_1`..`users_n` BIGINT, `median_seconds_2`..`median_seconds_n` DOUBLE (NULL when nobody converted).
   */
  result: QueryNode;
  /**
   * One row: `rows_considered`, `rows_ignored` (actor NULL or empty), `rows_without_time` (actor present but
   * time NULL: also left out), `actors_considered` (distinct actors),
   * `actors_entered` (actors with a step-1 row that may start a chain), `actors_excluded` (removed by exclusions).
   */
  stats: QueryNode;
  /**
   * The stats columns `result` also carries (the same values on every row), so one query gives both; `stats`
   * is still needed when `result` has no rows.
   */
  statsInResult: string[];
}

/** Names of the funnel's stats columns. */
const STATS_COLUMNS = [
  'rows_considered',
  'rows_ignored',
  'rows_without_time',
  'actors_considered',
  'actors_entered',
  'actors_excluded',
];

/** Compiler switches for tests and diagnosis; the defaults are what users get. */
export interface CompileFunnelOptions {
  /** `order: ordered` only: send every actor down the exact path (the fast path must give the same numbers). */
  exactOnly?: boolean;
}

/** Compiles a validated funnel spec to dialect-independent SQL trees (metrics.md section 1). */
export function compileFunnel(spec: FunnelSpec, options: CompileFunnelOptions = {}): CompiledFunnel {
  const w = parseDuration(spec.window);
  if (!w.ok) throw new Error(w.error);
  const ctx: FunnelCtx = { spec, n: spec.steps.length, window: interval(w.value, 'second') };
  const ctes: CteNode[] = [];
  const src = sourceRef(spec.events, ctes);
  ctes.push(stepRowsCte(ctx, src));
  // The plain ordered funnel (no breakdown, no exclusions, no row matching two steps) counts the rows it read in
  // the same grouping that gathers each actor's step times: the rows are read once and never stored in between.
  const countInLists =
    spec.order === 'ordered' &&
    !options.exactOnly &&
    !rowsMayMatchTwo(spec) &&
    spec.breakdown === undefined &&
    spec.exclusions.length === 0;
  if (!countInLists) ctes.push(eventsCte());
  if (countInLists) {
    ctes.push(
      ...orderedFastCtes(ctx, 'read_rows', false, { countRows: true }),
      aliasCte('best', 'best_fast'),
    );
  } else if (spec.order === 'any') {
    ctes.push(...anyOrderCtes(ctx, 'events'), aliasCte('best', 'best_any'));
  } else if (spec.order === 'strict') {
    ctes.push(...strictCtes(ctx, 'events'), aliasCte('best', 'best_strict'));
    if (spec.exclusions.length) {
      ctes.push(exclusionRowsCte(ctx, [select(...exclusionCols(ctx, c('p'))).from('step_rows')]));
    }
  } else if (options.exactOnly) {
    ctes.push(...orderedExactCtes(ctx, 'events'), aliasCte('best', 'best_exact'));
    if (spec.exclusions.length) {
      ctes.push(exclusionRowsCte(ctx, [select(...exclusionCols(ctx, c('p'))).from('step_rows')]));
    }
  } else if (!rowsMayMatchTwo(spec)) {
    ctes.push(...orderedFastCtes(ctx, 'events', false), aliasCte('best', 'best_fast'));
    if (spec.exclusions.length) {
      ctes.push(exclusionRowsCte(ctx, [select(...exclusionCols(ctx, cast(null, 'BIGINT'))).from('events')]));
    }
  } else {
    const exact = (yes: boolean) => {
      const q = exists(
        select(literal(1))
          .from(table('fast_lists', 'l'))
          .where(eq(c('actor', 'l'), c('actor', 'events')), eq(c('needs_exact', 'l'), 1)),
      );
      return yes ? q : not(q);
    };
    ctes.push(...orderedFastCtes(ctx, 'events', true));
    ctes.push(
      cte(
        'exact_events',
        select(star()).from('events').where(exact(true)),
        'Rows of the actors on the exact path',
      ),
    );
    ctes.push(...orderedExactCtes(ctx, 'exact_events'));
    const both = unionAll(
      select(...bestColumns(ctx.n)).from('best_fast'),
      select(...bestColumns(ctx.n)).from('best_exact'),
    );
    ctes.push(cte('best', both, "Each actor's best chain, from whichever path the actor took"));
    if (spec.exclusions.length) {
      ctes.push(
        exclusionRowsCte(ctx, [
          select(...exclusionCols(ctx, cast(null, 'BIGINT')))
            .from('events')
            .where(exact(false)),
          select(...exclusionCols(ctx, c('p'))).from('step_rows'),
        ]),
      );
    }
  }
  if (spec.exclusions.length) ctes.push(excludedCte(ctx));
  ctes.push(funnelActorsCte(ctx), countInLists ? listStatsCte() : runStatsCte(ctx));
  return {
    result: resultQuery(ctx, ctes),
    stats: select(...STATS_COLUMNS.map((name) => c(name)))
      .with(...ctes)
      .from('run_stats').node,
    statsInResult: STATS_COLUMNS,
  };
}

/** True when one row may match two steps, or a step and an exclusion (steps or exclusions sharing an event). */
function rowsMayMatchTwo(spec: FunnelSpec): boolean {
  const names = spec.steps.map((s) => s.event);
  return new Set(names).size < names.length || spec.exclusions.some((x) => names.includes(x.event));
}

function sourceRef(events: EventTable, ctes: CteNode[]): TableRefNode {
  const s = events.source;
  if ('sql' in s) {
    ctes.push(cte('source', rawQuery(s.sql), 'The event rows, from the query given as the source'));
    return table('source');
  }
  return s.schema === undefined ? table(s.table) : table([s.schema, s.table]);
}

function aliasCte(name: string, of: string): CteNode {
  return cte(name, select(star()).from(of), `Each actor's best chain (${of})`);
}

/**
 * The rows the funnel reads (every row for strict order, otherwise the rows naming a step or exclusion event), with
 * whether their actor counts (`kept`) and their time is known (`has_time`): the stats count these rows, and
 * `events` keeps the usable ones.
 */
function stepRowsCte(ctx: FunnelCtx, src: TableRefNode): CteNode {
  const { spec } = ctx;
  const ev = spec.events;
  const flags: Record<string, ExprNode> = {};
  spec.steps.forEach((s, i) => {
    flags[`s_${i + 1}`] = coalesce(matchesEvent(ev, s), false);
  });
  spec.exclusions.forEach((x, i) => {
    flags[`x_${i + 1}`] = coalesce(matchesEvent(ev, x), false);
  });
  const time = eventTime(ev);
  const range = inRange(time, spec);
  // A naive TIMESTAMP means UTC (metrics.md section 0): compared and subtracted as it is stored, it orders and
  // measures exactly like its TIMESTAMPTZ value, without a time-zone conversion per row. Only since/until, which
  // are instants, read the converted value.
  const ts = ev.timeKind === 'timestamp' ? c(ev.time) : time;
  let q = select({
    actor: c(ev.actor),
    ts,
    event_name: cast(c(ev.event), 'TEXT'),
    tiebreak: spec.tiebreak === undefined ? literal(null) : c(spec.tiebreak),
    bval: spec.breakdown === undefined ? literal(null) : c(spec.breakdown),
    in_range: range === null ? literal(true) : coalesce(range, false),
    ...flags,
    // Every time conversion keeps NULL as NULL (and fails on bad text), so the stored column says whether the time
    // is known.
    kept: actorPresent(ev),
    has_time: isNotNull(c(ev.time)),
  }).from(src);
  if (spec.order !== 'strict') {
    // The event names first, before anything costlier per row, as a list DuckDB matches as a table (a hash join
    // whose filter reaches the scan: 40 ms instead of 65 at 10M rows); PostgreSQL is faster with the plain list.
    const names = [...new Set([...spec.steps, ...spec.exclusions].map((m) => m.event))];
    q = q.where(
      isIn(
        // As text, as the names are: a text column is read as it is, any other is compared by its text.
        cast(c(ev.event), 'TEXT'),
        names.map((name) => literal(name)),
        { asTable: true },
      ),
    );
    const filtered = [...spec.steps, ...spec.exclusions].some((m) => m.filters.length > 0);
    if (filtered) q = q.where(or(...Object.values(flags)));
  }
  const what =
    spec.order === 'strict'
      ? 'every row of every actor (strict order looks at the row right after each step)'
      : 'the rows that match a step or an exclusion';
  return cte(
    'read_rows',
    q,
    `The rows the funnel reads: ${what}.\n` +
      's_k: the row matches step k; in_range: the row may start the funnel (since/until); kept: its actor is\n' +
      'neither NULL nor empty; has_time: its time is known.',
  );
}

/** The usable rows: actor set and time known (the others are only counted, in run_stats). */
function eventsCte(): CteNode {
  return cte(
    'events',
    select(star()).from('read_rows').where(c('kept'), c('has_time')),
    'The rows whose actor is neither NULL nor empty and whose time is known.',
  );
}

function exclusionCols(ctx: FunnelCtx, p: ExprNode) {
  return [c('actor'), c('ts'), { p }, ...ctx.spec.exclusions.map((_, i) => c(`x_${i + 1}`))];
}

function exclusionRowsCte(ctx: FunnelCtx, parts: SelectBuilder[]): CteNode {
  const any = or(...ctx.spec.exclusions.map((_, i) => c(`x_${i + 1}`)));
  const filtered = parts.map((q) => q.where(any));
  const q = filtered.length === 1 ? filtered[0]!.node : unionAll(...filtered);
  return cte('exclusion_rows', q, 'Rows of an excluded event (p: row number on the exact and strict paths)');
}

function excludedCte(ctx: FunnelCtx): CteNode {
  const { spec, n } = ctx;
  const rules = spec.exclusions.map((x, i) =>
    and(
      c(`x_${i + 1}`, 'x'),
      gte(c('depth', 'b'), x.from),
      gte(c('ts', 'x'), c(`t_${x.from}`, 'b')),
      lte(
        c('ts', 'x'),
        caseWhen([[gte(c('depth', 'b'), x.to), c(`t_${x.to}`, 'b')]], add(c('t_1', 'b'), ctx.window)),
      ),
    ),
  );
  const notInChain = or(
    isNull(c('p', 'x')),
    and(...stepNumbers(n).map((k) => isDistinct(c('p', 'x'), c(`p_${k}`, 'b')))),
  );
  const q = select(c('actor', 'b'))
    .distinct()
    .from(table('best', 'b'))
    .join(table('exclusion_rows', 'x'), {
      on: and(eq(c('actor', 'x'), c('actor', 'b')), or(...rules), notInChain),
    });
  const list = spec.exclusions.map((x) => `${x.event}:${x.from}:${x.to}`).join(', ');
  return cte(
    'excluded',
    q,
    `Exclusions (${list}): actors with such a row, not in their best chain, between step FROM and step TO\n(or up to the end of the window when the chain stopped in between)`,
  );
}

function funnelActorsCte(ctx: FunnelCtx): CteNode {
  const gaps = Object.fromEntries(
    stepNumbers(ctx.n)
      .slice(1)
      .map((k) => [
        `gap_${k}`,
        caseWhen([[gte(c('depth'), k), exactSecondsBetween(c(`t_${k - 1}`), c(`t_${k}`))]]),
      ]),
  );
  const kept = select(literal(1))
    .from(table('excluded', 'e'))
    .where(eq(c('actor', 'e'), c('actor', 'best')));
  const q = select(c('actor'), c('bval'), c('depth'), gaps)
    .from('best')
    .where(...(ctx.spec.exclusions.length ? [not(exists(kept))] : []));
  return cte(
    'funnel_actors',
    q,
    'Actors in the funnel (not excluded): their depth, breakdown value and seconds between consecutive steps',
  );
}

function aggregates(ctx: FunnelCtx): Record<string, ExprNode> {
  const out: Record<string, ExprNode> = {};
  for (const k of stepNumbers(ctx.n)) out[`users_${k}`] = count(undefined, { filter: gte(c('depth'), k) });
  for (const k of stepNumbers(ctx.n).slice(1))
    out[`median_seconds_${k}`] = percentileCont(0.5, c(`gap_${k}`));
  return out;
}

function resultQuery(ctx: FunnelCtx, ctes: CteNode[]): QueryNode {
  const total = select({ is_total: literal(true), group_key: literal(null), ...aggregates(ctx) }).from(
    'funnel_actors',
  );
  const groups = select({ is_total: literal(false), group_key: c('bval'), ...aggregates(ctx) })
    .from('funnel_actors')
    .groupBy(c('bval'));
  const funnelRows = cte(
    'funnel_rows',
    ctx.spec.breakdown === undefined ? total.node : unionAll(groups, total),
    ctx.spec.breakdown === undefined
      ? 'Users reaching each step and the median seconds between steps'
      : 'Users reaching each step and the median seconds between steps, per breakdown group and in total',
  );
  return select(star('f'), star('s'))
    .with(...ctes, funnelRows)
    .from(table('funnel_rows', 'f'))
    .join(table('run_stats', 's')).node;
}

/** The counts of runStatsCte, from the per-actor counts of `fast_lists` (see orderedFastCtes' countRows). */
function listStatsCte(): CteNode {
  const kept = c('kept');
  const q = select({
    rows_considered: cast(coalesce(sum(c('n_rows'), { filter: kept }), 0), 'BIGINT'),
    rows_ignored: cast(coalesce(sum(c('n_rows'), { filter: not(kept) }), 0), 'BIGINT'),
    rows_without_time: cast(coalesce(sum(c('n_without_time'), { filter: kept }), 0), 'BIGINT'),
    actors_considered: count(undefined, { filter: kept }),
    actors_entered: subquery(select(count()).from('best')),
    actors_excluded: literal(0),
  }).from('fast_lists');
  return cte(
    'run_stats',
    q,
    'Counts: rows read (actor set), rows ignored (actor NULL or empty) and left out (time unknown); actors read and\n' +
      'actors who entered (a step-1 row could start a chain)',
  );
}

/**
 * One row of counts (CompiledFunnel.stats): the rows read and why some were left out, the actors among them, those
 * who entered (a chain could start) and those removed by exclusions.
 */
function runStatsCte(ctx: FunnelCtx): CteNode {
  const kept = c('kept');
  const q = select({
    rows_considered: count(undefined, { filter: kept }),
    rows_ignored: count(undefined, { filter: not(kept) }),
    rows_without_time: count(undefined, { filter: and(kept, not(c('has_time'))) }),
    actors_considered: countDistinct(c('actor'), { filter: kept }),
    actors_entered: subquery(select(count()).from('best')),
    actors_excluded: ctx.spec.exclusions.length ? subquery(select(count()).from('excluded')) : literal(0),
  }).from('read_rows');
  return cte(
    'run_stats',
    q,
    'Counts: rows read (actor set), rows ignored (actor NULL or empty) and left out (time unknown); actors read,\n' +
      'actors who entered (a step-1 row could start a chain) and actors excluded',
  );
}
