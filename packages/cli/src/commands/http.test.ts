import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { HttpEnvironmentStore } from '@sightline/engine';
import { type ServerHandle, startServer } from '@sightline/server';
import { freePort, tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sightline, sightlineJson } from '../e2e/run-cli.js';

const SECRET = 'cli-secret-5b7e';
let api: Server;
let base = '';
let dir: { path: string; cleanup: () => void };
let ws: string;

beforeAll(async () => {
  api = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/echo') {
        return json(200, {
          method: req.method,
          type: req.headers['content-type'] ?? null,
          auth: req.headers.authorization ?? null,
          body: Buffer.concat(chunks).toString(),
        });
      }
      if (url.pathname === '/fail') return json(500, { error: 'boom' });
      if (url.pathname === '/orders') {
        const n = Number(url.searchParams.get('page') ?? '1');
        const link: Record<string, string> =
          n < 3 ? { link: `<${base}/orders?page=${n + 1}>; rel="next"` } : {};
        return json(
          200,
          {
            orders: [
              { id: n * 10 + 1, customer: { name: `c${n}` } },
              { id: n * 10 + 2, customer: { name: `d${n}` } },
            ],
          },
          link,
        );
      }
      json(404, { error: 'not found' });
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  dir = tempDir();
  ws = join(dir.path, 'ws');
});
afterAll(async () => {
  await new Promise<void>((r) => api.close(() => r()));
  dir.cleanup();
});

describe('sightline http', () => {
  test('the body goes to stdout; status, headers and timings to stderr', async () => {
    const r = await sightline(['http', 'get', `${base}/echo`], { workspace: ws });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ method: 'GET', type: null, auth: null, body: '' });
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('HTTP/1.1 200 OK');
    expect(lines).toContain('content-type: application/json');
    expect(lines.at(-1)).toMatch(
      /^200 OK · \d+ bytes · \d+ ms \(dns -, connect \d+ ms, tls -, first byte \d+ ms\)$/,
    );
  });

  test('-H and -d: JSON is sent as JSON, and an Authorization header as auth', async () => {
    const json = await sightline(
      ['http', 'POST', `${base}/echo`, '-d', '{"a": 1}', '-H', 'Authorization: Bearer abc'],
      { workspace: ws },
    );
    expect(JSON.parse(json.stdout)).toEqual({
      method: 'POST',
      type: 'application/json',
      auth: 'Bearer abc',
      body: '{"a": 1}',
    });
  });

  test('--fail exits 1 on a 500 after printing it; no answer exits 1 with the reason; a wrong method is usage', async () => {
    const failing = await sightline(['http', 'GET', `${base}/fail`, '--fail'], { workspace: ws });
    expect([failing.code, failing.stdout]).toEqual([1, '{"error":"boom"}']);
    expect(failing.stderr).toContain('error: The server answered 500 Internal Server Error.');
    const port = await freePort();
    const none = await sightline(['http', 'GET', `http://127.0.0.1:${port}/`], { workspace: ws });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`error: 127.0.0.1:${port} refused the connection on port ${port}.`);
    const usage = await sightline(['http', 'FETCH', `${base}/`], { workspace: ws });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('error: "FETCH" isn\'t an HTTP method Sightline sends.');
  });

  test('--env fills variables; the secret reaches the server but never the history', async () => {
    HttpEnvironmentStore.forWorkspace(ws).put('dev', [
      { name: 'base_url', value: base, secret: false },
      { name: 'token', value: SECRET, secret: true },
    ]);
    const r = await sightline(
      ['http', 'GET', '{{base_url}}/echo', '--env', 'dev', '-H', 'Authorization: Bearer {{token}}'],
      {
        workspace: ws,
      },
    );
    expect(JSON.parse(r.stdout).auth).toBe(`Bearer ${SECRET}`);
    const history = readFileSync(join(ws, 'http-history.json'), 'utf8');
    expect(history).toContain('{{base_url}}/echo');
    expect(history).not.toContain(SECRET);
  });

  test('--as --paginate saves every page as one table, locally and through a running workbench', async () => {
    const local = await sightlineJson(['http', 'GET', `${base}/orders`, '--as', 'orders', '--paginate'], {
      workspace: ws,
    });
    expect(local).toEqual([{ table: 'orders', rows: 6, pages: 3, columns: 3, stopped_by: 'last-page' }]);
    expect(
      await sightlineJson(['query', 'SELECT id, customer_name, _page FROM orders ORDER BY id LIMIT 3'], {
        workspace: ws,
      }),
    ).toEqual([
      { id: 11, customer_name: 'c1', _page: 1 },
      { id: 12, customer_name: 'd1', _page: 1 },
      { id: 21, customer_name: 'c2', _page: 2 },
    ]);
    let server: ServerHandle | undefined;
    try {
      server = await startServer({ workspaceDir: ws });
      const remote = await sightline(
        [
          'http',
          'GET',
          `${base}/orders`,
          '--as',
          'orders',
          '--mode',
          'replace',
          '--paginate',
          '--max-pages',
          '2',
        ],
        { workspace: ws },
      );
      expect(remote.code).toBe(0);
      expect(remote.stderr).toContain(
        'Saved 4 rows from 2 pages into orders (stopped: the page limit was reached; there are more pages).',
      );
    } finally {
      await server?.close();
    }
  });
});
