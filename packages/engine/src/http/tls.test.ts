import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { emptyHttpRequest } from '@sightline/spec';
import { spawnCollect, tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sendHttp } from './send.js';

let dir: { path: string; cleanup: () => void };
let server: Server;
let cert = '';
let port = 0;

beforeAll(async () => {
  dir = tempDir();
  const key = join(dir.path, 'key.pem');
  const crt = join(dir.path, 'cert.pem');
  const made = await spawnCollect('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    crt,
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  if (made.code !== 0) throw new Error(made.stderr);
  cert = readFileSync(crt, 'utf8');
  server = createServer({ key: readFileSync(key), cert }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"secure":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  dir.cleanup();
});

test('https: the TLS handshake is timed as its own phase', async () => {
  const x = await sendHttp(emptyHttpRequest(`https://localhost:${port}/`), {
    allowPrivate: true,
    bodyDir: dir.path,
    ca: cert,
  });
  expect(x.status).toBe(200);
  expect(x.body.toString()).toBe('{"secure":true}');
  expect(x.timings.dns).toBeGreaterThanOrEqual(0);
  expect(x.timings.tls).toBeGreaterThan(0);
  expect(x.timings.firstByte).toBeGreaterThanOrEqual(0);
  expect(x.timings.total).toBeGreaterThan(x.timings.tls!);
});

test('a certificate nobody vouches for is refused in plain words', async () => {
  const err = await sendHttp(emptyHttpRequest(`https://127.0.0.1:${port}/`), {
    allowPrivate: true,
    bodyDir: dir.path,
  }).catch((e: Error & { hints: string[] }) => e);
  expect((err as Error).message).toBe(
    `The secure connection to 127.0.0.1:${port} failed: self-signed certificate.`,
  );
  expect((err as { hints: string[] }).hints[0]).toMatch(/^The server's certificate can't be trusted/);
});
