import { spawn } from 'node:child_process';

/** Runs a command and returns the parsed JSON of its last stdout line (or a failure report). */
export function runJsonChild(
  command: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as Record<string, unknown>);
      } catch {
        const why = signal ? `killed by ${signal}` : `exit code ${code}`;
        const tail = err.trim().split('\n').slice(-3).join(' | ');
        resolve({ status: 'failed', note: `${command} ended without a report (${why}) ${tail}`.trim() });
      }
    });
  });
}
