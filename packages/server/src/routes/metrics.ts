import {
  answerMetric,
  describeEventSource,
  duckdbTarget,
  liveTarget,
  type MetricRequest,
  type MetricTarget,
  metricRequestSql,
  qualifiedSource,
  type ResolvedSource,
  SightlineError,
} from '@sightline/engine';
import {
  asc,
  column,
  count,
  desc,
  type FromInput,
  isNotNull,
  rawQuery,
  select,
  star,
  subqueryRef,
  table,
  toSql,
} from '@sightline/sql';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { jsonBody } from '../json-body.js';
import { openNamedConnection } from '../live-connections.js';

/** Where the assignments of an A/B test are (the event form: conversion = a goal row after assignment). */
const assignmentsBody = z.object({
  from: z.string().min(1),
  actorCol: z.string().min(1).optional(),
  variantCol: z.string().min(1).optional(),
  timeCol: z.string().min(1).optional(),
});

const metricBody = z.object({
  metric: z.enum(['funnel', 'retention', 'active', 'abtest']),
  /** The events: a workspace table or file, or (with `on`) a table of a live database. */
  from: z.string().min(1),
  /** A stored connection to push the computation down to. */
  on: z.string().min(1).optional(),
  actorCol: z.string().min(1).optional(),
  eventCol: z.string().min(1).optional(),
  timeCol: z.string().min(1).optional(),
  since: z.string().optional(),
  until: z.string().optional(),
  tz: z.string().optional(),
  /** An A/B test from an assignment table plus the events in `from` (the goal event is `options.goal`). */
  assignments: assignmentsBody.optional(),
  /** The metric's own options, as in its spec (steps, window, start, period...). */
  options: z.record(z.string(), z.unknown()).default({}),
  timeoutMs: z.number().int().positive().optional(),
});

const sourceBody = z.object({
  from: z.string().min(1),
  on: z.string().min(1).optional(),
  actorCol: z.string().min(1).optional(),
  eventCol: z.string().min(1).optional(),
  timeCol: z.string().min(1).optional(),
});

const valuesBody = z.object({
  from: z.string().min(1),
  on: z.string().min(1).optional(),
  column: z.string().min(1),
  limit: z.number().int().positive().max(500).default(50),
});

type MetricBody = z.output<typeof metricBody>;

/** Product metrics: the answer with its options, counts, warnings and SQL; or only the SQL ("Open as SQL"). */
export function metricRoutes(deps: AppDeps) {
  const withTarget = async <T>(on: string | undefined, fn: (t: MetricTarget) => Promise<T>): Promise<T> => {
    if (on === undefined) return fn(duckdbTarget(deps.workspace.engine));
    const conn = await openNamedConnection(deps.workspace, on);
    try {
      return await fn(liveTarget(conn));
    } finally {
      await conn.close();
    }
  };
  return new Hono()
    .post('/metrics', jsonBody(metricBody), async (c) => {
      const b = c.req.valid('json');
      const opts = { signal: c.req.raw.signal, ...(b.timeoutMs ? { timeoutMs: b.timeoutMs } : {}) };
      const answer = await withTarget(b.on, (t) => answerMetric(t, request(b), opts));
      return c.json(answer);
    })
    .post('/metrics/sql', jsonBody(metricBody), async (c) => {
      const b = c.req.valid('json');
      const sql = await withTarget(b.on, (t) => metricRequestSql(t, request(b)));
      return c.json({ sql });
    })
    .post('/metrics/source', jsonBody(sourceBody), async (c) => {
      const b = c.req.valid('json');
      const out = await withTarget(b.on, async (t) => {
        const src = await describeEventSource(t, b.from, {
          actor: b.actorCol,
          event: b.eventCol,
          time: b.timeCol,
        });
        const events = await topValues(t, src.source, src.roles.event, 500);
        return {
          from: b.from,
          columns: src.columns,
          roles: src.roles,
          events: events.map((e) => ({ name: String(e.value), count: e.count })),
        };
      });
      return c.json(out);
    })
    .post('/metrics/values', jsonBody(valuesBody), async (c) => {
      const b = c.req.valid('json');
      const values = await withTarget(b.on, async (t) => {
        const source = await qualifiedSource(t, b.from);
        const probe = await t.query(toSql(select(star()).from(fromItem(source)).limit(0), t.dialect));
        if (!probe.columns.some((col) => col.name === b.column)) {
          throw new SightlineError(`There is no column "${b.column}" in ${b.from}.`, {
            hints: [`Columns: ${probe.columns.map((col) => col.name).join(', ')}.`],
          });
        }
        return topValues(t, source, b.column, b.limit);
      });
      return c.json({ column: b.column, values });
    });
}

function request(b: MetricBody): MetricRequest {
  return {
    metric: b.metric,
    from: b.from,
    options: b.options,
    ...(b.actorCol ? { actorCol: b.actorCol } : {}),
    ...(b.eventCol ? { eventCol: b.eventCol } : {}),
    ...(b.timeCol ? { timeCol: b.timeCol } : {}),
    ...(b.since ? { since: b.since } : {}),
    ...(b.until ? { until: b.until } : {}),
    ...(b.tz ? { tz: b.tz } : {}),
    ...(b.assignments ? { assignments: dropUndefined(b.assignments) } : {}),
  };
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function fromItem(source: ResolvedSource): FromInput {
  if ('sql' in source) return subqueryRef(rawQuery(source.sql), 's');
  return source.schema ? table([source.schema, source.table], 's') : table(source.table, 's');
}

/** The most frequent non-null values of a column with their row counts (most frequent first, then by value). */
async function topValues(
  t: MetricTarget,
  source: ResolvedSource,
  col: string,
  limit: number,
): Promise<{ value: string | number | boolean; count: number }[]> {
  const q = select({ value: column(col, 's'), count: count() })
    .from(fromItem(source))
    .where(isNotNull(column(col, 's')))
    .groupBy(column(col, 's'))
    .orderBy(desc(column('count')), asc(column('value')))
    .limit(limit);
  const r = await t.query(toSql(q, t.dialect));
  return r.rows.map((row) => ({
    value: row.value as string | number | boolean,
    count: Number(row.count),
  }));
}
