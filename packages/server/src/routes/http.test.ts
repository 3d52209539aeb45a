import { statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { HttpExchangeView, HttpHistoryEntry, HttpRequestSpec } from '@sightline/spec';
import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../start-server.js';
import { body, ORIGIN, TEST_TOKEN, type TestServer, testServer } from '../test-support.js';

const SECRET = 'tok-9d1c-very-secret';
let s: TestServer;
let api: Server;
let base = '';

beforeAll(async () => {
  s = await testServer();
  api = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    if (url.pathname === '/me') {
      const ok = req.headers.authorization === `Bearer ${SECRET}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify(
          ok
            ? {
                data: [
                  { id: 1, tags: ['a'] },
                  { id: 2, tags: [] },
                ],
              }
            : { error: 'no' },
        ),
      );
    }
    if (url.pathname === '/items') {
      const n = Number(url.searchParams.get('page') ?? '1');
      const link = n < 2 ? { link: `<${base}/items?page=${n + 1}>; rel="next"` } : {};
      res.writeHead(req.headers.authorization === `Bearer ${SECRET}` ? 200 : 401, {
        'content-type': 'application/json',
        ...link,
      });
      return res.end(JSON.stringify({ items: [{ n, who: { name: `p${n}` } }] }));
    }
    if (url.pathname === '/loop') {
      res.writeHead(302, { location: `/loop?token=${url.searchParams.get('token') ?? ''}` });
      return res.end();
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  const put = await s.call('/api/http/environments/dev', {
    method: 'PUT',
    json: {
      variables: [
        { name: 'base_url', value: base, secret: false },
        { name: 'token', value: SECRET, secret: true },
      ],
    },
  });
  expect(put.status).toBe(200);
});
afterAll(async () => {
  await new Promise<void>((r) => api.close(() => r()));
  await s.close();
});

const me: HttpRequestSpec = {
  version: 1,
  method: 'GET',
  url: '{{base_url}}/me',
  query: [],
  headers: [],
  body: { kind: 'none' },
  auth: { kind: 'bearer', token: '{{token}}' },
};

describe('/api/http', () => {
  test('send: the exchange with parsed JSON and suggested arrays; history keeps it without the secret', async () => {
    const res = await s.call('/api/http/send', { json: { request: me, environment: 'dev' } });
    expect(res.status).toBe(200);
    const { exchange } = await body<{ exchange: HttpExchangeView }>(res);
    expect(exchange.status).toBe(200);
    expect(exchange.json).toEqual({
      data: [
        { id: 1, tags: ['a'] },
        { id: 2, tags: [] },
      ],
    });
    expect(exchange.arrays[0]).toEqual({ path: '$.data', length: 2, columns: ['id', 'tags'] });
    expect(exchange.timings.dns).toBeNull();
    expect(exchange.timings.total).toBeGreaterThan(0);
    const hist = await s.call('/api/http/history');
    const text = await hist.text();
    expect(text).not.toContain(SECRET);
    const entries = (JSON.parse(text) as { history: HttpHistoryEntry[] }).history;
    expect(entries[0]!.status).toBe(200);
    expect(entries[0]!.environment).toBe('dev');
    expect(entries[0]!.request.auth).toEqual({ kind: 'bearer', token: '{{token}}' });
  });

  test('a literal bearer token is masked in history; a 401 is still an exchange', async () => {
    const literal = {
      ...me,
      url: `${base}/me`,
      auth: { kind: 'bearer' as const, token: 'wrong-literal-token' },
    };
    const res = await s.call('/api/http/send', { json: { request: literal } });
    expect((await body<{ exchange: HttpExchangeView }>(res)).exchange.status).toBe(401);
    const text = await (await s.call('/api/http/history')).text();
    expect(text).not.toContain('wrong-literal-token');
    expect((JSON.parse(text) as { history: HttpHistoryEntry[] }).history[0]!.request.auth).toEqual({
      kind: 'bearer',
      token: '••••••',
    });
  });

  test('an exchange that gets no answer is a user error without the secret, and is in the history', async () => {
    const loop = {
      ...me,
      url: '{{base_url}}/loop',
      query: [{ name: 'token', value: '{{token}}', enabled: true }],
    };
    const res = await s.call('/api/http/send', { json: { request: loop, environment: 'dev' } });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    const err = (JSON.parse(text) as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('user_error');
    expect(err.message).toBe(
      `The request to ${new URL(base).host} redirects in a loop: ${base}/loop?token=•••••• → ${base}/loop?token=••••••.`,
    );
    const entries = (await body<{ history: HttpHistoryEntry[] }>(await s.call('/api/http/history'))).history;
    expect(entries[0]!.status).toBeNull();
    expect(entries[0]!.error).toBe(err.message);
  });

  test('environments: secrets masked when read, kept when sent back as null, file readable by the owner only', async () => {
    const text = await (await s.call('/api/http/environments')).text();
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toEqual({
      environments: [
        {
          name: 'dev',
          variables: [
            { name: 'base_url', value: base, secret: false },
            { name: 'token', value: '••••••', secret: true },
          ],
        },
      ],
    });
    const keep = await s.call('/api/http/environments/dev', {
      method: 'PUT',
      json: {
        variables: [
          { name: 'base_url', value: base, secret: false },
          { name: 'token', value: null, secret: true },
        ],
      },
    });
    expect(await keep.text()).not.toContain(SECRET);
    const res = await s.call('/api/http/send', { json: { request: me, environment: 'dev' } });
    expect((await body<{ exchange: HttpExchangeView }>(res)).exchange.status).toBe(200);
    expect(statSync(join(s.dir, 'http-environments.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(s.dir, 'http-history.json')).mode & 0o777).toBe(0o600);
    await s.call('/api/http/environments/tmp', { method: 'PUT', json: { variables: [] } });
    expect((await s.call('/api/http/environments/tmp', { method: 'DELETE' })).status).toBe(200);
    const gone = await s.call('/api/http/environments/tmp', { method: 'DELETE' });
    expect(gone.status).toBe(404);
    const missing = await s.call('/api/http/send', { json: { request: me, environment: 'nope' } });
    expect((await body(missing)).error.message).toBe('There is no HTTP environment named "nope".');
  });

  test('cURL: parse gives the request and notes; export writes secrets as shell variables unless revealed', async () => {
    const parsed = await s.call('/api/http/curl/parse', {
      json: { curl: `curl -k '${base}/me?x=1' -H 'Authorization: Bearer abc'` },
    });
    const p = await body<{ request: HttpRequestSpec; notes: string[] }>(parsed);
    expect(p.request.auth).toEqual({ kind: 'bearer', token: 'abc' });
    expect(p.request.query).toEqual([{ name: 'x', value: '1', enabled: true }]);
    expect(p.notes).toEqual([
      '-k (skip certificate checks) was ignored: Sightline always checks certificates.',
    ]);
    const masked = await body<{ curl: string }>(
      await s.call('/api/http/curl/export', { json: { request: me, environment: 'dev' } }),
    );
    expect(masked.curl).toBe(`curl '${base}/me' \\\n  -H "Authorization: Bearer \${token}"`);
    const shown = await body<{ curl: string }>(
      await s.call('/api/http/curl/export', {
        json: { request: me, environment: 'dev', revealSecrets: true },
      }),
    );
    expect(shown.curl).toBe(`curl '${base}/me' \\\n  -H 'Authorization: Bearer ${SECRET}'`);
    const bad = await s.call('/api/http/curl/parse', { json: { curl: 'wget http://x' } });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.message).toBe('This is not a cURL command: it should start with "curl".');
  });

  test('beyond loopback, private addresses are refused unless the settings allow them', async () => {
    const request = { ...me, url: `${base}/me`, auth: { kind: 'none' as const } };
    const beyond = { incoming: { socket: { localAddress: '192.168.1.20' } } };
    const call = () =>
      s.app.request(
        `${ORIGIN}/api/http/send`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ request }),
        },
        beyond,
      );
    const refused = await call();
    expect(refused.status).toBe(400);
    expect((await body(refused)).error.message).toBe(
      'Sightline refused to call 127.0.0.1: it is a loopback address (this computer), and this workbench can be reached from other computers.',
    );
    const config = s.workspace.readConfig();
    s.workspace.writeConfig({
      ...config,
      settings: { ...config.settings, http: { allowPrivateNetworks: true } },
    });
    try {
      const allowed = await call();
      expect((await body<{ exchange: HttpExchangeView }>(allowed)).exchange.status).toBe(401);
    } finally {
      s.workspace.writeConfig(config);
    }
  });

  test('openapi: the operations of a document, or a plain error', async () => {
    const text = [
      'openapi: 3.0.0',
      'info: {title: Tiny, version: "1"}',
      'servers: [{url: "https://tiny.test/v1"}]',
      'paths:',
      '  /things/{id}:',
      '    get: {operationId: getThing, parameters: [{name: id, in: path, required: true}], responses: {}}',
    ].join('\n');
    const res = await s.call('/api/http/openapi', { json: { text } });
    const api = await body<{
      title: string;
      servers: string[];
      operations: { operationId: string; request: HttpRequestSpec }[];
    }>(res);
    expect(api.title).toBe('Tiny');
    expect(api.servers).toEqual(['https://tiny.test/v1']);
    expect(api.operations.map((o) => [o.operationId, o.request.url])).toEqual([
      ['getThing', '{{base_url}}/things/{{id}}'],
    ]);
    const bad = await s.call('/api/http/openapi', { json: { text: 'swagger: "2.0"' } });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.message).toBe(
      'This is a Swagger 2.0 document; Sightline reads OpenAPI 3.',
    );
  });

  test('save-table: the pages of an API become one table the catalog lists', async () => {
    const request = { ...me, url: '{{base_url}}/items' };
    const res = await s.call('/api/http/save-table', {
      json: { request, environment: 'dev', table: 'items', paginate: { kind: 'link' } },
    });
    expect(res.status).toBe(201);
    expect(await body(res)).toEqual({
      table: 'items',
      rows: 2,
      pages: 2,
      columns: ['n', 'who_name', '_page'],
      arrayPath: '$.items',
      stoppedBy: 'last-page',
      message: 'Saved 2 rows from 2 pages into items (stopped: the last page said there was no next one).',
    });
    const rows = (await s.workspace.engine.query('SELECT n, who_name, _page FROM items ORDER BY n')).rows;
    expect(rows).toEqual([
      { n: 1, who_name: 'p1', _page: 1 },
      { n: 2, who_name: 'p2', _page: 2 },
    ]);
    const again = await s.call('/api/http/save-table', {
      json: { request, environment: 'dev', table: 'items' },
    });
    expect(again.status).toBe(400);
    expect((await body(again)).error.message).toBe('Table "items" already exists.');
  });

  test('a real server on 0.0.0.0 refuses private addresses, and its log never holds a secret', async () => {
    const logs: string[] = [];
    const d = tempDir('sightline-http-');
    const handle = await startServer({ workspaceDir: d.path, host: '0.0.0.0', log: (l) => logs.push(l) });
    const call = (path: string, init: { method?: string; json?: unknown } = {}) =>
      fetch(`http://127.0.0.1:${handle.port}${path}`, {
        method: init.method ?? 'POST',
        headers: { authorization: `Bearer ${handle.token}`, 'content-type': 'application/json' },
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
      });
    try {
      await call('/api/http/environments/dev', {
        method: 'PUT',
        json: {
          variables: [
            { name: 'base_url', value: base, secret: false },
            { name: 'token', value: SECRET, secret: true },
          ],
        },
      });
      const refused = await call('/api/http/send', { json: { request: me, environment: 'dev' } });
      expect(refused.status).toBe(400);
      const text = await refused.text();
      expect(text).not.toContain(SECRET);
      expect((JSON.parse(text) as { error: { message: string } }).error.message).toMatch(
        /^Sightline refused to call 127\.0\.0\.1: it is a loopback address \(this computer\)/,
      );
      const saved = await call('/api/http/save-table', {
        json: { request: { ...me, url: `${base}/items` }, environment: 'dev', table: 't' },
      });
      expect(saved.status).toBe(400);
      const history = await (await call('/api/http/history', { method: 'GET' })).text();
      expect(history).not.toContain(SECRET);
      expect(logs.join('\n')).not.toContain(SECRET);
    } finally {
      await handle.close();
      d.cleanup();
    }
  });
});
