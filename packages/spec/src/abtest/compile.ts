import {
  agg,
  and,
  asc,
  avg,
  cast,
  column,
  count,
  cte,
  type ExprNode,
  filter,
  isIn,
  isNotNull,
  neq,
  not,
  type QueryNode,
  select,
  sub,
} from '@sightline/sql';
import { eventSource } from '../retention/period-sql.js';
import type { AbTestSpec } from './schema.js';

/**
 * The queries of an A/B test spec (metrics.md section 4); the statistics are then computed in TypeScript.
 *
 * `result` rows, one per variant (order not significant; the result function sorts bytewise): `variant` TEXT,
 * `n` BIGINT, `mean` DOUBLE, `variance` DOUBLE (sample variance, NULL when n < 2), `non_binary` BIGINT (rows
 * whose outcome is neither 0 nor 1: 0 everywhere means a conversion metric).
 *
 * `stats`, one row: `rows` (all rows of the source), `ignored_rows` (variant NULL or empty, or outcome NULL),
 * `no_variant_rows`, `no_outcome_rows` (among rows with a variant).
 */
export function compileAbTest(spec: AbTestSpec): { result: QueryNode; stats: QueryNode } {
  return { result: resultQuery(spec), stats: statsQuery(spec) };
}

function hasVariant(spec: AbTestSpec): ExprNode {
  const v = column(spec.variant, 's');
  return and(isNotNull(v), neq(cast(v, 'TEXT'), ''));
}

function resultQuery(spec: AbTestSpec): QueryNode {
  const value = column('value');
  const rows = cte(
    'rows',
    select({
      variant: cast(column(spec.variant, 's'), 'TEXT'),
      value: cast(column(spec.outcome, 's'), 'DOUBLE'),
    })
      .from(eventSource(spec, 's'))
      .where(hasVariant(spec), isNotNull(column(spec.outcome, 's'))),
    `One row per actor: the variant ("${spec.variant}") and the metric ("${spec.outcome}") as a number; rows\n` +
      'without a variant or without a metric value are left out (and counted in the stats).',
  );
  const perVariant = cte(
    'per_variant',
    select({
      variant: column('variant'),
      n: count(),
      mean: avg(value),
      variance: agg('var_samp', [value]),
      non_binary: count(undefined, { filter: not(isIn(value, [0, 1])) }),
    })
      .from('rows')
      .groupBy(column('variant')),
    'Per variant: the number of actors, the mean and the sample variance (n - 1) of the metric, and how many\n' +
      'values are neither 0 nor 1 (none means a conversion metric).',
  );
  return select(column('variant'), column('n'), column('mean'), column('variance'), column('non_binary'))
    .with(rows, perVariant)
    .from('per_variant')
    .orderBy(asc(column('variant'))).node;
}

function statsQuery(spec: AbTestSpec): QueryNode {
  const withVariant = hasVariant(spec);
  const withOutcome = isNotNull(column(spec.outcome, 's'));
  return select({
    rows: count(),
    ignored_rows: sub(count(), filter(count(), and(withVariant, withOutcome))),
    no_variant_rows: sub(count(), filter(count(), withVariant)),
    no_outcome_rows: filter(count(), and(withVariant, not(withOutcome))),
  }).from(eventSource(spec, 's')).node;
}
