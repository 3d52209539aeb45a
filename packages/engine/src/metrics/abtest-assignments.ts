import { rawQuery, select, star, subqueryRef, table, toSql } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import { timeKindOf } from './roles.js';
import { describeEventSource, qualifiedSource, type ResolvedSource } from './source.js';
import type { MetricTarget } from './target.js';

/** Where an A/B test's assignments are (the event form: a user converts with a goal row after assignment). */
export interface AssignmentsRequest {
  from: string;
  actorCol?: string;
  variantCol?: string;
  timeCol?: string;
}

const VARIANT_NAMES = /^(variant|variation|arm|group|bucket|treatment)$/i;
const TIME_TYPES = /^(TIMESTAMP|DATE|DATETIME)/i;

function fromItem(source: ResolvedSource) {
  if ('sql' in source) return subqueryRef(rawQuery(source.sql), 's');
  return source.schema ? table([source.schema, source.table], 's') : table(source.table, 's');
}

/**
 * The event form of an A/B test (metrics.md section 4): the assignments (actor, variant, time; detected by name and
 * type unless given) and the events of `from`, whose actor, event and time columns are detected as for every metric.
 * Returns the spec input and how each column was picked.
 */
export async function assignmentsAbtestInput(
  t: MetricTarget,
  req: {
    from: string;
    actorCol?: string | undefined;
    eventCol?: string | undefined;
    timeCol?: string | undefined;
    options: Record<string, unknown>;
  },
  a: AssignmentsRequest,
): Promise<{ input: { metric: string } & Record<string, unknown>; roles: string[] }> {
  const events = await describeEventSource(t, req.from, {
    actor: req.actorCol,
    event: req.eventCol,
    time: req.timeCol,
  });
  const source = await qualifiedSource(t, a.from);
  const probe = await t.query(toSql(select(star()).from(fromItem(source)).limit(0), t.dialect));
  const cols = probe.columns;
  const roles: string[] = [...events.roles.reasons.map((r) => `events ${r}`)];
  const pick = (
    role: string,
    given: string | undefined,
    guess: () => (typeof cols)[number] | undefined,
    what: string,
  ) => {
    const found = given === undefined ? guess() : cols.find((col) => col.name === given);
    if (!found) {
      throw new SightlineError(
        given === undefined
          ? `Couldn't tell which column of ${a.from} holds ${what}.`
          : `There is no column "${given}" in ${a.from} to use as the ${role} column.`,
        { hints: [`Columns of ${a.from}: ${cols.map((col) => `${col.name} (${col.type})`).join(', ')}.`] },
      );
    }
    roles.push(
      `assignments ${role}: "${found.name}" (${given === undefined ? `its name or type suggests ${what}` : 'you chose it'})`,
    );
    return found;
  };
  const actor = pick(
    'actor',
    a.actorCol,
    () => cols.find((col) => col.name === events.roles.actor),
    'the user (actor) id',
  );
  const variant = pick(
    'variant',
    a.variantCol,
    () => cols.find((col) => VARIANT_NAMES.test(col.name)),
    'the variant',
  );
  const time = pick(
    'time',
    a.timeCol,
    () => cols.find((col) => TIME_TYPES.test(col.type)),
    'the assignment time',
  );
  const input = {
    version: 1,
    metric: 'abtest',
    ...req.options,
    assignments: {
      source,
      actor: actor.name,
      variant: variant.name,
      time: time.name,
      timeKind: timeKindOf(time.type, null),
    },
    events: {
      source: events.source,
      actor: events.roles.actor,
      event: events.roles.event,
      time: events.roles.time,
      timeKind: events.roles.timeKind,
    },
  };
  return { input, roles };
}
