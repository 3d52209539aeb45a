import { diagnoseJoin, suggestKeys } from '@sightline/engine';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { jsonBody } from '../json-body.js';

const label = z.string().min(1).max(200).optional();
const source = z.union([
  z.object({ table: z.string().min(1), schema: z.string().min(1).optional(), label }).strict(),
  z.object({ sql: z.string().min(1), label }).strict(),
]);
const pair = z.object({ left: z.string().min(1), right: z.string().min(1) });

const diagnoseBody = z.object({
  left: source,
  right: source,
  on: z.array(pair).min(1, 'a join needs at least one pair of key columns').max(8),
  kind: z.enum(['inner', 'left', 'right', 'full']).default('left'),
});

const keysBody = z.object({ left: source, right: source, limit: z.number().int().min(1).max(20).optional() });

/** The join doctor: match figures, fan-out and key mismatches of a join before it runs; suggested key pairs. */
export function joinDoctorRoutes(deps: AppDeps) {
  return new Hono()
    .post('/join-doctor', jsonBody(diagnoseBody), async (c) => {
      const body = c.req.valid('json');
      return c.json(await diagnoseJoin(deps.workspace.engine, body), 200);
    })
    .post('/join-doctor/keys', jsonBody(keysBody), async (c) => {
      const { left, right, limit } = c.req.valid('json');
      return c.json({ suggestions: await suggestKeys(deps.workspace.engine, left, right, limit) }, 200);
    });
}
