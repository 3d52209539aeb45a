import { expect, test } from 'vitest';
import { sightline } from './run-cli.js';

const COMMANDS = [
  'open',
  'import',
  'tables',
  'rejects',
  'describe',
  'query',
  'export',
  'connect',
  'connections',
  'sample',
  'workspaces',
  'funnel',
  'retention',
  'active',
  'abtest',
  'explain',
];

test('sightline --help lists every command and shows examples a PM can copy', async () => {
  const r = await sightline(['--help']);
  expect(r.code).toBe(0);
  for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
  expect(r.stdout).toContain('$ sightline import "Q3 Revenue (final).csv"');
  expect(r.stdout).toContain('--format F');
});

test.each(COMMANDS)('sightline %s --help has an example', async (command) => {
  const r = await sightline([command, '--help']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Examples:');
  expect(r.stdout).toContain(`$ sightline ${command}`);
});

test('an unknown flag is a usage error (exit 2) with error: and hint: lines, no stack trace', async () => {
  const r = await sightline(['tables', '--bogus']);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(
    `error: unknown option '--bogus'\nhint: Run "sightline tables --help" to see what it accepts.\n`,
  );
});

test('an unknown command suggests the closest one', async () => {
  const r = await sightline(['tabels']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("error: unknown command 'tabels'");
  expect(r.stderr).toContain('tables');
});

test('a bad --format value is a usage error naming the choices', async () => {
  const r = await sightline(['tables', '--format', 'xml']);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('error: --format "xml" is not one of: table, csv, json, ndjson, markdown.\n');
});
