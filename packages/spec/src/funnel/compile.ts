import {
  add,
  and,
  asc,
  bytewise,
  type CteNode,
  caseWhen,
  cast,
  coalesce,
  column,
  count,
  countDistinct,
  cte,
  currentRow,
  desc,
  type ExprNode,
  eq,
  exists,
  fn,
  following,
  gte,
  interval,
  isDistinct,
  least,
  literal,
  lte,
  min,
  neq,
  not,
  or,
  over,
  percentileCont,
  type QueryNode,
  rangeBetween,
  rawQuery,
  secondsBetween,
  select,
  subquery,
  table,
  unionAll,
} from '@sightline/sql';
import { parseDuration } from '../metrics/duration.js';
import { actorPresent, eventTime, inRange, matchesEvent } from '../metrics/event-sql.js';
import type { EventTable } from '../metrics/event-table.js';
import { anyOrderComponents, type FunnelSpec } from './schema.js';

/** The funnel's queries: `result` (one row per breakdown group plus a total row) and `stats`. */
export interface CompiledFunnel {
  /**
   * Rows: `is_total` BOOLEAN, `group_key` (the breakdown value; NULL on the total row and for the NULL group),
   * `users_1`..`users_n` BIGINT, `median_seconds_2`..`median_seconds_n` DOUBLE (NULL when nobody converted).
   */
  result: QueryNode;
  /**
   * One row: `rows_considered`, `rows_ignored` (actor NULL or empty), `actors_considered` (distinct actors),
   * `actors_entered` (actors with a step-1 row that may start a chain), `actors_excluded` (removed by exclusions).
   */
  stats: QueryNode;
}

const c = (name: string, q?: string) => column(name, q);
const steps = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Compiles a validated funnel spec to dialect-independent SQL trees (metrics.md section 1). */
export function compileFunnel(spec: FunnelSpec): CompiledFunnel {
  const w = parseDuration(spec.window);
  if (!w.ok) throw new Error(w.error);
  const ctx = { spec, n: spec.steps.length, window: interval(w.value, 'second') };
  const ctes: CteNode[] = [];
  const src = sourceRef(spec.events, ctes);
  ctes.push(eventsCte(ctx, src));
  if (spec.order === 'any') {
    ctes.push(...anyOrderCtes(ctx));
  } else {
    ctes.push(...(spec.order === 'strict' ? strictCtes(ctx) : orderedCtes(ctx)));
    ctes.push(bestCte(ctx), excludedCte(ctx));
  }
  ctes.push(funnelActorsCte(ctx));
  return { result: resultQuery(ctx, ctes), stats: statsQuery(ctx, ctes, src) };
}

interface Ctx {
  spec: FunnelSpec;
  n: number;
  window: ExprNode;
}

function sourceRef(events: EventTable, ctes: CteNode[]) {
  const s = events.source;
  if ('sql' in s) {
    ctes.push(cte('source', rawQuery(s.sql), 'The event rows, from the query given as the source'));
    return table('source');
  }
  return s.schema === undefined ? table(s.table) : table([s.schema, s.table]);
}

function eventsCte(ctx: Ctx, src: ReturnType<typeof table>): CteNode {
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
  let q = select({
    actor: c(ev.actor),
    ts: time,
    event_name: cast(c(ev.event), 'TEXT'),
    tiebreak: spec.tiebreak === undefined ? literal(null) : c(spec.tiebreak),
    bval: spec.breakdown === undefined ? literal(null) : c(spec.breakdown),
    in_range: range === null ? literal(true) : coalesce(range, false),
    ...flags,
  })
    .from(src)
    .where(actorPresent(ev));
  if (spec.order !== 'strict') q = q.where(or(...Object.values(flags)));
  const what =
    spec.order === 'strict'
      ? 'every row of every actor (strict order looks at the row right after each step)'
      : 'the rows that match a step or an exclusion';
  return cte(
    'events',
    q,
    `Rows whose actor is neither NULL nor empty: ${what}.\ns_k: the row matches step k; in_range: the row may start the funnel (since/until).`,
  );
}

/** Row order of metrics.md section 1: time, tiebreak (NULLs last), event name bytewise; then the breakdown value. */
function rowOrder() {
  return [asc(c('ts')), asc(c('tiebreak')), asc(bytewise(c('event_name'))), asc(c('bval'))];
}

function entriesCte(ctx: Ctx): CteNode[] {
  const q = select(c('actor'), c('bval'), c('ts'), c('p'), {
    entry_rank: over(fn('row_number'), { partitionBy: [c('actor')], orderBy: [asc(c('p'))] }),
  })
    .from('step_rows')
    .where(c('s_1'), c('in_range'));
  const first = ctx.spec.anchor === 'first_entry';
  const chain1 = select(c('actor'), c('bval'), { t_1: c('ts'), p_1: c('p') })
    .from('entries')
    .where(first ? eq(c('entry_rank'), 1) : literal(true));
  return [
    cte('entries', q, 'Rows matching step 1 inside [since, until): the rows that may start a chain'),
    cte(
      'chain_1',
      chain1,
      first
        ? 'Step 1 (anchor first_entry): only the first step-1 row of each actor in row order starts a chain'
        : 'Step 1 (anchor any_entry): every step-1 row starts a chain',
    ),
  ];
}

function orderedCtes(ctx: Ctx): CteNode[] {
  const { n } = ctx;
  const mask = steps(n)
    .map((k) => caseWhen([[c(`s_${k}`), 2 ** (k - 1)]], 0) as ExprNode)
    .reduce((a, b) => add(a, b));
  const stepRows = select(c('actor'), c('ts'), c('bval'), c('event_name'), c('in_range'), ...stepCols(ctx), {
    mask,
    p: over(fn('row_number'), { partitionBy: [c('actor')], orderBy: rowOrder() }),
  }).from('events');
  const out: CteNode[] = [
    cte(
      'step_rows',
      stepRows,
      'Each row numbered in row order per actor (p), with the set of steps it matches as bits (mask)',
    ),
    ...entriesCte(ctx),
  ];
  for (let k = 2; k <= n; k++) out.push(...levelCtes(ctx, k));
  return out;
}

function stepCols(ctx: Ctx): ExprNode[] {
  return [...steps(ctx.n).map((k) => c(`s_${k}`)), ...ctx.spec.exclusions.map((_, i) => c(`x_${i + 1}`))];
}

/**
 * Step k of every chain that reached step k-1: the earliest time at which an unused row matches step k, and at
 * that time one row per distinct set of matched steps (rows with the same set are interchangeable). Taking the
 * earliest time never shortens a chain, so the deepest chain and the lexicographically smallest one are kept;
 * branching on the matched-steps set makes rows that match several steps exact even when times are tied.
 */
function levelCtes(ctx: Ctx, k: number): CteNode[] {
  const prev = steps(k - 1);
  const state = [c('actor', 'c'), ...prev.map((j) => c(`p_${j}`, 'c'))];
  const cand = select(
    c('actor', 'c'),
    c('bval', 'c'),
    ...prev.flatMap((j) => [c(`t_${j}`, 'c'), c(`p_${j}`, 'c')]),
    {
      [`t_${k}`]: c('ts', 'r'),
      [`p_${k}`]: c('p', 'r'),
      earliest: over(min(c('ts', 'r')), { partitionBy: state }),
      pick: over(fn('row_number'), {
        partitionBy: [...state, c('ts', 'r'), c('mask', 'r')],
        orderBy: [asc(c('p', 'r'))],
      }),
    },
  )
    .from(table(`chain_${k - 1}`, 'c'))
    .join(table('step_rows', 'r'), {
      on: and(
        eq(c('actor', 'r'), c('actor', 'c')),
        c(`s_${k}`, 'r'),
        gte(c('ts', 'r'), c(`t_${k - 1}`, 'c')),
        lte(c('ts', 'r'), add(c('t_1', 'c'), ctx.window)),
        ...prev.map((j) => neq(c('p', 'r'), c(`p_${j}`, 'c'))),
      ),
    });
  const next = select(c('actor'), c('bval'), ...steps(k).flatMap((j) => [c(`t_${j}`), c(`p_${j}`)]))
    .from(`cand_${k}`)
    .where(eq(c(`t_${k}`), c('earliest')), eq(c('pick'), 1));
  return [
    cte(
      `cand_${k}`,
      cand,
      `Step ${k}: rows matching step ${k}, not already in the chain, at or after step ${k - 1} and at most the window after step 1`,
    ),
    cte(
      `chain_${k}`,
      next,
      `Step ${k}: keep the earliest such time (it never shortens a chain); at that time one row per set of matched steps`,
    ),
  ];
}

function strictCtes(ctx: Ctx): CteNode[] {
  const { n } = ctx;
  const win = { partitionBy: [c('actor')], orderBy: rowOrder() };
  const leads: Record<string, ExprNode> = {};
  for (let j = 1; j < n; j++) {
    leads[`next_ok_${j}`] = over(fn('lead', c(`s_${j + 1}`), j), win);
    leads[`next_ts_${j}`] = over(fn('lead', c('ts'), j), win);
  }
  const stepRows = select(
    c('actor'),
    c('ts'),
    c('bval'),
    c('s_1'),
    c('in_range'),
    ...stepCols(ctx).slice(n),
    {
      p: over(fn('row_number'), win),
      ...leads,
    },
  ).from('events');
  const ok = (j: number) =>
    and(coalesce(c(`next_ok_${j}`), false), lte(c(`next_ts_${j}`), add(c('ts'), ctx.window)));
  const depthWhens: [ExprNode, ExprNode][] = [];
  for (let j = 1; j < n; j++) depthWhens.push([not(ok(j)), literal(j)]);
  const entries = select(c('actor'), c('bval'), c('ts'), c('p'), ...Object.keys(leads).map((k) => c(k)), {
    depth: caseWhen(depthWhens, n),
    entry_rank: over(fn('row_number'), { partitionBy: [c('actor')], orderBy: [asc(c('p'))] }),
  })
    .from('step_rows')
    .where(c('s_1'), c('in_range'));
  const first = ctx.spec.anchor === 'first_entry';
  const chains = select(c('actor'), c('bval'), c('depth'), {
    t_1: c('ts'),
    p_1: c('p'),
    ...Object.fromEntries(
      steps(n)
        .slice(1)
        .flatMap((k) => [
          [`t_${k}`, caseWhen([[gte(c('depth'), k), c(`next_ts_${k - 1}`)]])],
          [`p_${k}`, caseWhen([[gte(c('depth'), k), add(c('p'), k - 1)]])],
        ]),
    ),
  })
    .from('entries')
    .where(first ? eq(c('entry_rank'), 1) : literal(true));
  return [
    cte(
      'step_rows',
      stepRows,
      'Each row numbered in row order per actor (p), with whether each following row matches the next step',
    ),
    cte('entries', entries, 'Rows matching step 1 inside [since, until): the rows that may start a chain'),
    cte(
      'chains',
      chains,
      `Strict order: from each start, the run of immediately following rows that match steps 2, 3, ... within the window${first ? ' (anchor first_entry: only the first start)' : ''}`,
    ),
  ];
}

/** All chains of every level in one list, then each actor's deepest, lexicographically smallest chain. */
function bestCte(ctx: Ctx): CteNode {
  const { n, spec } = ctx;
  const orderBy = [
    desc(c('depth')),
    ...steps(n).map((k) => asc(c(`t_${k}`))),
    ...steps(n).map((k) => asc(c(`p_${k}`))),
  ];
  if (spec.order === 'strict') {
    const q = select(star(), { pick: over(fn('row_number'), { partitionBy: [c('actor')], orderBy }) }).from(
      'chains',
    );
    return cte(
      'best',
      select(...bestCols(n))
        .from(q.as('ranked'))
        .where(eq(c('pick'), 1)),
      "Each actor's best chain: the deepest, then the earliest times, then the earliest rows",
    );
  }
  const levels = steps(n).map((k) =>
    select(c('actor'), c('bval'), {
      depth: literal(k),
      ...Object.fromEntries(
        steps(n).flatMap((j) => [
          [`t_${j}`, j <= k ? c(`t_${j}`) : cast(literal(null), 'TIMESTAMPTZ')],
          [`p_${j}`, j <= k ? c(`p_${j}`) : cast(literal(null), 'BIGINT')],
        ]),
      ),
    }).from(`chain_${k}`),
  );
  const all = select(star(), { pick: over(fn('row_number'), { partitionBy: [c('actor')], orderBy }) }).from({
    kind: 'subquery',
    query: unionAll(...levels),
    alias: 'chains',
  });
  return cte(
    'best',
    select(...bestCols(n))
      .from(all.as('ranked'))
      .where(eq(c('pick'), 1)),
    "Each actor's best chain: the deepest, then the earliest times, then the earliest rows (its depth is the actor's)",
  );
}

function bestCols(n: number): ExprNode[] {
  return [c('actor'), c('bval'), c('depth'), ...steps(n).flatMap((k) => [c(`t_${k}`), c(`p_${k}`)])];
}

function star(): ExprNode {
  return { kind: 'star' };
}

function excludedCte(ctx: Ctx): CteNode {
  const { spec, n } = ctx;
  if (spec.exclusions.length === 0) {
    return cte(
      'excluded',
      select({ actor: c('actor') })
        .from('best')
        .where(literal(false)),
      'No exclusions: nobody is removed',
    );
  }
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
  const q = select(c('actor', 'b'))
    .distinct()
    .from(table('best', 'b'))
    .join(table('step_rows', 'x'), {
      on: and(
        eq(c('actor', 'x'), c('actor', 'b')),
        or(...rules),
        ...steps(n).map((k) => isDistinct(c('p', 'x'), c(`p_${k}`, 'b'))),
      ),
    });
  const list = spec.exclusions.map((x) => `${x.event}:${x.from}:${x.to}`).join(', ');
  return cte(
    'excluded',
    q,
    `Exclusions (${list}): actors with such a row, not in their best chain, between step FROM and step TO\n(or up to the end of the window when the chain stopped in between)`,
  );
}

function anyOrderCtes(ctx: Ctx): CteNode[] {
  const { spec, n } = ctx;
  const frame = rangeBetween(currentRow(), following(ctx.window));
  const win = { partitionBy: [c('actor')], orderBy: [asc(c('ts'))], frame };
  const counts: Record<string, ExprNode> = {};
  const depthParts: ExprNode[] = [];
  let id = 0;
  for (const component of anyOrderComponents(spec.steps)) {
    const size = component.reduce((s, cl) => s + cl.steps.length, 0);
    // Hall's theorem: the most steps of this event filled by distinct rows is the least, over sets S of
    // filter variants, of (steps outside S) + (rows matching some variant in S).
    const terms: ExprNode[] = [literal(size)];
    for (let mask = 1; mask < 2 ** component.length; mask++) {
      const chosen = component.filter((_, i) => mask & (2 ** i));
      const name = `n_${++id}`;
      counts[name] = over(
        count(undefined, { filter: or(...chosen.map((cl) => c(`s_${cl.steps[0]! + 1}`))) }),
        win,
      );
      const outside = size - chosen.reduce((s, cl) => s + cl.steps.length, 0);
      terms.push(add(literal(outside), c(name)));
    }
    depthParts.push(terms.length === 2 ? least(literal(size), c('n_' + id)) : least(...terms));
  }
  const windows = select(c('actor'), c('ts'), c('in_range'), counts).from('events');
  const depth = depthParts.reduce((a, b) => add(a, b));
  const first = spec.anchor === 'first_entry';
  const perStart = select(c('actor'), c('ts'), {
    depth,
    first_ts: over(min(c('ts')), { partitionBy: [c('actor')] }),
  })
    .from('windows')
    .where(c('in_range'));
  const best = select(c('actor'), {
    bval: literal(null),
    depth: cast(fn('max', c('depth')), 'BIGINT'),
    ...Object.fromEntries(steps(n).map((k) => [`t_${k}`, cast(literal(null), 'TIMESTAMPTZ')])),
  })
    .from('starts')
    .where(first ? eq(c('ts'), c('first_ts')) : literal(true))
    .groupBy(c('actor'));
  return [
    cte(
      'windows',
      windows,
      'Any order: for each step row as window start t, how many rows in [t, t + window] match each step (or set of steps)',
    ),
    cte(
      'starts',
      perStart,
      'The most steps filled by distinct rows inside the window of each start within [since, until)',
    ),
    cte(
      'best',
      best,
      `Each actor's depth: the best window${first ? ' (anchor first_entry: the window of the first step row)' : ''}`,
    ),
    cte(
      'excluded',
      select({ actor: c('actor') })
        .from('best')
        .where(literal(false)),
      'No exclusions in any order',
    ),
  ];
}

function funnelActorsCte(ctx: Ctx): CteNode {
  const gaps = Object.fromEntries(
    steps(ctx.n)
      .slice(1)
      .map((k) => [`gap_${k}`, secondsBetween(c(`t_${k - 1}`), c(`t_${k}`))]),
  );
  const q = select(c('actor'), c('bval'), c('depth'), gaps)
    .from('best')
    .where(
      not(
        exists(
          select(literal(1))
            .from(table('excluded', 'e'))
            .where(eq(c('actor', 'e'), c('actor', 'best'))),
        ),
      ),
    );
  return cte(
    'funnel_actors',
    q,
    'Actors in the funnel (not excluded): their depth, breakdown value and seconds between consecutive steps',
  );
}

function aggregates(ctx: Ctx): Record<string, ExprNode> {
  const out: Record<string, ExprNode> = {};
  for (const k of steps(ctx.n)) out[`users_${k}`] = count(undefined, { filter: gte(c('depth'), k) });
  for (const k of steps(ctx.n).slice(1)) out[`median_seconds_${k}`] = percentileCont(0.5, c(`gap_${k}`));
  return out;
}

function resultQuery(ctx: Ctx, ctes: CteNode[]): QueryNode {
  const total = select({ is_total: literal(true), group_key: literal(null), ...aggregates(ctx) }).from(
    'funnel_actors',
  );
  if (ctx.spec.breakdown === undefined) return total.with(...ctes).node;
  const groups = select({ is_total: literal(false), group_key: c('bval'), ...aggregates(ctx) })
    .from('funnel_actors')
    .groupBy(c('bval'));
  return { ...unionAll(groups, total), with: ctes };
}

function statsQuery(ctx: Ctx, ctes: CteNode[], src: ReturnType<typeof table>): QueryNode {
  const ev = ctx.spec.events;
  const present = actorPresent(ev);
  return select({
    rows_considered: count(undefined, { filter: present }),
    rows_ignored: count(undefined, { filter: not(present) }),
    actors_considered: countDistinct(c(ev.actor), { filter: present }),
    actors_entered: subquery(select(count()).from('best')),
    actors_excluded: subquery(select(count()).from('excluded')),
  })
    .from(src)
    .with(...ctes).node;
}
