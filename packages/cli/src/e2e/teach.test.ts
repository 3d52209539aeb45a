import { join } from 'node:path';
import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sightline, sightlineJson } from './run-cli.js';

let dir: { path: string; cleanup: () => void };
let ws: string;
beforeAll(async () => {
  dir = tempDir();
  ws = join(dir.path, 'ws');
  await sightlineJson(
    [
      'query',
      "CREATE TABLE users AS SELECT * FROM (VALUES ('u1', 'pro', 'DE'), ('u2', NULL, 'US')) v(user_id, plan, country)",
    ],
    { workspace: ws },
  );
});
afterAll(() => dir.cleanup());

test('a failed query teaches: what happened and where, the likely cause, and the fix to try', async () => {
  const r = await sightline(['query', 'SELECT country, count(*) FROM users'], { workspace: ws });
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(
    [
      'error: Column "country" is shown but not grouped or summarised (line 1, col 8).',
      'hint: The query counts or sums, so it returns groups; say which: GROUP BY country, or summarise country too.',
      'hint: Group by country too: SELECT country, count(*) FROM users GROUP BY country',
      '',
    ].join('\n'),
  );
});

test('a query that runs but is surely wrong gets a warning with the fix', async () => {
  const r = await sightline(['query', 'SELECT count(*) AS n FROM users WHERE plan = NULL'], {
    workspace: ws,
  });
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('{"n":0}\n');
  expect(r.stderr).toContain('warning: plan = NULL is never true, so it matches no rows (line 1, col 39).');
  expect(r.stderr).toContain('hint: Use IS NULL: SELECT count(*) AS n FROM users WHERE plan IS NULL');
});
