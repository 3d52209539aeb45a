import { afterAll, beforeAll, expect, test } from 'vitest';
import { Engine } from './engine.js';
import { QueryError } from './query-error.js';

// DuckDB's streamed results end like finished ones when they fail part-way (node-api 1.5 doesn't read
// duckdb_result_error), so a row-level failure at row 500,000 once came back as ~370,000 rows and no error.
const FAILS_MIDWAY =
  "SELECT CASE WHEN range < 500000 THEN range ELSE error('boom at 500000') END AS v FROM range(1000000)";

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(':memory:');
});
afterAll(async () => {
  await engine.close();
});

test('query() reports an error that happens part-way through the rows', async () => {
  await expect(engine.query(FAILS_MIDWAY)).rejects.toThrow(/boom at 500000/);
});

test('query() with maxRows reports it too, and still cuts clean results', async () => {
  await expect(engine.query(FAILS_MIDWAY, { maxRows: 900_000 })).rejects.toBeInstanceOf(QueryError);
  const cut = await engine.query('SELECT range AS v FROM range(1000000);', { maxRows: 3 });
  expect([cut.rows, cut.truncated]).toEqual([[{ v: 0 }, { v: 1 }, { v: 2 }], true]);
  const exact = await engine.query('SELECT range AS v FROM range(3)', { maxRows: 3 });
  expect([exact.rowCount, exact.truncated]).toEqual([3, false]);
});

test('maxRows keeps error positions in the user text', async () => {
  const err = await engine.query('SELECT 1,\n  nope', { maxRows: 5 }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(QueryError);
  expect((err as QueryError).position).toMatchObject({ line: 2, column: 3 });
});

test('stream() throws instead of ending early', async () => {
  let rows = 0;
  const consume = async () => {
    for await (const batch of engine.stream(FAILS_MIDWAY)) rows += batch.rows.length;
  };
  await expect(consume()).rejects.toThrow(/boom at 500000/);
  expect(rows).toBe(0);
});
