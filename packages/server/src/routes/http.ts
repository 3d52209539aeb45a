import type { IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import {
  allowPrivateFor,
  HttpEnvironmentStore,
  HttpHistoryStore,
  importOpenApi,
  saveHttpAsTable,
  sendHttp,
  toExchangeView,
} from '@sightline/engine';
import {
  type HttpEnvironment,
  HttpRequestSpecSchema,
  HttpSaveTableSpecSchema,
  maskEnvironment,
  parseCurl,
  toCurl,
} from '@sightline/spec';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { jsonBody } from '../json-body.js';

const sendBody = z
  .object({ request: HttpRequestSpecSchema, environment: z.string().min(1).optional() })
  .strict();
const exportBody = sendBody.extend({ revealSecrets: z.boolean().default(false) }).strict();
const environmentBody = z
  .object({
    variables: z.array(
      z
        .object({ name: z.string(), value: z.string().nullable(), secret: z.boolean().default(false) })
        .strict(),
    ),
  })
  .strict();
const openApiBody = z.object({ text: z.string().min(1, 'paste an OpenAPI document') }).strict();
const curlBody = z.object({ curl: z.string().min(1, 'paste a cURL command') }).strict();

function isLoopback(address: string): boolean {
  return /^(127\.|::1$|::ffff:127\.)/.test(address) || address === 'localhost';
}

/**
 * Whether the server answering `c` listens only on loopback. In-process requests (tests, `app.request`) have no
 * socket and count as loopback; a test may pass `{incoming: {socket: {localAddress}}}` as the env.
 */
function listensOnLoopbackOnly(c: Context): boolean {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const socket = incoming?.socket as
    | (Socket & { server?: { address?: () => AddressInfo | string | null } })
    | undefined;
  if (!socket) return true;
  const bound = socket.server?.address?.();
  const address = typeof bound === 'object' && bound !== null ? bound.address : socket.localAddress;
  return address === undefined || isLoopback(address);
}

/** Calling HTTP APIs from the server: send, environments (secrets masked), history, cURL, OpenAPI, save as table. */
export function httpRoutes(deps: AppDeps) {
  const dir = deps.workspace.dir;
  const environments = HttpEnvironmentStore.forWorkspace(dir);
  const history = HttpHistoryStore.forWorkspace(dir);
  const bodyDir = join(deps.workspace.tmpDir, 'http');
  const environment = (name: string | undefined): HttpEnvironment | undefined =>
    name === undefined ? undefined : environments.require(name);
  return new Hono()
    .post('/http/send', jsonBody(sendBody), async (c) => {
      const { request, environment: envName } = c.req.valid('json');
      const env = environment(envName);
      const allowPrivate = allowPrivateFor(listensOnLoopbackOnly(c), deps.workspace.readConfig());
      try {
        const exchange = await sendHttp(request, {
          ...(env ? { environment: env } : {}),
          allowPrivate,
          bodyDir,
          signal: c.req.raw.signal,
        });
        history.record(request, env, { exchange });
        return c.json({ exchange: toExchangeView(exchange) });
      } catch (err) {
        history.record(request, env, { error: err });
        throw err;
      }
    })
    .get('/http/environments', (c) => c.json({ environments: environments.list().map(maskEnvironment) }))
    .put('/http/environments/:name', jsonBody(environmentBody), (c) => {
      const saved = environments.put(c.req.param('name'), c.req.valid('json').variables);
      return c.json({ environment: maskEnvironment(saved) });
    })
    .delete('/http/environments/:name', (c) => {
      const name = c.req.param('name');
      if (!environments.delete(name)) {
        throw new ApiError('not_found', `There is no HTTP environment named "${name}".`);
      }
      return c.json({ deleted: name });
    })
    .get('/http/history', (c) => c.json({ history: history.list() }))
    .delete('/http/history', (c) => c.json({ cleared: history.clear() }))
    .post('/http/curl/parse', jsonBody(curlBody), (c) => {
      const parsed = parseCurl(c.req.valid('json').curl);
      if (!parsed.ok) {
        throw new ApiError('bad_request', parsed.error, [
          'Paste a whole command, e.g. curl -H "Accept: application/json" https://api.example.com/items',
        ]);
      }
      return c.json({ request: parsed.value, notes: parsed.notes });
    })
    .post('/http/curl/export', jsonBody(exportBody), (c) => {
      const { request, environment: envName, revealSecrets } = c.req.valid('json');
      const env = environment(envName);
      return c.json({
        curl: toCurl(request, { maskSecrets: !revealSecrets, ...(env ? { environment: env } : {}) }),
      });
    })
    .post('/http/openapi', jsonBody(openApiBody), (c) => c.json(importOpenApi(c.req.valid('json').text)))
    .post('/http/save-table', jsonBody(HttpSaveTableSpecSchema), async (c) => {
      const spec = c.req.valid('json');
      const env = environment(spec.environment);
      const allowPrivate = allowPrivateFor(listensOnLoopbackOnly(c), deps.workspace.readConfig());
      const result = await saveHttpAsTable(deps.workspace, spec, {
        ...(env ? { environment: env } : {}),
        allowPrivate,
        signal: c.req.raw.signal,
      });
      return c.json(result, 201);
    });
}
