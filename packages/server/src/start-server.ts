import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { serve } from '@hono/node-server';
import { SightlineError, Workspace } from '@sightline/engine';
import { createApp } from './app.js';
import { findRunningServer, removeServerFile, writeServerFile } from './server-file.js';

/** Options of `startServer`. */
export interface StartServerOptions {
  workspaceDir: string;
  /** Default: a free port. */
  port?: number;
  /** Default `127.0.0.1`. Anything else (e.g. `0.0.0.0`) exposes the workspace to the network. */
  host?: string;
  staticDir?: string;
  /** Where internal faults are reported (default stderr). */
  log?: (line: string) => void;
}

/** A started server. */
export interface ServerHandle {
  /** The address to open, with `?token=`. */
  url: string;
  token: string;
  port: number;
  /** Set when the server listens beyond this machine: what that exposes, to print before the URL. */
  warning?: string;
  /** Stops listening, cancels running queries, closes the workspace and removes server.json. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Opens the workspace and serves the API and web app on `host:port` with a fresh random token; writes
 * `<workspace>/server.json` (mode 0600) so the CLI can run its commands through this server.
 */
export async function startServer(opts: StartServerOptions): Promise<ServerHandle> {
  const running = findRunningServer(opts.workspaceDir);
  if (running) {
    throw new SightlineError(
      `A Sightline server is already serving this workspace at ${new URL(running.url).origin}.`,
      {
        kind: 'user',
        hints: ['Use that one, or stop it first (Ctrl+C in its terminal).'],
      },
    );
  }
  const host = opts.host ?? '127.0.0.1';
  const token = randomBytes(24).toString('base64url');
  const workspace = await Workspace.open(opts.workspaceDir, { actorCopies: true });
  const allowedHosts: string[] = [];
  const app = createApp({
    workspace,
    token,
    allowedHosts,
    ...(opts.staticDir === undefined ? {} : { staticDir: opts.staticDir }),
    ...(opts.log ? { log: opts.log } : {}),
  });
  let server: ReturnType<typeof serve>;
  let port: number;
  try {
    ({ server, port } = await listen(app.fetch, host, opts.port ?? 0));
  } catch (err) {
    await app.dispose();
    await workspace.close();
    throw err;
  }
  allowedHosts.push(...hostNames(host).map((h) => `${h}:${port}`));
  const browserHost = LOOPBACK.has(host) || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : bracket(host);
  const base = `http://${browserHost}:${port}/`;
  writeServerFile(workspace.dir, { url: base, token, pid: process.pid });
  const onExit = () => removeServerFile(workspace.dir);
  process.once('exit', onExit);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      process.off('exit', onExit);
      removeServerFile(workspace.dir);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await app.dispose();
      await workspace.close();
    })();
    return closing;
  };
  const handle: ServerHandle = { url: `${base}?token=${token}`, token, port, close };
  if (!LOOPBACK.has(host)) {
    handle.warning = `Listening on ${host}: anyone who can reach this machine on port ${port} and has the link can read, change and export every table in this workspace, and read files this user can read.`;
  }
  return handle;
}

function listen(fetch: (req: Request) => Response | Promise<Response>, hostname: string, port: number) {
  return new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    );
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new SightlineError(`Port ${port} on ${hostname} is already in use.`, {
              kind: 'user',
              hints: ['Choose another with --port, or leave it out to use a free one.'],
            })
          : err,
      );
    });
  });
}

/** Host names a browser may use to reach a server bound to `host`. */
function hostNames(host: string): string[] {
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  if (LOOPBACK.has(host)) return names;
  if (host === '0.0.0.0' || host === '::') {
    const addresses = Object.values(networkInterfaces())
      .flatMap((list) => list ?? [])
      .map((a) => bracket(a.address));
    return [...new Set([...names, ...addresses])];
  }
  return [...new Set([...names, bracket(host)])];
}

function bracket(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
