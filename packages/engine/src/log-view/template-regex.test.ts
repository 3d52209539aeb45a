import { afterAll, beforeAll, expect, test } from 'vitest';
import { Engine } from '../core/engine.js';
import { templateRegex } from './template-regex.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(':memory:');
});
afterAll(async () => engine.close());

const CASES: [template: string, matches: string[], misses: string[]][] = [
  [
    'user <NUM> logged in from <IP>',
    ['user 42 logged in from 10.0.0.1', '  user 7  logged in from 10.0.0.1:22'],
    ['user x logged in from 10.0.0.1', 'user 42 logged in from 10.0.0.1 twice'],
  ],
  [
    'cache miss for key <STR> (<*> ms)',
    ['cache miss for key "user: 42" (12 ms)', "cache miss for key 'a b' (fast ms)"],
    ['cache miss for key user (12 ms)'],
  ],
  [
    'GET /api/projects/<NUM>/export?x=[1]',
    ['GET /api/projects/12/export?x=[1]'],
    ['GET /api/projects/12/exportXx=[1]'],
  ],
  [
    'session <UUID> at <TS> id <HEX>',
    ['session 3f2a9c1e-7b4d-4e8a-9c2f-0a1b2c3d4e5f at 2026-10-31T13:55:36Z id a1b2c3d4e5'],
    ['session 3f2a9c1e at 2026-10-31T13:55:36Z id a1b2c3d4e5'],
  ],
];

test('a template regex matches its lines and nothing else, the same in JavaScript and DuckDB', async () => {
  for (const [template, matches, misses] of CASES) {
    const re = templateRegex(template);
    const js = new RegExp(re);
    for (const line of matches) expect(js.test(line), `${template} ~ ${line}`).toBe(true);
    for (const line of misses) expect(js.test(line), `${template} !~ ${line}`).toBe(false);
    const all = [...matches, ...misses];
    for (const [i, line] of all.entries()) {
      const res = await engine.query('SELECT regexp_matches($1, $2) AS m', { params: [line, re] });
      expect(res.rows[0]?.m, `DuckDB: ${template} ~ ${line}`).toBe(i < matches.length);
    }
  }
});
