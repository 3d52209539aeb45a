import type { ColumnInfo, Engine, JsonRow, RowBatch } from '@sightline/engine';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { toErrorBody } from '../errors.js';
import { jsonBody } from '../json-body.js';

const runBody = z.object({
  sql: z.string().min(1, 'the SQL is empty'),
  /** `events`: NDJSON lines `{columns}`, `{rows}`..., then `{done}` or `{error}`. `json`: one object. */
  format: z.enum(['events', 'json']).default('events'),
  params: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  timeoutMs: z.number().int().positive().optional(),
  maxRows: z.number().int().min(0).optional(),
});

/** One line of the `events` stream of POST /api/query. */
export type RunEvent =
  | { columns: ColumnInfo[] }
  | { rows: JsonRow[] }
  | { done: { rowCount: number; elapsedMs: number } }
  | { error: ReturnType<typeof toErrorBody>['error'] };

/** POST /api/query: runs SQL and streams the rows (the CLI's path while a server holds the workspace). */
export function runRoutes(deps: AppDeps) {
  const engine = deps.workspace.engine;
  return new Hono().post('/query', jsonBody(runBody), async (c) => {
    const { sql, format, params, timeoutMs, maxRows } = c.req.valid('json');
    const opts = {
      ...(params ? { params } : {}),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    };
    if (format === 'json') {
      return c.json(await engine.query(sql, { ...opts, ...(maxRows === undefined ? {} : { maxRows }) }));
    }
    return streamEvents(engine, sql, { ...opts, signal: c.req.raw.signal });
  });
}

/**
 * Streams the result as NDJSON events. The first batch is read before answering, so a query that fails at once
 * gets a proper error status; a failure later ends the stream with an `{error}` line.
 */
async function streamEvents(
  engine: Engine,
  sql: string,
  opts: { params?: unknown[]; timeoutMs?: number; signal: AbortSignal },
): Promise<Response> {
  const started = performance.now();
  const iterator = engine.stream(sql, opts)[Symbol.asyncIterator]();
  const first = await iterator.next();
  let rowCount = 0;
  const encoder = new TextEncoder();
  const line = (event: RunEvent) => encoder.encode(`${JSON.stringify(event)}\n`);
  let pending: IteratorResult<RowBatch> | undefined = first;
  let finished = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(line({ columns: first.done ? [] : first.value.columns }));
    },
    async pull(controller) {
      if (finished) return;
      try {
        const next = pending ?? (await iterator.next());
        pending = undefined;
        if (next.done) {
          finished = true;
          controller.enqueue(
            line({ done: { rowCount, elapsedMs: Math.round(performance.now() - started) } }),
          );
          controller.close();
          return;
        }
        rowCount += next.value.rows.length;
        controller.enqueue(line({ rows: next.value.rows }));
      } catch (err) {
        finished = true;
        controller.enqueue(line({ error: toErrorBody(err).error }));
        controller.close();
      }
    },
    async cancel() {
      finished = true;
      await iterator.return?.();
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8' } });
}
