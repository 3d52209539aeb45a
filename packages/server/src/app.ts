import { join } from 'node:path';
import type { Workspace } from '@sightline/engine';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { hostGuard, tokenAuth } from './auth.js';
import type { AppDeps } from './deps.js';
import { ApiError, errorResponse, statusOf, toErrorBody, tooLarge } from './errors.js';
import { openNamedConnection } from './live-connections.js';
import { QueryRegistry, type QueryRegistryOptions } from './query-registry.js';
import { builderRoutes } from './routes/builder.js';
import { catalogRoutes } from './routes/catalog.js';
import { explainRoutes } from './routes/explain.js';
import { exportRoutes } from './routes/exports.js';
import { httpRoutes } from './routes/http.js';
import { importRoutes } from './routes/imports.js';
import { joinDoctorRoutes } from './routes/join-doctor.js';
import { lessonRoutes } from './routes/lessons.js';
import { logViewRoutes } from './routes/log-view.js';
import { metricRoutes } from './routes/metrics.js';
import { queryRoutes } from './routes/queries.js';
import { runRoutes } from './routes/run.js';
import { sampleRoutes } from './routes/sample.js';
import { uploadRoutes } from './routes/uploads.js';
import { staticRoutes } from './static-ui.js';
import { UploadStore } from './uploads.js';

/** Options of `createApp`. */
export interface AppOptions {
  workspace: Workspace;
  /** The secret every request must carry (Bearer header or cookie). */
  token: string;
  /** Host header values the server answers to, e.g. `127.0.0.1:8123`. */
  allowedHosts: string[];
  /** The built web app; when absent `/` says it is not built yet. */
  staticDir?: string;
  /** Largest JSON request body in bytes (default 1 MB). */
  maxJsonBytes?: number;
  queries?: QueryRegistryOptions;
  /** Where internal faults are reported (never with the token); default stderr. */
  log?: (line: string) => void;
}

/** A Hono app plus `dispose()`, which cancels running queries and frees kept results and uploads. */
export type SightlineApp = ReturnType<typeof buildApp> & { dispose(): Promise<void> };

/** Builds the HTTP API and the static UI for a workspace (in-process; `startServer` puts it on a port). */
export function createApp(opts: AppOptions): SightlineApp {
  const deps: AppDeps = {
    workspace: opts.workspace,
    queries: new QueryRegistry(opts.workspace.engine, {
      openLive: (name) => openNamedConnection(opts.workspace, name),
      ...opts.queries,
    }),
    uploads: new UploadStore(join(opts.workspace.tmpDir, 'uploads')),
    exportDir: join(opts.workspace.tmpDir, 'exports'),
  };
  const app = buildApp(deps, opts);
  return Object.assign(app, {
    dispose: async () => {
      await deps.queries.closeAll();
      deps.uploads.removeAll();
    },
  });
}

function buildApp(deps: AppDeps, opts: AppOptions) {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const limit = bodyLimit({
    maxSize: opts.maxJsonBytes ?? 1024 * 1024,
    onError: (c) => c.json(tooLarge(), statusOf('too_large')),
  });
  const api = new Hono()
    .use('*', async (c, next) => (c.req.path.startsWith('/api/uploads') ? next() : limit(c, next)))
    .route('/', catalogRoutes(deps))
    .route('/', queryRoutes(deps))
    .route('/', runRoutes(deps))
    .route('/', uploadRoutes(deps))
    .route('/', importRoutes(deps))
    .route('/', exportRoutes(deps))
    .route('/', metricRoutes(deps))
    .route('/', sampleRoutes(deps))
    .route('/', explainRoutes(deps))
    .route('/', builderRoutes(deps))
    .route('/', joinDoctorRoutes(deps))
    .route('/', lessonRoutes(deps))
    .route('/', logViewRoutes(deps))
    .route('/', httpRoutes(deps))
    .all('*', (c) => {
      throw new ApiError('not_found', `There is no API endpoint ${c.req.method} ${c.req.path}.`, [
        'See docs/server.md for the endpoints.',
      ]);
    });
  const app = new Hono()
    .use('*', hostGuard(opts.allowedHosts))
    .use('*', tokenAuth(opts.token))
    .route('/api', api)
    .route('/', staticRoutes(opts.staticDir));
  app.onError((err, c) => {
    const body = toErrorBody(err);
    if (body.error.code === 'internal')
      log(`sightline server: internal error on ${c.req.method} ${c.req.path}: ${describe(err)}`);
    return errorResponse(c, err);
  });
  app.notFound((c) => errorResponse(c, new ApiError('not_found', `There is nothing at ${c.req.path}.`)));
  return app;
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** The typed API for Hono's client (`hc<AppType>`). */
export type AppType = ReturnType<typeof buildApp>;
