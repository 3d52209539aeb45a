import { Workspace } from '@sightline/engine';
import { tempDir } from '@sightline/testkit';
import { createApp, type SightlineApp } from './app.js';
import type { ErrorBody } from './errors.js';
import type { QueryRegistryOptions } from './query-registry.js';

/** The token every test app uses. */
export const TEST_TOKEN = 'test-token-0123456789';
/** The origin test requests are sent to. */
export const ORIGIN = 'http://127.0.0.1:4321';

/** A throwaway workspace and an in-process app over it, plus helpers to call it with the token. */
export interface TestServer {
  app: SightlineApp;
  workspace: Workspace;
  dir: string;
  /** Calls `path` with the Bearer token; a plain object `json` is sent as a JSON body. */
  call(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** Opens a workspace in a temp folder (1 thread, small memory) and builds the app over it. */
export async function testServer(
  opts: {
    queries?: QueryRegistryOptions;
    maxJsonBytes?: number;
    staticDir?: string;
    log?: (l: string) => void;
  } = {},
): Promise<TestServer> {
  const tmp = tempDir('sightline-server-');
  const workspace = await Workspace.open(tmp.path, { threads: 1, memoryLimit: '512MB' });
  const app = createApp({
    workspace,
    token: TEST_TOKEN,
    allowedHosts: ['127.0.0.1:4321', 'localhost:4321', '[::1]:4321'],
    log: opts.log ?? (() => undefined),
    ...(opts.queries ? { queries: opts.queries } : {}),
    ...(opts.maxJsonBytes === undefined ? {} : { maxJsonBytes: opts.maxJsonBytes }),
    ...(opts.staticDir === undefined ? {} : { staticDir: opts.staticDir }),
  });
  return {
    app,
    workspace,
    dir: tmp.path,
    call: async (path, init = {}) => {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${TEST_TOKEN}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return app.request(`${ORIGIN}${path}`, {
        ...rest,
        headers,
        ...(json !== undefined ? { method: rest.method ?? 'POST', body: JSON.stringify(json) } : {}),
      });
    },
    close: async () => {
      await app.dispose();
      await workspace.close();
      tmp.cleanup();
    },
  };
}

/** Reads a response's JSON body as `T` (by default the error shape). */
export async function body<T = ErrorBody>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
