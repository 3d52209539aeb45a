import { type ChildProcess, spawn } from 'node:child_process';

/** A Sightline server running in its own Node process on a fresh temp workspace. */
export interface ServerProcess {
  origin: string;
  token: string;
  stop(): Promise<void>;
}

// The happy-dom environment replaces Request/Headers globals, which breaks a server in the same process,
// so component tests run the real server (built: packages/server/dist) in a child process.
const CHILD = `
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@sightline/server';
const dir = mkdtempSync(join(tmpdir(), 'sightline-web-component-'));
const server = await startServer({ workspaceDir: dir, log: () => undefined });
process.stdout.write(JSON.stringify({ url: server.url, token: server.token }) + '\\n');
const stop = async () => { await server.close(); rmSync(dir, { recursive: true, force: true }); process.exit(0); };
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
`;

/** Starts the server process; resolves once it listens. */
export function startServerProcess(): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) =>
      reject(new Error(`The test server exited early (code ${code}). Is it built (npx tsc -b)?`)),
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n')[0];
      if (!out.includes('\n') || line === undefined) return;
      const { url, token } = JSON.parse(line) as { url: string; token: string };
      resolve({
        origin: new URL(url).origin,
        token,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
