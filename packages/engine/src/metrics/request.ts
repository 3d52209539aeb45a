import { SightlineError } from '../errors.js';
import type { JsonValue } from '../types.js';
import { type AssignmentsRequest, assignmentsAbtestInput } from './abtest-assignments.js';
import { type MetricInput, type MetricOutput, metricOptions, metricSql, runMetric } from './run.js';
import { describeEventSource, type EventSource, qualifiedSource } from './source.js';
import type { MetricTarget } from './target.js';

/**
 * A metric as a person asks for it (CLI flags, the web form): the metric, where the events are (`from`: a table,
 * a file, or a live database's table), optional column roles and range, and the metric's own options.
 */
export interface MetricRequest {
  metric: string;
  from: string;
  actorCol?: string;
  eventCol?: string;
  timeCol?: string;
  since?: string;
  until?: string;
  tz?: string;
  /** The metric's own options as in its spec (steps, window, start, period...). */
  options: Record<string, unknown>;
  /** An A/B test from an assignment table plus the events in `from` (the goal event is `options.goal`). */
  assignments?: AssignmentsRequest;
}

/** A metric's answer as the CLI prints it with --format json and the server returns it. */
export interface MetricAnswer {
  options: Record<string, JsonValue>;
  result: Record<string, unknown>;
  stats: MetricOutput['stats'];
  warnings: string[];
  sql: string;
  /** How the actor, event and time columns were picked. */
  roles: string[];
  /** Read from Sightline's actor-ordered copy of the table (MetricOutput.readFromCopy). */
  readFromCopy: boolean;
  elapsedMs: number;
}

/** Finds the source's column roles and builds the metric's spec from a request. */
export async function metricInputFor(
  target: MetricTarget,
  req: MetricRequest,
): Promise<{ input: MetricInput; source?: EventSource; roles?: string[] }> {
  if (req.metric === 'abtest' && req.assignments) return assignmentsInput(target, req, req.assignments);
  if (req.metric === 'abtest') return { input: await perActorInput(target, req) };
  const source = await describeEventSource(target, req.from, {
    actor: req.actorCol,
    event: req.eventCol,
    time: req.timeCol,
  });
  const events = {
    source: source.source,
    actor: source.roles.actor,
    event: source.roles.event,
    time: source.roles.time,
    timeKind: source.roles.timeKind,
  };
  const range = dropUndefined({ since: req.since, until: req.until, tz: req.tz });
  return {
    input: { version: 1, metric: req.metric, events, ...range, ...dropUndefined(req.options) },
    source,
  };
}

/** The SQL a request would run (for `--sql` and "Open as SQL"). */
export async function metricRequestSql(target: MetricTarget, req: MetricRequest): Promise<string> {
  const { input } = await metricInputFor(target, req);
  return (await metricSql(target, input)).sql;
}

/** Runs a request on `target` and returns everything a person needs to trust the number. */
export async function answerMetric(
  target: MetricTarget,
  req: MetricRequest,
  opts: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<MetricAnswer> {
  const { input, source, roles } = await metricInputFor(target, req);
  const output = await runMetric(target, input, opts);
  return {
    options: metricOptions(output, { from: req.from }),
    result: output.result,
    stats: output.stats,
    warnings: output.warnings,
    sql: output.sql,
    roles: roles ?? source?.roles.reasons ?? [],
    readFromCopy: output.readFromCopy,
    elapsedMs: output.elapsedMs,
  };
}

/**
 * An A/B test on one row per actor: the variant and metric columns are named in the options (`variant`,
 * `outcome`); there is no time, so a date range or time zone is a usage error.
 */
async function perActorInput(target: MetricTarget, req: MetricRequest): Promise<MetricInput> {
  const timed = (['since', 'until', 'tz', 'actorCol', 'eventCol', 'timeCol'] as const).filter(
    (k) => req[k] !== undefined,
  );
  if (timed.length > 0) {
    throw new SightlineError(
      `An A/B test on one row per user takes no ${timed.map(flagName).join(' or ')}: it compares the metric column of each variant.`,
      {
        kind: 'usage',
        hints: ['Filter the rows first (e.g. a query saved as a table), then run the test on it.'],
      },
    );
  }
  const source = await qualifiedSource(target, req.from);
  return { version: 1, metric: 'abtest', source, ...dropUndefined(req.options) };
}

/** The event form of an A/B test; a date range or time zone does not apply (the assignment time decides). */
async function assignmentsInput(target: MetricTarget, req: MetricRequest, a: AssignmentsRequest) {
  const timed = (['since', 'until', 'tz'] as const).filter((k) => req[k] !== undefined);
  if (timed.length > 0) {
    throw new SightlineError(
      `An A/B test takes no ${timed.map(flagName).join(' or ')}: each user's conversion counts from their assignment on.`,
      {
        kind: 'usage',
        hints: ['Filter the assignments first (e.g. a query saved as a table), then run the test.'],
      },
    );
  }
  const { input, roles } = await assignmentsAbtestInput(target, req, a);
  return { input, roles };
}

function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
