import {
  answerMetric,
  duckdbTarget,
  liveTarget,
  type MetricRequest,
  type MetricTarget,
  metricRequestSql,
  openConnection,
  SightlineError,
} from '@sightline/engine';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { jsonBody } from '../json-body.js';

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
  /** The metric's own options, as in its spec (steps, window, start, period...). */
  options: z.record(z.string(), z.unknown()).default({}),
  timeoutMs: z.number().int().positive().optional(),
});

/** Product metrics: the answer with its options, counts, warnings and SQL; or only the SQL ("Open as SQL"). */
export function metricRoutes(deps: AppDeps) {
  const withTarget = async <T>(on: string | undefined, fn: (t: MetricTarget) => Promise<T>): Promise<T> => {
    if (on === undefined) return fn(duckdbTarget(deps.workspace.engine));
    const spec = deps.workspace.readConfig().connections[on];
    if (!spec) {
      throw new SightlineError(`There is no connection named "${on}" in this workspace.`, {
        hints: ['Add one with: sightline connect NAME postgres://user@host:5432/database'],
      });
    }
    const conn = await openConnection(spec);
    try {
      return await fn(liveTarget(conn));
    } finally {
      await conn.close();
    }
  };
  const request = (b: z.output<typeof metricBody>): MetricRequest => ({
    metric: b.metric,
    from: b.from,
    options: b.options,
    ...(b.actorCol ? { actorCol: b.actorCol } : {}),
    ...(b.eventCol ? { eventCol: b.eventCol } : {}),
    ...(b.timeCol ? { timeCol: b.timeCol } : {}),
    ...(b.since ? { since: b.since } : {}),
    ...(b.until ? { until: b.until } : {}),
    ...(b.tz ? { tz: b.tz } : {}),
  });
  return new Hono()
    .post('/metrics', jsonBody(metricBody), async (c) => {
      const b = c.req.valid('json');
      const signal = c.req.raw.signal;
      const answer = await withTarget(b.on, (t) =>
        answerMetric(t, request(b), { signal, ...(b.timeoutMs ? { timeoutMs: b.timeoutMs } : {}) }),
      );
      return c.json(answer);
    })
    .post('/metrics/sql', jsonBody(metricBody), async (c) => {
      const b = c.req.valid('json');
      const sql = await withTarget(b.on, (t) => metricRequestSql(t, request(b)));
      return c.json({ sql });
    });
}
