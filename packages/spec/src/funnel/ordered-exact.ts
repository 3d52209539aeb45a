import {
  add,
  and,
  asc,
  type CteNode,
  caseWhen,
  cast,
  cte,
  desc,
  type ExprNode,
  eq,
  fn,
  gte,
  literal,
  lte,
  min,
  neq,
  over,
  select,
  subqueryRef,
  table,
  unionAll,
} from '@sightline/sql';
import { bestColumns, c, type FunnelCtx, flagColumns, rowOrder, star, stepNumbers } from './sql-parts.js';

/**
 * The exact path of `order: ordered` (metrics.md section 1, points 1-4) for the rows of `from`: chains are grown
 * step by step. For each chain that reached step k-1, step k takes the earliest time at which an unused row matches
 * step k within the window (the earliest never shortens a chain, and it is what the lexicographically smallest
 * chain takes), and at that time one row per distinct set of matched steps (rows with the same set are
 * interchangeable). Branching on that set is what keeps rows that match several steps exact when times tie.
 * Ends with the CTE `best_exact` (columns of `bestColumns`).
 */
export function orderedExactCtes(ctx: FunnelCtx, from: string): CteNode[] {
  const { n } = ctx;
  const mask = stepNumbers(n)
    .map((k) => caseWhen([[c(`s_${k}`), 2 ** (k - 1)]], 0) as ExprNode)
    .reduce((a, b) => add(a, b));
  const stepRows = select(c('actor'), c('ts'), c('bval'), c('in_range'), ...flagColumns(ctx), {
    mask,
    p: over(fn('row_number'), { partitionBy: [c('actor')], orderBy: rowOrder() }),
  }).from(from);
  const out: CteNode[] = [
    cte(
      'step_rows',
      stepRows,
      'Exact path: each row numbered in row order per actor (p), with the set of steps it matches as bits (mask)',
    ),
    ...startCtes(ctx),
  ];
  for (let k = 2; k <= n; k++) out.push(...levelCtes(ctx, k));
  out.push(bestExactCte(ctx));
  return out;
}

function startCtes(ctx: FunnelCtx): CteNode[] {
  const entries = select(c('actor'), c('bval'), c('ts'), c('p'), {
    entry_rank: over(fn('row_number'), { partitionBy: [c('actor')], orderBy: [asc(c('p'))] }),
  })
    .from('step_rows')
    .where(c('s_1'), c('in_range'));
  const first = ctx.spec.anchor === 'first_entry';
  const chain1 = select(c('actor'), c('bval'), { t_1: c('ts'), p_1: c('p') })
    .from('entries')
    .where(first ? eq(c('entry_rank'), 1) : literal(true));
  return [
    cte(
      'entries',
      entries,
      'Exact path: rows matching step 1 inside [since, until), which may start a chain',
    ),
    cte(
      'chain_1',
      chain1,
      first
        ? 'Step 1 (anchor first_entry): only the first step-1 row of each actor in row order starts a chain'
        : 'Step 1 (anchor any_entry): every step-1 row starts a chain',
    ),
  ];
}

function levelCtes(ctx: FunnelCtx, k: number): CteNode[] {
  const prev = stepNumbers(k - 1);
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
  const next = select(c('actor'), c('bval'), ...stepNumbers(k).flatMap((j) => [c(`t_${j}`), c(`p_${j}`)]))
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

function bestExactCte(ctx: FunnelCtx): CteNode {
  const { n } = ctx;
  const orderBy = [
    desc(c('depth')),
    ...stepNumbers(n).map((k) => asc(c(`t_${k}`))),
    ...stepNumbers(n).map((k) => asc(c(`p_${k}`))),
  ];
  const levels = stepNumbers(n).map((k) =>
    select(c('actor'), c('bval'), {
      depth: literal(k),
      ...Object.fromEntries(
        stepNumbers(n).map((j) => [`t_${j}`, j <= k ? c(`t_${j}`) : cast(null, 'TIMESTAMPTZ')]),
      ),
      ...Object.fromEntries(
        stepNumbers(n).map((j) => [`p_${j}`, j <= k ? c(`p_${j}`) : cast(null, 'BIGINT')]),
      ),
    }).from(`chain_${k}`),
  );
  const ranked = select(star(), {
    pick: over(fn('row_number'), { partitionBy: [c('actor')], orderBy }),
  }).from(subqueryRef(unionAll(...levels), 'chains'));
  return cte(
    'best_exact',
    select(...bestColumns(n))
      .from(ranked.as('ranked'))
      .where(eq(c('pick'), 1)),
    "Exact path: each actor's best chain, the deepest, then the earliest times, then the earliest rows",
  );
}
