import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { queryParams } from '../json-body.js';

const uploadQuery = z.object({ name: z.string().min(1, 'name the file, e.g. ?name=orders.csv') });

/**
 * Uploads: POST /api/uploads?name=FILE with the raw file as the body (streamed to disk, no size cap but the
 * disk; not subject to the JSON body limit), GET /api/uploads (all, also those still arriving) and
 * GET /api/uploads/:id for progress, DELETE to remove.
 */
export function uploadRoutes(deps: AppDeps) {
  return new Hono()
    .post('/uploads', queryParams(uploadQuery), async (c) => {
      const length = Number(c.req.header('content-length'));
      const info = await deps.uploads.receive(
        c.req.valid('query').name,
        c.req.raw.body,
        Number.isFinite(length) && length >= 0 ? length : null,
      );
      return c.json(info, 201);
    })
    .get('/uploads', (c) => c.json(deps.uploads.list()))
    .get('/uploads/:id', (c) => c.json(deps.uploads.info(c.req.param('id'))))
    .delete('/uploads/:id', (c) => {
      deps.uploads.remove(c.req.param('id'));
      return c.json({ removed: true });
    });
}
