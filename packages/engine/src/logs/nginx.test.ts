import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from '@sightline/testkit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { logFixture } from './test-support.js';

const NGINX = '/usr/sbin/nginx';

let fx: Awaited<ReturnType<typeof logFixture>>;
let nginx: ChildProcess | undefined;
beforeAll(async () => {
  fx = await logFixture();
});
afterAll(async () => {
  await stop();
  fx.close();
});

async function stop(): Promise<void> {
  const p = nginx;
  nginx = undefined;
  if (!p || p.exitCode !== null) return;
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGQUIT');
  await exited;
}

function config(dir: string, port: number): string {
  const t = (name: string) => join(dir, 'temp', name);
  return `
daemon off;
master_process off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 64; }
http {
  client_body_temp_path ${t('body')};
  proxy_temp_path ${t('proxy')};
  fastcgi_temp_path ${t('fastcgi')};
  uwsgi_temp_path ${t('uwsgi')};
  scgi_temp_path ${t('scgi')};
  log_format timed '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time';
  access_log ${join(dir, 'access.log')} combined;
  access_log ${join(dir, 'timed.log')} timed;
  server {
    listen 127.0.0.1:${port};
    root ${join(dir, 'www')};
    location = /ok { return 200 "ok\\n"; }
    location /api/ { return 201 "created\\n"; }
    location = /teapot { return 418; }
    location = /moved { return 301 /ok; }
  }
}
`;
}

/** Sends raw bytes (so UTF-8 paths and odd headers go out exactly as written) and returns the status nginx answered. */
function send(port: number, request: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const head = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      if (m) resolve(Number(m[1]));
      else reject(new Error(`no status line in ${JSON.stringify(head.slice(0, 80))}`));
    });
  });
}

interface Sent {
  method: string;
  target: string;
  agent: string;
  referer?: string;
  body?: string;
  noHost?: boolean;
}

function requests(): Sent[] {
  const agents = [
    'Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0',
    'curl/8.5.0',
    'Agent "with quotes" and \\ backslash',
    'Mozilla/5.0 (Zoë; 東京; ünïcödé)',
    'weird\ttab-agent',
  ];
  const targets = [
    '/ok',
    '/ok?utm_source=mail&q=%22x%22',
    '/index.html',
    '/missing',
    '/caf%C3%A9/%E6%9D%B1%E4%BA%AC',
    '/café/東京?city=Zürich',
    '/q"uote\'s',
    '/teapot',
    '/moved',
    '/search?q=a+b&empty=',
    '/ok?',
  ];
  const out: Sent[] = [];
  for (let i = 0; i < 190; i++) {
    const target = targets[i % targets.length]!;
    const agent = agents[(i * 7) % agents.length]!;
    const referer = i % 3 === 0 ? `https://example.com/from?i=${i}&name="quoted"` : undefined;
    out.push({ method: i % 5 === 0 ? 'HEAD' : 'GET', target, agent, referer });
  }
  for (let i = 0; i < 8; i++)
    out.push({
      method: 'POST',
      target: `/api/items/${i % 2}`,
      agent: 'curl/8.5.0',
      body: `{"n":${i},"name":"Zoë"}`,
    });
  out.push({ method: 'DELETE', target: '/api/items/1', agent: 'curl/8.5.0' });
  out.push({ method: 'GET', target: '/no-host', agent: 'curl/8.5.0', noHost: true });
  return out;
}

function raw(r: Sent): Buffer {
  const lines = [`${r.method} ${r.target} HTTP/1.1`];
  if (!r.noHost) lines.push('Host: localhost');
  lines.push(`User-Agent: ${r.agent}`);
  if (r.referer) lines.push(`Referer: ${r.referer}`);
  if (r.body !== undefined)
    lines.push(`Content-Length: ${Buffer.byteLength(r.body)}`, 'Content-Type: application/json');
  lines.push('Connection: close', '', r.body ?? '');
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

const countBy = <T>(xs: T[], key: (x: T) => string) => {
  const m: Record<string, number> = {};
  for (const x of xs) m[key(x)] = (m[key(x)] ?? 0) + 1;
  return m;
};

test('a real nginx access log imports with counts per status and path equal to the requests sent', async () => {
  expect(existsSync(NGINX), `${NGINX} is needed for this test (apt-get install nginx-light)`).toBe(true);
  const dir = join(fx.dir, 'nginx');
  for (const d of ['temp', 'www']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'www', 'index.html'), '<h1>hello</h1>\n');
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), config(dir, port));
  nginx = spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-p', dir, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  nginx.stderr?.on('data', (c) => {
    stderr += String(c);
  });
  // Wait until it accepts connections.
  for (let i = 0; ; i++) {
    const up = await send(
      port,
      Buffer.from('GET /ok HTTP/1.1\r\nHost: warmup\r\nConnection: close\r\n\r\n'),
    ).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (i > 100 || nginx.exitCode !== null) throw new Error(`nginx did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const sent = requests();
  const statuses: number[] = [];
  for (const r of sent) statuses.push(await send(port, raw(r)));
  await stop();

  const expectedStatus = countBy(statuses, String);
  expectedStatus['200'] = (expectedStatus['200'] ?? 0) + 1; // the warm-up request
  const expectedPath = countBy(sent, (r) => r.target.split('?')[0]!);
  expectedPath['/ok'] = (expectedPath['/ok'] ?? 0) + 1;
  // The mix really is varied: redirects, not found, created, a teapot and a bad request.
  expect(Object.keys(expectedStatus).sort()).toEqual(['200', '201', '301', '400', '404', '418']);

  for (const file of ['access.log', 'timed.log']) {
    const o = await fx.importOne({ paths: [join(dir, file)] });
    expect([o.detected.logFormat, o.detected.logConfidence, o.rejected]).toEqual(['combined', 1, 0]);
    expect(o.rows).toBe(sent.length + 1);
    const status = await fx.rows(
      `SELECT status::VARCHAR AS k, count(*)::INTEGER AS n FROM ${o.table} GROUP BY 1`,
    );
    expect(Object.fromEntries(status.map((r) => [r.k, r.n]))).toEqual(expectedStatus);
    const paths = await fx.rows(`SELECT path AS k, count(*)::INTEGER AS n FROM ${o.table} GROUP BY 1`);
    expect(Object.fromEntries(paths.map((r) => [r.k, r.n]))).toEqual(expectedPath);
    const agents = await fx.rows(
      `SELECT user_agent AS k, count(*)::INTEGER AS n FROM ${o.table} WHERE path <> '/ok' OR query IS NOT NULL GROUP BY 1`,
    );
    expect(Object.fromEntries(agents.map((r) => [r.k, r.n]))).toEqual(
      countBy(
        sent.filter((r) => r.target.split('?')[0] !== '/ok' || r.target.includes('?')),
        (r) => r.agent,
      ),
    );
    const [q] = await fx.rows(
      `SELECT count(*) FILTER (WHERE query = 'city=Zürich')::INTEGER AS zurich, count(*) FILTER (WHERE query = '')::INTEGER AS empty, count(*) FILTER (WHERE method = 'POST')::INTEGER AS posts FROM ${o.table}`,
    );
    expect(q).toEqual({
      zurich: sent.filter((r) => r.target.endsWith('?city=Zürich')).length,
      empty: sent.filter((r) => r.target.endsWith('?')).length,
      posts: 8,
    });
  }
  const [timing] = await fx.rows(
    'SELECT count(request_time)::INTEGER AS n, min(request_time) >= 0 AS ok FROM timed',
  );
  expect(timing).toEqual({ n: sent.length + 1, ok: true });
});
