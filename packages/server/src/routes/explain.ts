import { explainQuery } from '@sightline/engine';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { jsonBody } from '../json-body.js';

const explainBody = z.object({ sql: z.string().min(1, 'the SQL is empty') });

/** POST /api/explain: a plain-words, clause-by-clause explanation of a query (nothing is run). */
export function explainRoutes(deps: AppDeps) {
  return new Hono().post('/explain', jsonBody(explainBody), async (c) => {
    const { sql } = c.req.valid('json');
    return c.json(await explainQuery(deps.workspace.engine, sql));
  });
}
