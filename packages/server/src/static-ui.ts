import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sightline</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}
code{background:#f2f2f2;padding:0 .3em;border-radius:3px}</style></head>
<body><h1>Sightline is running</h1>
<p>The web app is not built yet, so there is nothing to show here. The API works: try
<a href="/api/tables"><code>/api/tables</code></a>.</p>
<p>To build the web app, run <code>npm run build</code> in the project folder, then open the link again.</p>
</body></html>
`;

/**
 * The browser app: files from `staticDir` (any unknown non-API path falls back to its index.html, for client-side
 * routes), or, when there is none, a small page saying the web app is not built yet.
 */
export function staticRoutes(staticDir: string | undefined) {
  const app = new Hono();
  if (staticDir === undefined || !existsSync(join(staticDir, 'index.html'))) {
    return app.get('*', (c) => c.html(NOT_BUILT));
  }
  const root = resolve(staticDir);
  const index = readFileSync(join(root, 'index.html'), 'utf8');
  return app.use('*', serveStatic({ root })).get('*', (c) => c.html(index));
}
