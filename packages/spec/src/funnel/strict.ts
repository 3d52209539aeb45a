import {
  add,
  and,
  asc,
  type CteNode,
  caseWhen,
  coalesce,
  cte,
  desc,
  type ExprNode,
  eq,
  fn,
  gte,
  literal,
  lte,
  not,
  over,
  select,
} from '@sightline/sql';
import { bestColumns, c, type FunnelCtx, rowOrder, star, stepNumbers } from './sql-parts.js';

/**
 * `order: strict` (metrics.md section 1, point 6): step k+1 must be the row right after step k in the actor's row
 * order, among all of the actor's rows. From each start the chain is fixed, so `lead` over the row order gives it.
 * Ends with the CTE `best_strict` (columns of `bestColumns`).
 */
export function strictCtes(ctx: FunnelCtx, from: string): CteNode[] {
  const { n, spec } = ctx;
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
    ...spec.exclusions.map((_, i) => c(`x_${i + 1}`)),
    { p: over(fn('row_number'), win), ...leads },
  ).from(from);
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
  const first = spec.anchor === 'first_entry';
  const later = stepNumbers(n).slice(1);
  const chains = select(c('actor'), c('bval'), c('depth'), {
    t_1: c('ts'),
    ...Object.fromEntries(
      later.map((k) => [`t_${k}`, caseWhen([[gte(c('depth'), k), c(`next_ts_${k - 1}`)]])]),
    ),
    p_1: c('p'),
    ...Object.fromEntries(later.map((k) => [`p_${k}`, caseWhen([[gte(c('depth'), k), add(c('p'), k - 1)]])])),
  })
    .from('entries')
    .where(first ? eq(c('entry_rank'), 1) : literal(true));
  const orderBy = [desc(c('depth')), ...stepNumbers(n).map((k) => asc(c(`t_${k}`))), asc(c('p_1'))];
  const ranked = select(star(), {
    pick: over(fn('row_number'), { partitionBy: [c('actor')], orderBy }),
  }).from('chains');
  return [
    cte(
      'step_rows',
      stepRows,
      'Every row numbered in row order per actor (p), with whether each following row matches the next step',
    ),
    cte('entries', entries, 'Rows matching step 1 inside [since, until): the rows that may start a chain'),
    cte(
      'chains',
      chains,
      `Strict order: from each start, the run of immediately following rows that match steps 2, 3, ... within the window${first ? ' (anchor first_entry: only the first start)' : ''}`,
    ),
    cte(
      'best_strict',
      select(...bestColumns(n))
        .from(ranked.as('ranked'))
        .where(eq(c('pick'), 1)),
      "Each actor's best chain: the deepest, then the earliest times, then the earliest rows",
    ),
  ];
}
