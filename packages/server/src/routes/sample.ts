import { createSampleData } from '@sightline/engine';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { jsonBody } from '../json-body.js';

const sampleBody = z.object({
  /** Size relative to the full sample (1: about 20k users and 1M events). */
  scale: z.number().gt(0).max(10).optional(),
});

/** The sample dataset in one click: what the first run on an empty workspace offers. */
export function sampleRoutes(deps: AppDeps) {
  return new Hono().post('/sample', jsonBody(sampleBody), async (c) => {
    const body = c.req.valid('json');
    const conn = await deps.workspace.engine.connect();
    try {
      const made = await createSampleData(
        conn,
        deps.workspace.filesDir,
        body.scale ? { scale: body.scale } : {},
      );
      return c.json(made, 201);
    } finally {
      conn.closeSync();
    }
  });
}
