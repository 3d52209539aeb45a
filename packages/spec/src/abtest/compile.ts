import {
  agg,
  and,
  asc,
  avg,
  bytewise,
  type CteNode,
  caseWhen,
  cast,
  column,
  count,
  countDistinct,
  cte,
  type ExprNode,
  eq,
  filter,
  fn,
  gt,
  isIn,
  isNotNull,
  lte,
  neq,
  not,
  over,
  type QueryNode,
  secondsBetween,
  select,
  sub,
  table,
} from '@sightline/sql';
import { actorPresent, type EventTable, eventTime, matchesEvent, parseDuration } from '../metrics/index.js';
import { eventSource } from '../retention/period-sql.js';
import type { AbTestSpec } from './schema.js';

type PerActor = Extract<AbTestSpec, { outcome: string }>;
type FromEvents = Extract<AbTestSpec, { assignments: unknown }>;

/**
 * The queries of an A/B test spec (metrics.md section 4); the statistics are then computed in TypeScript.
 *
 * `result` rows, one per variant (order not significant; the result function sorts bytewise): `variant` TEXT,
 * `n` BIGINT, `mean` DOUBLE, `variance` DOUBLE (sample variance, NULL when n < 2), `non_binary` BIGINT (rows
 * whose outcome is neither 0 nor 1: 0 everywhere means a conversion metric).
 *
 * `stats`, one row. Per-actor form: `rows` (all rows of the source), `ignored_rows` (variant NULL or empty, or
 * outcome NULL), `no_variant_rows`, `no_outcome_rows` (among rows with a variant). Event form: `rows` (assignment
 * rows), `ignored_rows` (actor or variant NULL/empty, or time NULL), `actors` (distinct assigned actors),
 * `multi_variant_actors` (actors assigned to more than one variant: their earliest assignment counts).
 */
export function compileAbTest(spec: AbTestSpec): { result: QueryNode; stats: QueryNode } {
  if ('assignments' in spec) return { result: eventsResultQuery(spec), stats: eventsStatsQuery(spec) };
  return { result: perActorResultQuery(spec), stats: perActorStatsQuery(spec) };
}

function present(x: ExprNode): ExprNode {
  return and(isNotNull(x), neq(cast(x, 'TEXT'), ''));
}

function perVariantQuery(ctes: CteNode[]): QueryNode {
  const value = column('value');
  const perVariant = cte(
    'per_variant',
    select({
      variant: column('variant'),
      n: count(),
      mean: avg(value),
      variance: agg('var_samp', [value]),
      non_binary: count(undefined, { filter: not(isIn(value, [0, 1])) }),
    })
      .from('actor_values')
      .groupBy(column('variant')),
    'Per variant: the number of actors, the mean and the sample variance (n - 1) of the metric, and how many\n' +
      'values are neither 0 nor 1 (none means a conversion metric).',
  );
  return select(column('variant'), column('n'), column('mean'), column('variance'), column('non_binary'))
    .with(...ctes, perVariant)
    .from('per_variant')
    .orderBy(asc(column('variant'))).node;
}

function perActorResultQuery(spec: PerActor): QueryNode {
  const rows = cte(
    'actor_values',
    select({
      variant: cast(column(spec.variant, 's'), 'TEXT'),
      value: cast(column(spec.outcome, 's'), 'DOUBLE'),
    })
      .from(eventSource(spec, 's'))
      .where(present(column(spec.variant, 's')), isNotNull(column(spec.outcome, 's'))),
    `One row per actor: the variant ("${spec.variant}") and the metric ("${spec.outcome}") as a number; rows\n` +
      'without a variant or without a metric value are left out (and counted in the stats).',
  );
  return perVariantQuery([rows]);
}

function perActorStatsQuery(spec: PerActor): QueryNode {
  const withVariant = present(column(spec.variant, 's'));
  const withOutcome = isNotNull(column(spec.outcome, 's'));
  return select({
    rows: count(),
    ignored_rows: sub(count(), filter(count(), and(withVariant, withOutcome))),
    no_variant_rows: sub(count(), filter(count(), withVariant)),
    no_outcome_rows: filter(count(), and(withVariant, not(withOutcome))),
  }).from(eventSource(spec, 's')).node;
}

/** The assignment table seen as an event table, so the shared time and actor helpers apply to it. */
function assignmentTable(spec: FromEvents): EventTable {
  const a = spec.assignments;
  return { source: a.source, actor: a.actor, event: a.variant, time: a.time, timeKind: a.timeKind };
}

function assignedCte(spec: FromEvents): CteNode {
  const at = assignmentTable(spec);
  const time = eventTime(at, 'a');
  return cte(
    'assigned',
    select({
      actor: cast(column(at.actor, 'a'), 'TEXT'),
      variant: cast(column(spec.assignments.variant, 'a'), 'TEXT'),
      assigned_at: time,
      nth: over(fn('row_number'), {
        partitionBy: [cast(column(at.actor, 'a'), 'TEXT')],
        orderBy: [asc(time), asc(bytewise(cast(column(spec.assignments.variant, 'a'), 'TEXT')))],
      }),
    })
      .from(eventSource(at, 'a'))
      .where(actorPresent(at, 'a'), present(column(spec.assignments.variant, 'a')), isNotNull(time)),
    'Assignment rows with an actor, a variant and a time, numbered per actor from the earliest (ties: variant\n' +
      'in byte order); an actor assigned more than once counts in their first variant.',
  );
}

function eventsResultQuery(spec: FromEvents): QueryNode {
  const ev = spec.events;
  const window = spec.window === undefined ? undefined : parseDuration(spec.window);
  const seconds = window?.ok ? window.value : undefined;
  const goals = cte(
    'goals',
    select({ actor: cast(column(ev.actor, 'e'), 'TEXT'), ts: eventTime(ev, 'e') })
      .from(eventSource(ev, 'e'))
      .where(actorPresent(ev, 'e'), matchesEvent(ev, spec.goal, 'e')),
    `Goal rows (event "${spec.goal.event.replace(/\s+/g, ' ')}") of actors that are set.`,
  );
  const on: ExprNode[] = [
    eq(column('actor', 'g'), column('actor', 'a')),
    gt(column('ts', 'g'), column('assigned_at', 'a')),
  ];
  if (seconds !== undefined)
    on.push(lte(secondsBetween(column('assigned_at', 'a'), column('ts', 'g')), seconds));
  const values = cte(
    'actor_values',
    select({
      variant: column('variant', 'a'),
      value: cast(caseWhen([[gt(count(column('actor', 'g')), 0), 1]], 0), 'DOUBLE'),
    })
      .from(table('assigned', 'a'))
      .join(table('goals', 'g'), { type: 'LEFT', on: and(...on) })
      .where(eq(column('nth', 'a'), 1))
      .groupBy(column('actor', 'a'), column('variant', 'a')),
    'One row per assigned actor: 1 when they have a goal row strictly after their assignment' +
      (seconds === undefined ? '' : ` and at most ${seconds} seconds after it`) +
      ', else 0.',
  );
  return perVariantQuery([assignedCte(spec), goals, values]);
}

function eventsStatsQuery(spec: FromEvents): QueryNode {
  const at = assignmentTable(spec);
  const actor = column(at.actor, 'a');
  const usable = and(
    actorPresent(at, 'a'),
    present(column(spec.assignments.variant, 'a')),
    isNotNull(eventTime(at, 'a')),
  );
  const perActor = cte(
    'variants_per_actor',
    select({
      actor: cast(actor, 'TEXT'),
      variants: countDistinct(cast(column(spec.assignments.variant, 'a'), 'TEXT')),
    })
      .from(eventSource(at, 'a'))
      .where(usable)
      .groupBy(cast(actor, 'TEXT')),
    'How many different variants each assigned actor got.',
  );
  const totals = select({ rows: count(), ignored_rows: sub(count(), filter(count(), usable)) }).from(
    eventSource(at, 'a'),
  );
  const summary = select({
    actors: count(),
    multi_variant_actors: count(undefined, { filter: gt(column('variants'), 1) }),
  }).from('variants_per_actor');
  return select(
    column('rows', 't'),
    column('ignored_rows', 't'),
    column('actors', 's'),
    column('multi_variant_actors', 's'),
  )
    .with(perActor)
    .from(totals.as('t'))
    .join(summary.as('s')).node;
}
