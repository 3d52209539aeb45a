import { expect, test } from 'vitest';
import { sightline, sightlineJson } from './run-cli.js';

test('explain says what a query does, clause by clause, without needing the data', async () => {
  const sql =
    "SELECT plan, count(*) AS n FROM users WHERE country = 'DE' GROUP BY plan ORDER BY n DESC LIMIT 3";
  expect(await sightlineJson(['explain', sql])).toEqual([
    { step: 1, clause: 'from', 'what it does': 'Reads users.' },
    { step: 2, clause: 'where', 'what it does': "Keeps rows where country is 'DE'." },
    { step: 3, clause: 'group by', 'what it does': 'Groups rows by plan.' },
    { step: 4, clause: 'aggregate', 'what it does': 'For each group, it counts rows (as n).' },
    { step: 5, clause: 'select', 'what it does': 'Returns plan and n.' },
    { step: 6, clause: 'order by', 'what it does': 'Sorts by n (highest or latest first).' },
    { step: 7, clause: 'limit', 'what it does': 'Returns only the first 3 rows.' },
  ]);
  const table = await sightline(['explain', sql, '--format', 'table']);
  expect(table.stdout.split('\n')[0]).toBe(' 1. Reads users.');
});

test('SQL that does not parse gets a clear error', async () => {
  const r = await sightline(['explain', 'SELEC 1']);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^error: This SQL can't be explained: /);
});
