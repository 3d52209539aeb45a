import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { jsonBody, queryParams } from '../json-body.js';

const startBody = z.object({
  sql: z.string().min(1, 'the SQL is empty'),
  timeoutMs: z.number().int().positive().optional(),
  /** A stored live connection to run the SQL on (pushed down); absent: the workspace. */
  on: z.string().min(1).optional(),
});

const pageQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(0).max(10_000).default(100),
});

/** The query lifecycle: start, status (progress, elapsed), page of rows, cancel, forget. */
export function queryRoutes(deps: AppDeps) {
  const queries = deps.queries;
  return new Hono()
    .post('/queries', jsonBody(startBody), (c) => {
      const { sql, timeoutMs, on } = c.req.valid('json');
      const id = queries.start(sql, {
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(on === undefined ? {} : { on }),
      });
      return c.json({ id }, 202);
    })
    .get('/queries/:id', (c) => c.json(queries.status(c.req.param('id'))))
    .get('/queries/:id/rows', queryParams(pageQuery), async (c) => {
      const { offset, limit } = c.req.valid('query');
      return c.json(await queries.page(c.req.param('id'), offset, limit));
    })
    .post('/queries/:id/cancel', (c) => c.json(queries.cancel(c.req.param('id'))))
    .delete('/queries/:id', async (c) => {
      await queries.drop(c.req.param('id'));
      return c.json({ dropped: true });
    });
}
