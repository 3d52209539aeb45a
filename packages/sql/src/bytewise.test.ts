// bytewise(): text ordered by code point on both engines, whatever the database collation.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Engines, openEngines } from './engines.test-support.js';
import { asc, bytewise, column, duckdbDialect, postgresDialect, select, toSql, values } from './index.js';

let engines: Engines;
beforeAll(async () => {
  engines = await openEngines();
});
afterAll(async () => {
  await engines?.close();
});

const words = ['b', 'B', 'a', 'É', '_', 'ab', 'Z'];
const q = select(column('w'))
  .from(
    values(
      words.map((w) => [w]),
      'v',
      ['w'],
    ),
  )
  .orderBy(asc(bytewise(column('w'))));

test('text per dialect', () => {
  expect(toSql(q, duckdbDialect())).toContain('ORDER BY "w" ASC NULLS LAST');
  expect(toSql(q, postgresDialect())).toContain('ORDER BY ("w" COLLATE "C") ASC NULLS LAST');
});

test('both engines sort by code point, even under a linguistic collation', async () => {
  const expected = ['B', 'Z', '_', 'a', 'ab', 'b', 'É'];
  expect((await engines.duckRows(toSql(q, duckdbDialect()))).map((r) => r.w)).toEqual(expected);
  expect((await engines.pgRows(toSql(q, postgresDialect()))).map((r) => r.w)).toEqual(expected);
  const linguistic = select(column('w'))
    .from(
      values(
        words.map((w) => [w]),
        'v',
        ['w'],
      ),
    )
    .orderBy(asc(bytewise({ kind: 'raw', sql: '"w" COLLATE "und-x-icu"' })));
  const pgSql = toSql(linguistic, postgresDialect());
  expect((await engines.pgRows(pgSql)).map((r) => r.w)).toEqual(expected);
});
