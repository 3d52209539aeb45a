import {
  type LogViewRequest,
  logFacets,
  logPatterns,
  logRoles,
  logRows,
  logTimeline,
  logViewSql,
  resolveLogRequest,
} from '@sightline/engine';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { jsonBody } from '../json-body.js';

const name = z.string().min(1);
const rolesSchema = z.object({
  time: z
    .object({
      column: name,
      kind: z.enum(['timestamptz', 'timestamp', 'date', 'text', 'epoch_s', 'epoch_ms']),
    })
    .nullable(),
  severity: z
    .object({ column: name, kind: z.enum(['level', 'pino_level', 'syslog_level', 'http_status']) })
    .nullable(),
  message: z.array(name),
  facets: z.array(name).max(20),
});
const viewBody = z.object({
  table: name,
  /** Detected when omitted (POST /api/logs/roles shows what would be picked). */
  roles: rolesSchema.optional(),
  /** ISO instants, `from` inclusive, `to` exclusive: the brushed span. */
  range: z.object({ from: z.string().min(1), to: z.string().min(1) }).optional(),
  filters: z
    .array(
      z.object({ column: name, values: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])) }),
    )
    .default([]),
  search: z.string().max(4000).optional(),
  /** A pattern's template: keep only its lines. */
  pattern: z.string().max(4000).optional(),
  /** Timeline bar width (`1m`, `1h`...); automatic when omitted. */
  interval: z.string().optional(),
  timeoutMs: z.number().int().positive().optional(),
});
type ViewBody = z.output<typeof viewBody>;

const toRequest = (b: ViewBody): LogViewRequest => ({
  table: b.table,
  filters: b.filters,
  ...(b.roles ? { roles: b.roles } : {}),
  ...(b.range ? { range: b.range } : {}),
  ...(b.search ? { search: b.search } : {}),
  ...(b.pattern !== undefined ? { pattern: b.pattern } : {}),
});

/** The Logs view: roles of a log table, and the timeline, facets, lines, patterns and SQL of a filtered view. */
export function logViewRoutes(deps: AppDeps) {
  const engine = () => deps.workspace.engine;
  const run = (b: ViewBody, signal: AbortSignal) => ({
    signal,
    ...(b.timeoutMs ? { timeoutMs: b.timeoutMs } : {}),
    ...(b.interval ? { interval: b.interval } : {}),
  });
  return new Hono()
    .post('/logs/roles', jsonBody(z.object({ table: name })), async (c) =>
      c.json(await logRoles(engine(), c.req.valid('json').table)),
    )
    .post('/logs/timeline', jsonBody(viewBody), async (c) => {
      const b = c.req.valid('json');
      const req = await resolveLogRequest(engine(), toRequest(b));
      return c.json(await logTimeline(engine(), req, run(b, c.req.raw.signal)));
    })
    .post(
      '/logs/facets',
      jsonBody(viewBody.extend({ top: z.number().int().min(1).max(100).optional() })),
      async (c) => {
        const b = c.req.valid('json');
        const req = await resolveLogRequest(engine(), toRequest(b));
        const facets = await logFacets(engine(), req, {
          ...run(b, c.req.raw.signal),
          ...(b.top ? { top: b.top } : {}),
        });
        return c.json({ facets });
      },
    )
    .post(
      '/logs/rows',
      jsonBody(
        viewBody.extend({
          offset: z.number().int().min(0).default(0),
          limit: z.number().int().min(1).max(1000).default(100),
        }),
      ),
      async (c) => {
        const b = c.req.valid('json');
        const req = await resolveLogRequest(engine(), toRequest(b));
        return c.json(
          await logRows(engine(), req, { ...run(b, c.req.raw.signal), offset: b.offset, limit: b.limit }),
        );
      },
    )
    .post(
      '/logs/patterns',
      jsonBody(
        viewBody.extend({
          limit: z.number().int().min(1).max(500).optional(),
          similarity: z.number().gt(0).max(1).optional(),
        }),
      ),
      async (c) => {
        const b = c.req.valid('json');
        const req = await resolveLogRequest(engine(), toRequest(b));
        return c.json(
          await logPatterns(engine(), req, {
            ...run(b, c.req.raw.signal),
            ...(b.limit ? { limit: b.limit } : {}),
            ...(b.similarity ? { similarity: b.similarity } : {}),
          }),
        );
      },
    )
    .post('/logs/sql', jsonBody(viewBody), async (c) => {
      const req = await resolveLogRequest(engine(), toRequest(c.req.valid('json')));
      return c.json({ sql: logViewSql(req) });
    });
}
