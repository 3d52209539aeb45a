import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnCollect, tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BIN, sightline } from './run-cli.js';

let dir: { path: string; cleanup: () => void };
let csv: string;
beforeAll(() => {
  dir = tempDir();
  csv = join(dir.path, 'big.csv');
  const lines = ['id,name,amount'];
  for (let i = 0; i < 1_200_000; i++) lines.push(`${i},name${i % 100},${i % 1000}.5`);
  writeFileSync(csv, `${lines.join('\n')}\n`);
});
afterAll(() => dir.cleanup());

test('a progress bar with bytes and percent is drawn on a terminal', async () => {
  // util-linux `script` gives the CLI a real pseudo-terminal.
  expect(existsSync('/usr/bin/script')).toBe(true);
  const ws = join(dir.path, 'tty');
  const r = await spawnCollect(
    '/usr/bin/script',
    ['-qec', `${process.execPath} ${BIN} import ${csv}`, '/dev/null'],
    {
      env: { ...process.env, SIGHTLINE_WORKSPACE: ws, COLUMNS: '120' },
    },
  );
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/\r\x1b\[2KImporting big\.csv \[[█░]+\] +\d+% [\d.]+ MB of [\d.]+ MB/);
  expect(r.stdout).toContain('1,200,000');
});

test('nothing but messages goes to stderr when it is not a terminal', async () => {
  const r = await sightline(['import', csv, '--as', 'piped'], { workspace: join(dir.path, 'pipe') });
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe('{"table":"piped","rows":1200000,"columns":3,"rejected":0}\n');
});
