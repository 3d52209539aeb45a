import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnCollect } from '@sightline/testkit';

/** The built `sightline` bin (npm test builds it with `tsc -b` before running tests). */
export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'bin.js');

/** Runs the real CLI as a child process and collects its output. */
export async function sightline(
  args: string[],
  opts: { workspace?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npx tsc -b" first (npm test does)`);
  const env = { ...process.env, ...opts.env };
  delete env.SIGHTLINE_WORKSPACE;
  if (opts.workspace) env.SIGHTLINE_WORKSPACE = opts.workspace;
  const r = await spawnCollect(process.execPath, [BIN, ...args], { env, cwd: opts.cwd });
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI with `--format json` and parses stdout. */
export async function sightlineJson(
  args: string[],
  opts: { workspace?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<unknown> {
  const r = await sightline([...args, '--format', 'json'], opts);
  if (r.code !== 0) throw new Error(`sightline ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
