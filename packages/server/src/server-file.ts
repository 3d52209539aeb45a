import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file a serving process leaves in its workspace so other processes can reach it. */
export const SERVER_FILE = 'server.json';

/** The address and token of the server that holds a workspace. */
export interface RunningServer {
  url: string;
  token: string;
}

/** Writes `<workspace>/server.json` ({url, token, pid}) atomically, readable by the owner only (0600). */
export function writeServerFile(workspaceDir: string, info: RunningServer & { pid: number }): string {
  const path = join(workspaceDir, SERVER_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(info)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  return path;
}

/** Removes `<workspace>/server.json` when it is this process's (another server's file is left alone). */
export function removeServerFile(workspaceDir: string, pid = process.pid): void {
  const path = join(workspaceDir, SERVER_FILE);
  const info = readServerFile(path);
  if (info === null || info.pid === pid) rmSync(path, { force: true });
}

/**
 * The server serving `workspaceDir` ({url, token}), or null when none runs: no file, an unreadable file, or a
 * stale one (its process is gone).
 */
export function findRunningServer(workspaceDir: string): RunningServer | null {
  const info = readServerFile(join(workspaceDir, SERVER_FILE));
  if (info === null || !processAlive(info.pid)) return null;
  return { url: info.url, token: info.token };
}

function readServerFile(path: string): (RunningServer & { pid: number }) | null {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
  const d = data as Partial<RunningServer & { pid: number }> | null;
  if (!d || typeof d.url !== 'string' || typeof d.token !== 'string' || !Number.isInteger(d.pid)) return null;
  return { url: d.url, token: d.token, pid: d.pid! };
}

function processAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
