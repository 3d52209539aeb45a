import { LessonBook } from '@sightline/engine';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { jsonBody } from '../json-body.js';

const checkBody = z.object({ sql: z.string() });

/** SQL lessons on the sample data: the list with progress, one lesson, checking an answer, starting over. */
export function lessonRoutes(deps: AppDeps) {
  const book = new LessonBook(deps.workspace.engine, deps.workspace.filesDir);
  return new Hono()
    .get('/lessons', async (c) => {
      const lessons = await book.list();
      const sampleReady = await book.sampleReady();
      return c.json({
        lessons,
        completed: lessons.filter((l) => l.progress.completedAt !== null).length,
        sampleReady,
      });
    })
    .get('/lessons/:id', async (c) => c.json(await book.open(c.req.param('id'))))
    .post('/lessons/:id/check', jsonBody(checkBody), async (c) =>
      c.json(await book.check(c.req.param('id'), c.req.valid('json').sql)),
    )
    .post('/lessons/:id/reset', async (c) => c.json(await book.reset(c.req.param('id'))));
}
