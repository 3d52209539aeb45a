import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sightline/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { findRunningServer } from './server-file.js';
import { startServer } from './start-server.js';

const dirs: { cleanup: () => void }[] = [];
afterAll(() => {
  for (const d of dirs) d.cleanup();
});

function workspaceDir(): string {
  const d = tempDir('sightline-serve-');
  dirs.push(d);
  return d.path;
}

describe('startServer over real HTTP', () => {
  it('serves the API on a free 127.0.0.1 port with a token, and writes then removes server.json', async () => {
    const dir = workspaceDir();
    const server = await startServer({ workspaceDir: dir, log: () => undefined });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
      expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(server.warning).toBeUndefined();
      const file = join(dir, 'server.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(findRunningServer(dir)).toEqual({
        url: `http://127.0.0.1:${server.port}/`,
        token: server.token,
      });

      const base = `http://127.0.0.1:${server.port}`;
      const anon = await fetch(`${base}/api/tables`);
      expect(anon.status).toBe(401);
      const ok = await fetch(`${base}/api/query`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ sql: 'SELECT 40 + 2 AS answer', format: 'json' }),
      });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { rows: unknown[] }).rows).toEqual([{ answer: 42 }]);

      const login = await fetch(server.url, { redirect: 'manual' });
      expect(login.status).toBe(302);
      expect(login.headers.get('location')).toBe('/');
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const page = await fetch(`${base}/`, { headers: { cookie } });
      expect(page.status).toBe(200);

      const again = await startServer({ workspaceDir: dir }).then(
        () => 'started',
        (e: Error) => e.message,
      );
      expect(again).toBe(`A Sightline server is already serving this workspace at ${base}.`);
    } finally {
      await server.close();
    }
    expect(existsSync(join(dir, 'server.json'))).toBe(false);
    expect(findRunningServer(dir)).toBeNull();
    await expect(fetch(`http://127.0.0.1:${server.port}/api/tables`)).rejects.toThrow();
  });

  it('answers 403 to a rebinding Host header over the network', async () => {
    const dir = workspaceDir();
    const server = await startServer({ workspaceDir: dir, log: () => undefined });
    try {
      const { request } = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: server.port,
            path: '/api/tables',
            headers: { host: `evil.example:${server.port}`, authorization: `Bearer ${server.token}` },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('says what --host 0.0.0.0 exposes', async () => {
    const dir = workspaceDir();
    const server = await startServer({ workspaceDir: dir, host: '0.0.0.0', log: () => undefined });
    try {
      expect(server.warning).toBe(
        `Listening on 0.0.0.0: anyone who can reach this machine on port ${server.port} and has the link can read, change and export every table in this workspace, and read files this user can read.`,
      );
      const res = await fetch(`http://127.0.0.1:${server.port}/api/tables`, {
        headers: { authorization: `Bearer ${server.token}` },
      });
      expect(res.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('findRunningServer', () => {
  it('ignores a missing, broken or stale server.json', () => {
    const dir = workspaceDir();
    expect(findRunningServer(dir)).toBeNull();
    writeFileSync(join(dir, 'server.json'), '{not json');
    expect(findRunningServer(dir)).toBeNull();
    // PID 2^22+1 is above Linux's pid_max default, so no process has it.
    writeFileSync(
      join(dir, 'server.json'),
      JSON.stringify({ url: 'http://127.0.0.1:1/', token: 't', pid: 4194305 }),
    );
    expect(findRunningServer(dir)).toBeNull();
    writeFileSync(
      join(dir, 'server.json'),
      JSON.stringify({ url: 'http://127.0.0.1:1/', token: 't', pid: process.pid }),
    );
    expect(findRunningServer(dir)).toEqual({ url: 'http://127.0.0.1:1/', token: 't' });
  });
});
