import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import type { CliContext } from './context.js';
import { buildProgram } from './program.js';

const docs = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'cli.md'),
  'utf8',
);

test('docs/cli.md names every command and every option', () => {
  const io = { stdout: process.stdout, stderr: process.stderr, env: {} };
  const program = buildProgram(io, () => ({}) as CliContext);
  const missing: string[] = [];
  for (const command of program.commands) {
    if (!docs.includes(`sightline ${command.name()}`)) missing.push(command.name());
    for (const option of command.options) {
      const flag = option.long ?? option.short ?? '';
      if (flag && flag !== '--help' && !docs.includes(`\`${flag}`)) missing.push(`${command.name()} ${flag}`);
    }
  }
  for (const global of ['--workspace', '--format', '--debug'])
    if (!docs.includes(global)) missing.push(global);
  expect(missing).toEqual([]);
});
