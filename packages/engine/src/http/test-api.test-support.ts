import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

/** Credentials the test API accepts. */
export const TEST_TOKEN = 's3cret-token-7f9a';
export const TEST_USER = 'ada';
export const TEST_PASSWORD = 'p@ss:word é';
export const TEST_API_KEY = 'key-42-zz';

/** A local API for tests: JSON, auth, every paging style, slow, failing, looping, big and compressed answers. */
export interface TestApi {
  url: string;
  /** An address that accepts TCP but never answers a TLS handshake (connect timeouts). */
  silentTlsUrl: string;
  close(): Promise<void>;
}

const PEOPLE = Array.from({ length: 7 }, (_, i) => ({
  id: i + 1,
  name: `person ${i + 1}`,
  address: { city: i % 2 ? 'Lyon' : 'Oslo', zip: `0${i}` },
}));

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function page<T>(items: T[], n: number, size: number): T[] {
  return items.slice((n - 1) * size, n * size);
}

/** Starts the test API on 127.0.0.1 (a free port). */
export async function startTestApi(): Promise<TestApi> {
  const sockets = new Set<Socket>();
  let base = '';
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const q = (name: string) => url.searchParams.get(name);
    const path = url.pathname;
    const body = await readAll(req);
    if (path === '/echo' || path.startsWith('/echo/')) {
      return send(res, 200, {
        method: req.method,
        path,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
      });
    }
    if (path === '/people') return send(res, 200, { meta: { total: PEOPLE.length }, data: PEOPLE });
    if (path === '/list') return send(res, 200, [1, 2, 3]);
    if (path === '/bearer') {
      return req.headers.authorization === `Bearer ${TEST_TOKEN}`
        ? send(res, 200, { user: 'ada' })
        : send(res, 401, { error: 'bad token' }, { 'www-authenticate': 'Bearer' });
    }
    if (path === '/basic') {
      const want = `Basic ${Buffer.from(`${TEST_USER}:${TEST_PASSWORD}`, 'utf8').toString('base64')}`;
      return req.headers.authorization === want
        ? send(res, 200, { user: TEST_USER })
        : send(res, 401, { error: 'no' });
    }
    if (path === '/apikey') {
      const ok = req.headers['x-api-key'] === TEST_API_KEY || q('api_key') === TEST_API_KEY;
      return ok ? send(res, 200, { ok: true }) : send(res, 403, { error: 'bad key' });
    }
    if (path === '/link') {
      const n = Number(q('page') ?? '1');
      const headers: Record<string, string> = {};
      if (n < 4) headers.link = `<${base}/link?page=${n + 1}>; rel="next", <${base}/link?page=4>; rel="last"`;
      return send(res, 200, page(PEOPLE, n, 2), headers);
    }
    if (path === '/cursor') {
      const start = Number(q('cursor') ?? '0');
      const items = PEOPLE.slice(start, start + 3);
      const next = start + 3 < PEOPLE.length ? String(start + 3) : null;
      return send(res, 200, { items, meta: { next_cursor: next } });
    }
    if (path === '/next-url') {
      const n = Number(q('page') ?? '1');
      return send(res, 200, {
        results: page(PEOPLE, n, 4),
        next: n < 2 ? `${base}/next-url?page=${n + 1}` : null,
      });
    }
    if (path === '/pages') return send(res, 200, { results: page(PEOPLE, Number(q('page') ?? '1'), 3) });
    if (path === '/offset') {
      const offset = Number(q('offset') ?? '0');
      const limit = Number(q('limit') ?? '2');
      return send(res, 200, { rows: PEOPLE.slice(offset, offset + limit) });
    }
    if (path === '/flaky') {
      const n = Number(q('page') ?? '1');
      return n >= 3 ? send(res, 500, { error: 'down' }) : send(res, 200, { data: [{ n }] });
    }
    if (path === '/bigids') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(
        '{"data":[{"id":9007199254740993,"n":1},{"id":-9223372036854775808,"n":2}],"next":12345678901234567891}',
      );
    }
    if (path === '/forever') return send(res, 200, { data: [{ n: Number(q('page') ?? '1') }] });
    if (path === '/slow') {
      const t = setTimeout(() => send(res, 200, { slow: true }), Number(q('ms') ?? '2000'));
      res.on('close', () => clearTimeout(t));
      return;
    }
    if (path === '/slow-body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
      const t = setTimeout(() => res.end('1}'), Number(q('ms') ?? '2000'));
      res.on('close', () => clearTimeout(t));
      return;
    }
    if (path === '/fail') return send(res, 500, { error: 'boom' });
    if (path === '/loop-a') return res.writeHead(302, { location: '/loop-b' }).end();
    if (path === '/loop-b') return res.writeHead(302, { location: `${base}/loop-a` }).end();
    if (path.startsWith('/hops/')) {
      const n = Number(path.slice('/hops/'.length));
      if (n <= 0) return send(res, 200, { arrived: true, method: req.method, body });
      return res.writeHead(Number(q('status') ?? '302'), { location: `/hops/${n - 1}${url.search}` }).end();
    }
    if (path === '/big') {
      const mb = Number(q('mb') ?? '3');
      res.writeHead(200, { 'content-type': 'application/json' });
      const row = JSON.stringify({ id: 0, text: 'x'.repeat(1000) });
      const count = Math.ceil((mb * 1024 * 1024) / (row.length + 1));
      res.write('[');
      for (let i = 0; i < count; i++) res.write(`${i ? ',' : ''}{"id":${i},"text":"${'x'.repeat(1000)}"}`);
      return res.end(']');
    }
    if (path === '/gzip' || path === '/br' || path === '/deflate') {
      const raw = Buffer.from(JSON.stringify({ compressed: path.slice(1), data: PEOPLE }));
      const enc = path.slice(1);
      const packed =
        enc === 'gzip' ? gzipSync(raw) : enc === 'br' ? brotliCompressSync(raw) : deflateSync(raw);
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': enc });
      return res.end(packed);
    }
    if (path === '/text') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('hello');
    }
    send(res, 404, { error: 'not found' });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const silent: TcpServer = createTcpServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const silentTlsUrl = `https://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
  return {
    url: base,
    silentTlsUrl,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((r) => server.close(() => r())),
        new Promise<void>((r) => silent.close(() => r())),
      ]);
    },
  };
}
