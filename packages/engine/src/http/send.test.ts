import { mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyHttpRequest, type HttpEnvironment, type HttpRequestSpec } from '@sightline/spec';
import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pruneBodies } from './body-sink.js';
import { exchangeJson, toExchangeView } from './exchange-view.js';
import { type SendHttpOptions, sendHttp } from './send.js';
import {
  startTestApi,
  TEST_API_KEY,
  TEST_PASSWORD,
  TEST_TOKEN,
  TEST_USER,
  type TestApi,
} from './test-api.test-support.js';

let api: TestApi;
let dir: { path: string; cleanup: () => void };
const env: HttpEnvironment = {
  name: 'test',
  variables: [
    { name: 'base_url', value: '', secret: false },
    { name: 'token', value: TEST_TOKEN, secret: true },
    { name: 'key', value: TEST_API_KEY, secret: true },
  ],
};

beforeAll(async () => {
  api = await startTestApi();
  env.variables[0]!.value = api.url;
  dir = tempDir();
});
afterAll(async () => {
  await api.close();
  dir.cleanup();
});

const req = (path: string, more: Partial<HttpRequestSpec> = {}): HttpRequestSpec => ({
  ...emptyHttpRequest(`{{base_url}}${path}`),
  ...more,
});
const send = (r: HttpRequestSpec, o: Partial<SendHttpOptions> = {}) =>
  sendHttp(r, { environment: env, allowPrivate: true, bodyDir: dir.path, ...o });
interface Echo {
  method: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as Error & { hints: string[] };
  }
  throw new Error('expected a failure');
};

describe('sendHttp', () => {
  test('a JSON GET: status, headers, body and the phases of a fresh connection', async () => {
    const x = await send(req('/people'));
    expect(x.status).toBe(200);
    expect(x.statusText).toBe('OK');
    expect(x.contentType).toBe('application/json');
    expect(x.url).toBe(`${api.url}/people`);
    const json = exchangeJson(x) as { data: unknown[] };
    expect(json.data).toHaveLength(7);
    expect(x.size).toBe(x.body.length);
    expect(x.timings.dns).toBeNull(); // an IP address needs no lookup
    expect(x.timings.tls).toBeNull(); // plain http
    expect(x.timings.connect).toBeGreaterThanOrEqual(0);
    expect(x.timings.firstByte).toBeGreaterThanOrEqual(0);
    expect(x.timings.total).toBeGreaterThanOrEqual(x.timings.firstByte! + x.timings.connect!);
  });

  test('a host name is looked up, and the lookup is timed', async () => {
    const x = await send(emptyHttpRequest(api.url.replace('127.0.0.1', 'localhost') + '/people'));
    expect(x.status).toBe(200);
    expect(x.timings.dns).toBeGreaterThanOrEqual(0);
  });

  test('query rows, headers, and JSON, form and raw bodies are sent as written', async () => {
    const base = req('/echo?from=url', {
      method: 'POST',
      query: [
        { name: 'q', value: 'a b&c', enabled: true },
        { name: 'off', value: '1', enabled: false },
      ],
      headers: [{ name: 'X-Trace', value: 'abc', enabled: true }],
    });
    const json = exchangeJson(await send({ ...base, body: { kind: 'json', text: '{"n":1}' } })) as Echo;
    expect(json.query).toEqual({ from: 'url', q: 'a b&c' });
    expect(json.headers['x-trace']).toBe('abc');
    expect(json.headers['content-type']).toBe('application/json');
    expect(json.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(json.body).toBe('{"n":1}');
    const form = exchangeJson(
      await send({ ...base, body: { kind: 'form', fields: [{ name: 'who', value: 'Zoë & co' }] } }),
    ) as Echo;
    expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form.body).toBe('who=Zo%C3%AB+%26+co');
    const raw = exchangeJson(
      await send({
        ...base,
        method: 'PUT',
        headers: [{ name: 'content-type', value: 'text/csv; charset=utf-8', enabled: true }],
        body: { kind: 'raw', text: 'a,b\n1,2', contentType: 'text/plain' },
      }),
    ) as Echo;
    expect(raw.method).toBe('PUT');
    expect(raw.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(raw.body).toBe('a,b\n1,2');
  });

  test('bearer, basic and API-key auth reach the server; a wrong token is an answer (401), not an error', async () => {
    expect((await send(req('/bearer', { auth: { kind: 'bearer', token: '{{token}}' } }))).status).toBe(200);
    expect((await send(req('/bearer', { auth: { kind: 'bearer', token: 'nope' } }))).status).toBe(401);
    const basic = { kind: 'basic' as const, username: TEST_USER, password: TEST_PASSWORD };
    expect((await send(req('/basic', { auth: basic }))).status).toBe(200);
    const header = { kind: 'apiKey' as const, name: 'X-Api-Key', value: '{{key}}', in: 'header' as const };
    expect((await send(req('/apikey', { auth: header }))).status).toBe(200);
    const query = { kind: 'apiKey' as const, name: 'api_key', value: '{{key}}', in: 'query' as const };
    expect((await send(req('/apikey', { auth: query }))).status).toBe(200);
    expect((await send(req('/apikey'))).status).toBe(403);
  });

  test('gzip, br and deflate bodies are decompressed; size counts the decompressed bytes', async () => {
    for (const enc of ['gzip', 'br', 'deflate']) {
      const x = await send(req(`/${enc}`));
      const json = exchangeJson(x) as { compressed: string; data: unknown[] };
      expect(json.compressed).toBe(enc);
      expect(json.data).toHaveLength(7);
      expect(x.size).toBe(x.body.length);
    }
  });

  test('the view shows integers beyond 2^53 as their exact digits, and suggests the array', async () => {
    const view = toExchangeView(await send(req('/bigids')));
    expect(view.json).toEqual({
      data: [
        { id: '9007199254740993', n: 1 },
        { id: '-9223372036854775808', n: 2 },
      ],
      next: '12345678901234567891',
    });
    expect(view.arrays).toEqual([{ path: '$.data', length: 2, columns: ['id', 'n'] }]);
    expect(view.body).toContain('9007199254740993');
  });

  test('a 500 is an exchange with its body', async () => {
    const x = await send(req('/fail'));
    expect(x.status).toBe(500);
    expect(x.body.toString()).toBe('{"error":"boom"}');
  });

  test('the total timeout names the phase: waiting for the first byte, or reading the body', async () => {
    const first = await failure(send(req('/slow?ms=3000'), { limits: { totalTimeoutMs: 300 } }));
    expect(first.message).toBe(
      `The request to ${new URL(api.url).host} timed out after 300 ms while waiting for the first byte.`,
    );
    const body = await failure(send(req('/slow-body?ms=3000'), { limits: { totalTimeoutMs: 300 } }));
    expect(body.message).toBe(
      `The request to ${new URL(api.url).host} timed out after 300 ms while reading the body.`,
    );
  });

  test('the connect timeout covers a TLS handshake that never answers', async () => {
    const err = await failure(
      send(emptyHttpRequest(api.silentTlsUrl), { limits: { connectTimeoutMs: 250 } }),
    );
    expect(err.message).toBe(
      `The request to ${new URL(api.silentTlsUrl).host} timed out after 250 ms while connecting.`,
    );
  });

  test('a refused connection is one plain sentence', async () => {
    const closed = await import('@sightline/testkit').then((t) => t.freePort());
    const err = await failure(send(emptyHttpRequest(`http://127.0.0.1:${closed}/x`)));
    expect(err.message).toBe(`127.0.0.1:${closed} refused the connection on port ${closed}.`);
  });

  test('redirects are followed and listed; 302 turns a POST into a GET, 307 keeps it', async () => {
    const x = await send(req('/hops/3'));
    expect(x.status).toBe(200);
    expect(x.redirects.map((r) => r.status)).toEqual([302, 302, 302]);
    expect(x.redirects[2]!.location).toBe(`${api.url}/hops/0`);
    const post = req('/hops/1', { method: 'POST', body: { kind: 'json', text: '{"a":1}' } });
    expect(exchangeJson(await send(post))).toEqual({ arrived: true, method: 'GET', body: '' });
    const kept = req('/hops/1?status=307', { method: 'POST', body: { kind: 'json', text: '{"a":1}' } });
    expect(exchangeJson(await send(kept))).toEqual({ arrived: true, method: 'POST', body: '{"a":1}' });
  });

  test('a redirect loop is named as a loop; too many redirects say the limit', async () => {
    const loop = await failure(send(req('/loop-a')));
    expect(loop.message).toBe(
      `The request to ${new URL(api.url).host} redirects in a loop: ${api.url}/loop-a → ${api.url}/loop-b → ${api.url}/loop-a.`,
    );
    const many = await failure(send(req('/hops/12')));
    expect(many.message).toBe(`The request to ${new URL(api.url).host} was redirected more than 10 times.`);
  });

  test('a secret in the URL is masked in error messages', async () => {
    const r = req('/loop-a', { auth: { kind: 'apiKey', name: 'api_key', value: '{{key}}', in: 'query' } });
    const err = await failure(send(r));
    expect(err.message).not.toContain(TEST_API_KEY);
    expect(err.message).toContain('/loop-a?api_key=••••••');
  });

  test('a body over 1 MB is streamed to a file; over the limit is refused', async () => {
    const x = await send(req('/big?mb=3'));
    expect(x.bodyTruncated).toBe(true);
    expect(x.body.length).toBe(1024 * 1024);
    expect(x.bodyFile).toBeDefined();
    expect(statSync(x.bodyFile!).size).toBe(x.size);
    expect(x.size).toBeGreaterThan(3 * 1024 * 1024);
    expect((exchangeJson(x) as unknown[]).length).toBeGreaterThan(3000);
    const err = await failure(send(req('/big?mb=3'), { limits: { maxBodyBytes: 2 * 1024 * 1024 } }));
    expect(err.message).toBe(
      `The answer from ${new URL(api.url).host} is larger than 2 MB, Sightline's limit for one response.`,
    );
  });

  test('private addresses are refused unless allowed: IP literals, names, IPv6 and IPv4-mapped forms', async () => {
    const port = new URL(api.url).port;
    for (const host of ['127.0.0.1', 'localhost', '[::ffff:127.0.0.1]', '[::1]']) {
      const err = await failure(
        send(emptyHttpRequest(`http://${host}:${port}/people`), { allowPrivate: false }),
      );
      expect(err.message).toMatch(
        /^Sightline refused to call .*: it is a loopback address \(this computer\), and this workbench can be reached from other computers\.$/,
      );
      expect(err.hints.join(' ')).toContain('allowPrivateNetworks');
    }
    const err = await failure(send(emptyHttpRequest(`http://10.1.2.3:${port}/`), { allowPrivate: false }));
    expect(err.message).toBe(
      'Sightline refused to call 10.1.2.3: it is a private network address, and this workbench can be reached from other computers.',
    );
  });

  test('a variable the environment lacks stops the request before anything is sent', async () => {
    const err = await failure(
      send(req('/people', { headers: [{ name: 'X', value: '{{nope}}', enabled: true }] })),
    );
    expect(err.message).toBe('The request uses {{nope}}, which the environment "test" doesn\'t define.');
  });

  test('a cancelled request says so', async () => {
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 100);
    const err = await failure(send(req('/slow?ms=3000'), { signal: ctl.signal }));
    expect(err.message).toBe(`The request to ${new URL(api.url).host} was cancelled.`);
  });

  test('saved bodies older than an hour are pruned; others are kept', () => {
    const sub = join(dir.path, 'prune');
    mkdirSync(sub);
    for (const name of ['response-old.body', 'response-new.body', 'notes.txt'])
      writeFileSync(join(sub, name), 'x');
    const twoHoursAgo = (Date.now() - 2 * 60 * 60 * 1000) / 1000;
    utimesSync(join(sub, 'response-old.body'), twoHoursAgo, twoHoursAgo);
    utimesSync(join(sub, 'notes.txt'), twoHoursAgo, twoHoursAgo);
    expect(pruneBodies(sub)).toBe(1);
    expect(readdirSync(sub).sort()).toEqual(['notes.txt', 'response-new.body']);
  });
});
