import {
  add,
  asc,
  type CteNode,
  cast,
  count,
  cte,
  currentRow,
  type ExprNode,
  eq,
  fn,
  following,
  least,
  literal,
  min,
  or,
  over,
  rangeBetween,
  select,
} from '@sightline/sql';
import { anyOrderComponents } from './schema.js';
import { c, type FunnelCtx, stepNumbers } from './sql-parts.js';

/**
 * `order: any` (metrics.md section 1, point 7): for each step row as window start t, the most steps filled by
 * distinct rows in [t, t + window]. Rows of different events never match the same step, so each event counts on
 * its own; within one event, by Hall's theorem the most steps filled is the least, over sets S of its differently
 * filtered steps, of (its steps outside S) + (rows matching some step in S) - each a windowed count.
 * Ends with the CTE `best_any` (actor, bval NULL, depth, t_k and p_k NULL).
 */
export function anyOrderCtes(ctx: FunnelCtx, from: string): CteNode[] {
  const { spec, n } = ctx;
  const win = {
    partitionBy: [c('actor')],
    orderBy: [asc(c('ts'))],
    frame: rangeBetween(currentRow(), following(ctx.window)),
  };
  const counts: Record<string, ExprNode> = {};
  const depthParts: ExprNode[] = [];
  let id = 0;
  for (const component of anyOrderComponents(spec.steps)) {
    const size = component.reduce((s, cl) => s + cl.steps.length, 0);
    const terms: ExprNode[] = [literal(size)];
    for (let set = 1; set < 2 ** component.length; set++) {
      const chosen = component.filter((_, i) => set & (2 ** i));
      const name = `n_${++id}`;
      counts[name] = over(
        count(undefined, { filter: or(...chosen.map((cl) => c(`s_${cl.steps[0]! + 1}`))) }),
        win,
      );
      terms.push(add(literal(size - chosen.reduce((s, cl) => s + cl.steps.length, 0)), c(name)));
    }
    depthParts.push(least(...terms));
  }
  const windows = select(c('actor'), c('ts'), c('in_range'), counts).from(from);
  const first = spec.anchor === 'first_entry';
  const starts = select(c('actor'), c('ts'), {
    depth: depthParts.reduce((a, b) => add(a, b)),
    first_ts: over(min(c('ts')), { partitionBy: [c('actor')] }),
  })
    .from('windows')
    .where(c('in_range'));
  const best = select(c('actor'), {
    bval: literal(null),
    depth: cast(fn('max', c('depth')), 'BIGINT'),
    ...Object.fromEntries(stepNumbers(n).map((k) => [`t_${k}`, cast(null, 'TIMESTAMPTZ')])),
    ...Object.fromEntries(stepNumbers(n).map((k) => [`p_${k}`, cast(null, 'BIGINT')])),
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
      starts,
      'The most steps filled by distinct rows inside the window of each start within [since, until)',
    ),
    cte(
      'best_any',
      best,
      `Each actor's depth: that of the best window${first ? ' (anchor first_entry: the window of the first step row)' : ''}`,
    ),
  ];
}
