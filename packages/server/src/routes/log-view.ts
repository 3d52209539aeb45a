import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';

/** Routes of this area (filled in as it is built). */
export function logViewRoutes(_deps: AppDeps) {
  return new Hono();
}
