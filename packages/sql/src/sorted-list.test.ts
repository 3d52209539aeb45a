// sortedList() and listTail(): a group's values as a sorted list, and the list without its first element, as text
// per dialect and executed on both engines (active users pair each day with the next this way).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Engines, openEngines } from './engines.test-support.js';
import {
  column,
  duckdbDialect,
  fn,
  listTail,
  postgresDialect,
  select,
  sortedList,
  toSql,
  values,
} from './index.js';

let engines: Engines;
beforeAll(async () => {
  engines = await openEngines();
});
afterAll(async () => {
  await engines?.close();
});

test('text per dialect', () => {
  expect(toSql(sortedList(column('x')), duckdbDialect())).toBe(
    'list_sort(array_agg("x") FILTER (WHERE "x" IS NOT NULL))',
  );
  expect(toSql(sortedList(column('x')), postgresDialect())).toBe(
    'array_agg("x" ORDER BY "x") FILTER (WHERE "x" IS NOT NULL)',
  );
  expect(toSql(listTail(column('l')), postgresDialect())).toBe('"l"[2:]');
  // Anything but a column is parenthesised: PostgreSQL reads `f(x)[2:]` as a syntax error.
  expect(toSql(listTail(sortedList(column('x'))), postgresDialect())).toBe(
    '(array_agg("x" ORDER BY "x") FILTER (WHERE "x" IS NOT NULL))[2:]',
  );
});

// Groups: unsorted with repeats and a NULL, a single value, and only NULLs.
const lists = select(column('g'), { l: sortedList(column('x')) })
  .from(
    values(
      [
        [1, 5],
        [1, 2],
        [1, null],
        [1, 9],
        [1, 5],
        [2, 7],
        [3, null],
      ],
      'v',
      ['g', 'x'],
    ),
  )
  .groupBy(column('g'));
// Each element beside the next one: the two lists unnested side by side, the shorter one padded with NULL.
const pairs = select(column('g'), { x: fn('unnest', column('l')), next: fn('unnest', listTail(column('l'))) })
  .from(lists.as('lists'))
  .orderBy(column('g'), column('x'), column('next'));

const num = (v: unknown) => (v === null ? null : Number(v));

test('both engines sort the non-NULL values, keep repeats, and pair each with the next', async () => {
  const expected = [
    [1, 2, 5],
    [1, 5, 5],
    [1, 5, 9],
    [1, 9, null],
    [2, 7, null],
  ];
  const flat = (rows: Record<string, unknown>[]) => rows.map((r) => [Number(r.g), num(r.x), num(r.next)]);
  expect(flat(await engines.duckRows(toSql(pairs, duckdbDialect())))).toEqual(expected);
  expect(flat(await engines.pgRows(toSql(pairs, postgresDialect())))).toEqual(expected);
});
