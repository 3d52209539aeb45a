// listMinAtLeast(): the smallest list element >= a value, as text per dialect and executed on both engines.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Engines, openEngines } from './engines.test-support.js';
import {
  arrayAgg,
  column,
  duckdbDialect,
  listMinAbove,
  listMinAtLeast,
  postgresDialect,
  select,
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

// Lists per group g, probed at several values: unsorted, with duplicates, empty (NULL list) and equal to the probe.
const lists = select(column('g'), { l: arrayAgg(column('x'), { filter: column('keep') }) })
  .from(
    values(
      [
        [1, 5, true],
        [1, 2, true],
        [1, 9, true],
        [1, 5, true],
        [2, 7, false],
      ],
      'v',
      ['g', 'x', 'keep'],
    ),
  )
  .groupBy(column('g'));
const q = select(column('g'), column('probe'), {
  found: listMinAtLeast(column('l'), column('probe')),
  above: listMinAbove(column('l'), column('probe')),
})
  .from(lists.as('lists'))
  .join(values([[0], [2], [3], [5], [6], [10]], 'p', ['probe']))
  .orderBy(column('g'), column('probe'));

test('text per dialect', () => {
  expect(toSql(listMinAtLeast(column('l'), column('t')), duckdbDialect())).toBe(
    'list_min(list_filter("l", lambda sl_item: sl_item >= "t"))',
  );
  expect(toSql(listMinAtLeast(column('l'), column('t')), postgresDialect())).toBe(
    '(SELECT min("sl_item") FROM unnest("l") AS "sl_items"("sl_item") WHERE "sl_item" >= "t")',
  );
});

const num = (v: unknown) => (v === null ? null : Number(v));

test('both engines find the smallest element at or above the value, NULL when none', async () => {
  const expected = [
    [1, 0, 2, 2],
    [1, 2, 2, 5],
    [1, 3, 5, 5],
    [1, 5, 5, 9],
    [1, 6, 9, 9],
    [1, 10, null, null],
    [2, 0, null, null],
    [2, 2, null, null],
    [2, 3, null, null],
    [2, 5, null, null],
    [2, 6, null, null],
    [2, 10, null, null],
  ];
  const flat = (rows: Record<string, unknown>[]) =>
    rows.map((r) => [Number(r.g), Number(r.probe), num(r.found), num(r.above)]);
  expect(flat(await engines.duckRows(toSql(q, duckdbDialect())))).toEqual(expected);
  expect(flat(await engines.pgRows(toSql(q, postgresDialect())))).toEqual(expected);
});
