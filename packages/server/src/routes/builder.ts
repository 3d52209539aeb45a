import {
  BuilderCompileFailure,
  compileBuilderFor,
  duckdbTarget,
  liveTarget,
  type MetricTarget,
  openConnection,
  parseBuilderSql,
  SavedBuilderQueries,
  SightlineError,
} from '@sightline/engine';
import { type BuilderQuery, compileBuilder, parseBuilderQuery } from '@sightline/spec';
import { postgresDialect } from '@sightline/sql';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { jsonBody } from '../json-body.js';

const compileBody = z.object({
  query: z.unknown(),
  /** Write SQL for this engine without asking it for columns (default: the workspace's DuckDB, or `on`). */
  dialect: z.enum(['duckdb', 'postgres']).optional(),
  /** A stored live connection: compile for it, checking columns there. */
  on: z.string().min(1).optional(),
  /** The moment date presets count from (ISO); default the engine's clock. */
  now: z.string().min(1).optional(),
});
const parseBody = z.object({ sql: z.string().min(1, 'the SQL is empty') });
const runBody = z.object({
  query: z.unknown(),
  on: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().optional(),
});
const saveBody = z.object({ query: z.unknown() });

/** A compile problem as the builder shows it: plain message, hints, and where (0-based step, formula character). */
interface CompileProblem {
  message: string;
  hints: string[];
  step?: number;
  position?: number;
}

function validQuery(input: unknown): BuilderQuery {
  const parsed = parseBuilderQuery(input);
  if (!parsed.ok)
    throw new ApiError('bad_request', parsed.error, ['See docs/builder.md for the steps and their fields.']);
  return parsed.value;
}

function problemOf(err: BuilderCompileFailure): CompileProblem {
  const p: CompileProblem = { message: err.message, hints: err.hints };
  if (err.step !== undefined) p.step = err.step;
  if (err.position !== undefined) p.position = err.position;
  return p;
}

/** The no-code builder: live SQL for a query, SQL read back into steps, runs, and saved builder queries. */
export function builderRoutes(deps: AppDeps) {
  const saved = () => new SavedBuilderQueries(deps.workspace.workbooksDir);
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
  return new Hono()
    .post('/builder/compile', jsonBody(compileBody), async (c) => {
      const body = c.req.valid('json');
      const parsed = parseBuilderQuery(body.query);
      if (!parsed.ok)
        return c.json({ ok: false as const, error: { message: parsed.error, hints: [] } as CompileProblem });
      const query = parsed.value;
      const now = body.now === undefined ? {} : { now: body.now };
      if (body.on === undefined && body.dialect === 'postgres') {
        const store = saved();
        const r = compileBuilder(query, postgresDialect(), {
          savedQuery: (id) => store.find(id)?.query,
          ...now,
        });
        if (!r.ok) return c.json({ ok: false as const, error: r.error as CompileProblem });
        return c.json({ ok: true as const, sql: r.value.sql, columns: r.value.columns ?? null });
      }
      try {
        const compiled = await withTarget(body.on, (t) =>
          compileBuilderFor(t, query, { saved: saved(), ...now }),
        );
        return c.json({ ok: true as const, sql: compiled.sql, columns: compiled.columns ?? null });
      } catch (err) {
        if (err instanceof BuilderCompileFailure)
          return c.json({ ok: false as const, error: problemOf(err) });
        throw err;
      }
    })
    .post('/builder/parse', jsonBody(parseBody), async (c) => {
      const { sql } = c.req.valid('json');
      const parsed = await parseBuilderSql(deps.workspace.engine, sql, { saved: saved() });
      return c.json({
        query: parsed.query,
        exact: parsed.exact,
        ...(parsed.reason === undefined ? {} : { reason: parsed.reason }),
      });
    })
    .post('/builder/run', jsonBody(runBody), async (c) => {
      const body = c.req.valid('json');
      const query = validQuery(body.query);
      const compiled = await withTarget(body.on, (t) => compileBuilderFor(t, query, { saved: saved() }));
      const id = deps.queries.start(compiled.sql, {
        ...(body.timeoutMs === undefined ? {} : { timeoutMs: body.timeoutMs }),
        ...(body.on === undefined ? {} : { on: body.on }),
      });
      return c.json({ id, sql: compiled.sql }, 202);
    })
    .get('/builder/saved', (c) => c.json({ saved: saved().list() }))
    .get('/builder/saved/:name', (c) => {
      const found = saved().find(c.req.param('name'));
      if (!found) throw new ApiError('not_found', `There is no saved query named "${c.req.param('name')}".`);
      return c.json(found);
    })
    .put('/builder/saved/:name', jsonBody(saveBody), (c) => {
      const query = validQuery(c.req.valid('json').query);
      return c.json(saved().put(c.req.param('name'), query));
    })
    .delete('/builder/saved/:name', (c) => {
      if (!saved().delete(c.req.param('name'))) {
        throw new ApiError('not_found', `There is no saved query named "${c.req.param('name')}".`);
      }
      return c.json({ deleted: true });
    });
}
