import {
  add,
  and,
  arrayAgg,
  asc,
  bytewise,
  type CteNode,
  caseWhen,
  cast,
  count,
  countDistinct,
  cte,
  type ExprNode,
  eq,
  fn,
  gte,
  isNotNull,
  listMinAbove,
  listMinAtLeast,
  literal,
  lte,
  max,
  min,
  or,
  over,
  select,
  sub,
  subquery,
  table,
} from '@sightline/sql';
import { actorPresent } from '../metrics/event-sql.js';
import { c, type FunnelCtx, star, stepNumbers } from './sql-parts.js';

/**
 * The fast path of `order: ordered`, for actors none of whose rows matches two steps (or a step and an exclusion).
 * Then a row never competes for two steps, and from each start the chain that takes, step after step, the first
 * row at or after the previous step's time is the deepest and the lexicographically smallest. Each actor's step
 * times are gathered in one list per step (a hash aggregate, no sort), and each start walks them: step k's time
 * is the smallest element of list k at or after step k-1's time. Greedy times never decrease with the start's
 * time, so among the deepest starts the earliest has the smallest times of all.
 * Ends with the CTE `best_fast` (columns of `bestColumns`, row numbers p NULL).
 */
export function orderedFastCtes(
  ctx: FunnelCtx,
  from: string,
  multiStep: boolean,
  opts: { countRows?: boolean } = {},
): CteNode[] {
  const { n, spec } = ctx;
  const later = stepNumbers(n).slice(1);
  // Without a breakdown a start is just its time: starts come from the same aggregate (one pass over the rows).
  const startsInList = spec.breakdown === undefined;
  // countRows: `from` holds every row read (actor or time possibly missing, see `kept`/`has_time`); the grouping
  // also counts them, so the stats need no second look at the rows. Only usable rows enter the lists.
  // A NULL time in a step list is never chosen (no NULL is at or after a time) and min skips it, so only the list
  // of starts must leave rows without a time out; the rest filter on the step alone (cheaper per row).
  const counting = opts.countRows === true;
  const usable = (x: ExprNode) => (counting ? and(x, c('has_time')) : x);
  const lists = select(c('actor'), {
    ...(counting && {
      kept: actorPresent({ ...spec.events, actor: 'actor' }),
      n_rows: count(),
      n_without_time: sub(count(), count(c('ts'))),
    }),
    ...Object.fromEntries(later.map((k) => [`l_${k}`, arrayAgg(c('ts'), { filter: c(`s_${k}`) })])),
    first_ts: min(c('ts'), { filter: and(c('s_1'), c('in_range')) }),
    // Every start is needed only under any_entry; first_entry starts from first_ts.
    ...(startsInList &&
      spec.anchor === 'any_entry' && {
        starts: arrayAgg(c('ts'), { filter: usable(and(c('s_1'), c('in_range'))) }),
      }),
    ...(multiStep && {
      multi: max(caseWhen([[gte(stepCount(n), 2), 1]], 0)),
      needs_exact: caseWhen([[needsExact(ctx), 1]], 0),
    }),
  })
    .from(from)
    .groupBy(c('actor'));
  const out: CteNode[] = [
    cte(
      'fast_lists',
      lists,
      multiStep
        ? "Fast path: each actor's times of the rows matching steps 2..n, one list per step; whether a row matches\nseveral steps (multi) and whether the actor needs the exact path (needs_exact)"
        : "Fast path: each actor's times of the rows matching steps 2..n, one list per step",
    ),
  ];
  const starts = startsInList
    ? startsFromLists(ctx, multiStep, counting)
    : startsFromRows(ctx, from, multiStep);
  out.push(
    cte(
      'fast_step_1',
      starts,
      spec.anchor === 'first_entry'
        ? "Fast path, step 1 (anchor first_entry): the actor's first step-1 row(s) inside [since, until)"
        : 'Fast path, step 1: every step-1 row inside [since, until) may start a chain',
    ),
  );
  const carried = (k: number) => [
    c('actor'),
    c('bval'),
    c('tiebreak'),
    c('event_name'),
    ...stepNumbers(k - 1).map((j) => c(`t_${j}`)),
    ...later.filter((j) => j > k).map((j) => c(`l_${j}`)),
    ...(multiStep ? [c('multi')] : []),
  ];
  for (const k of later) {
    const q = select(...carried(k), { [`t_${k}`]: nextTime(k, multiStep) }).from(`fast_step_${k - 1}`);
    out.push(
      cte(`fast_step_${k}`, q, `Fast path, step ${k}: the first step-${k} time at or after step ${k - 1}`),
    );
  }
  const inWindow = (k: number) => lte(c(`t_${k}`), add(c('t_1'), ctx.window));
  const depth = later
    .map((k) => caseWhen([[inWindow(k), 1]], 0) as ExprNode)
    .reduce((a, b) => add(a, b), literal(1));
  const chains = select(c('actor'), c('bval'), c('tiebreak'), c('event_name'), c('t_1'), {
    depth,
    ...Object.fromEntries(later.map((k) => [`t_${k}`, caseWhen([[inWindow(k), c(`t_${k}`)]])])),
  }).from(`fast_step_${n}`);
  out.push(
    cte('fast_chains', chains, 'Fast path: the depth of each chain; steps later than the window are dropped'),
  );
  let top = 'fast_chains';
  if (spec.anchor === 'any_entry') {
    const deepest = select(
      c('actor', 'f'),
      c('bval', 'f'),
      c('tiebreak', 'f'),
      c('event_name', 'f'),
      c('depth', 'f'),
      ...stepNumbers(n).map((k) => c(`t_${k}`, 'f')),
    )
      .from(table('fast_chains', 'f'))
      .join(
        select(c('actor'), { best_depth: max(c('depth')) })
          .from('fast_chains')
          .groupBy(c('actor'))
          .as('d'),
        { on: and(eq(c('actor', 'd'), c('actor', 'f')), eq(c('depth', 'f'), c('best_depth', 'd'))) },
      );
    out.push(cte('fast_deepest', deepest, "Fast path (anchor any_entry): each actor's deepest chains"));
    top = 'fast_deepest';
  }
  // first_entry without a breakdown has one chain per actor already (from its first_ts): nothing to choose.
  const oneChainEach = startsInList && spec.anchor === 'first_entry';
  const best =
    spec.breakdown === undefined ? bestByAggregate(ctx, top, oneChainEach) : bestByRowOrder(ctx, top);
  out.push(
    cte(
      'best_fast',
      best,
      spec.anchor === 'first_entry'
        ? "Fast path: each actor's chain from its first step-1 row in row order (anchor first_entry)"
        : "Fast path: each actor's best chain: the deepest, then the earliest start (then the first in row order)",
    ),
  );
  return out;
}

/**
 * Without a breakdown the chosen start's row does not matter: its depth and (smallest) times are aggregates, or the
 * chain itself when each actor has one.
 */
function bestByAggregate(ctx: FunnelCtx, top: string, oneChainEach: boolean) {
  const q = select(c('actor'), {
    bval: literal(null),
    depth: oneChainEach ? c('depth') : max(c('depth')),
    ...Object.fromEntries(
      stepNumbers(ctx.n).map((k) => [`t_${k}`, oneChainEach ? c(`t_${k}`) : min(c(`t_${k}`))]),
    ),
    ...Object.fromEntries(stepNumbers(ctx.n).map((k) => [`p_${k}`, cast(null, 'BIGINT')])),
  }).from(top);
  return oneChainEach ? q : q.groupBy(c('actor'));
}

/** With a breakdown, e1 is the earliest start, then the first in row order (its breakdown value is the key). */
function bestByRowOrder(ctx: FunnelCtx, top: string) {
  const n = ctx.n;
  const firstTime = select(min(c('t_1')))
    .from(table(top, 'm'))
    .where(eq(c('actor', 'm'), c('actor', 'f')));
  const earliest = select(star())
    .from(table(top, 'f'))
    .where(eq(c('t_1', 'f'), subquery(firstTime)));
  const tieOrder = [asc(c('tiebreak')), asc(bytewise(c('event_name'))), asc(c('bval'))];
  const ranked = select(star(), {
    pick: over(fn('row_number'), { partitionBy: [c('actor')], orderBy: tieOrder }),
  }).from(earliest.as('earliest'));
  return select({
    actor: c('actor'),
    bval: c('bval'),
    depth: c('depth'),
    ...Object.fromEntries(stepNumbers(n).map((k) => [`t_${k}`, c(`t_${k}`)])),
    ...Object.fromEntries(stepNumbers(n).map((k) => [`p_${k}`, cast(null, 'BIGINT')])),
  })
    .from(ranked.as('ranked'))
    .where(eq(c('pick'), 1));
}

/** Rows matching several steps (never tied, on this path) fill one step each: the next one must be strictly later. */
function nextTime(k: number, multiStep: boolean): ExprNode {
  const atLeast = listMinAtLeast(c(`l_${k}`), c(`t_${k - 1}`));
  if (!multiStep) return atLeast;
  return caseWhen([[eq(c('multi'), 1), listMinAbove(c(`l_${k}`), c(`t_${k - 1}`))]], atLeast);
}

function stepCount(n: number): ExprNode {
  return stepNumbers(n)
    .map((k) => caseWhen([[c(`s_${k}`), 1]], 0) as ExprNode)
    .reduce((a, b) => add(a, b));
}

/** Starts as rows (their breakdown value and row order are needed), each with its actor's step lists. */
function startsFromRows(ctx: FunnelCtx, from: string, multiStep: boolean) {
  const later = stepNumbers(ctx.n).slice(1);
  return select(
    c('actor', 's'),
    c('bval', 's'),
    c('tiebreak', 's'),
    c('event_name', 's'),
    { t_1: c('ts', 's') },
    ...later.map((k) => c(`l_${k}`, 'l')),
    ...(multiStep ? [c('multi', 'l')] : []),
  )
    .from(table(from, 's'))
    .join(table('fast_lists', 'l'), { on: eq(c('actor', 'l'), c('actor', 's')) })
    .where(
      c('s_1', 's'),
      c('in_range', 's'),
      ctx.spec.anchor === 'first_entry' ? eq(c('ts', 's'), c('first_ts', 'l')) : literal(true),
      multiStep ? eq(c('needs_exact', 'l'), 0) : literal(true),
    );
}

/** Starts as times only, unnested from the actor's list (any_entry) or its first start time (first_entry). */
function startsFromLists(ctx: FunnelCtx, multiStep: boolean, counting: boolean) {
  const later = stepNumbers(ctx.n).slice(1);
  return select(
    c('actor'),
    {
      bval: literal(null),
      tiebreak: literal(null),
      event_name: literal(null),
      t_1: ctx.spec.anchor === 'first_entry' ? c('first_ts') : fn('unnest', c('starts')),
    },
    ...later.map((k) => c(`l_${k}`)),
    ...(multiStep ? [c('multi')] : []),
  )
    .from('fast_lists')
    .where(
      isNotNull(c('first_ts')),
      multiStep ? eq(c('needs_exact'), 0) : literal(true),
      ...(counting ? [c('kept')] : []),
    );
}

/**
 * Per actor (an aggregate): true when the fast path cannot be exact for them. A row matching two steps is only a
 * problem when another step row shares its time (otherwise "the next row strictly later" is exact); a row matching
 * a step and an exclusion always is (the fast path does not know which rows its chain used).
 */
function needsExact(ctx: FunnelCtx): ExprNode {
  const nsteps = stepCount(ctx.n);
  const xs = ctx.spec.exclusions.map((_, i) => c(`x_${i + 1}`));
  const any = (cond: ExprNode) => eq(max(caseWhen([[cond, 1]], 0)), 1);
  const tied = gte(
    count(undefined, { filter: gte(nsteps, 1) }),
    add(countDistinct(c('ts'), { filter: gte(nsteps, 1) }), 1),
  );
  const conds = [and(any(gte(nsteps, 2)), tied)];
  if (xs.length) conds.push(any(and(gte(nsteps, 1), or(...xs))));
  return or(...conds);
}
