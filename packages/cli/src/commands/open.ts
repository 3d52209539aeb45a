import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '@sightline/server';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit.js';

/** Options of `sightline open`. */
export interface OpenOptions {
  port?: string;
  host?: string;
  browser?: boolean;
}

/** The built web app, next to this package in the repository (packages/web/dist). */
export function webDistDir(): string | undefined {
  const dir = fileURLToPath(new URL('../../../web/dist', import.meta.url));
  return existsSync(`${dir}/index.html`) ? dir : undefined;
}

/**
 * `sightline open`: serves the web workbench for the workspace on 127.0.0.1 (a free port unless --port), prints
 * the link with this start's token, opens the browser, and runs until Ctrl+C.
 */
export async function openCommand(ctx: CliContext, opts: OpenOptions): Promise<void> {
  const port = opts.port === undefined ? undefined : Number(opts.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    throw new UsageError(`--port needs a port number (0 to 65535), not "${opts.port}".`);
  }
  const staticDir = webDistDir();
  const server = await startServer({
    workspaceDir: ctx.workspaceDir,
    ...(port === undefined ? {} : { port }),
    ...(opts.host === undefined ? {} : { host: opts.host }),
    ...(staticDir ? { staticDir } : {}),
  });
  if (server.warning) ctx.note(`warning: ${server.warning}`);
  if (!staticDir)
    ctx.note('note: the web app is not built yet; run "npm run build" in the Sightline folder.');
  ctx.note(`Sightline is serving ${ctx.workspaceDir}`);
  ctx.note(`Open this link (it holds a new secret token each time): ${server.url}`);
  ctx.note('Press Ctrl+C to stop.');
  if (opts.browser !== false) openBrowser(server.url, ctx.io.env);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  ctx.note('Stopped.');
}

function openBrowser(url: string, env: NodeJS.ProcessEnv): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return;
  try {
    const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser to open: the link printed above is enough.
  }
}
