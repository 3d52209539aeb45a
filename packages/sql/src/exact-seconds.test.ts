// exactSecondsBetween(): seconds between two timestamps, exact to the microsecond, equal on both engines.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Engines, openEngines } from './engines.test-support.js';
import {
  cast,
  duckdbDialect,
  exactSecondsBetween,
  literal,
  postgresDialect,
  select,
  toSql,
} from './index.js';

let engines: Engines;
beforeAll(async () => {
  engines = await openEngines();
});
afterAll(async () => {
  await engines?.close();
});

const ts = (text: string) => cast(literal(text), 'TIMESTAMPTZ');
const q = select({
  sub_second: exactSecondsBetween(ts('2026-01-05 10:00:00.1+00'), ts('2026-01-05 10:00:00.4+00')),
  // Across the European DST change: exact elapsed seconds, never calendar days.
  across_dst: exactSecondsBetween(ts('2026-03-28 12:00:00+00'), ts('2026-03-30 12:00:00.000001+00')),
  backwards: exactSecondsBetween(ts('2026-01-05 10:00:01.7+00'), ts('2026-01-05 10:00:00+00')),
});

test('text per dialect', () => {
  expect(toSql(exactSecondsBetween(ts('x'), ts('y')), duckdbDialect())).toBe(
    "(CAST(epoch_us(CAST('y' AS TIMESTAMPTZ)) - epoch_us(CAST('x' AS TIMESTAMPTZ)) AS DOUBLE) / 1000000)",
  );
  expect(toSql(exactSecondsBetween(ts('x'), ts('y')), postgresDialect())).toBe(
    "CAST(EXTRACT(EPOCH FROM CAST('y' AS TIMESTAMPTZ)) - EXTRACT(EPOCH FROM CAST('x' AS TIMESTAMPTZ)) AS DOUBLE PRECISION)",
  );
});

test('both engines give the correctly rounded exact value', async () => {
  const expected = { sub_second: 0.3, across_dst: 172_800.000001, backwards: -1.7 };
  const [duck] = await engines.duckRows(toSql(q, duckdbDialect()));
  const [pg] = await engines.pgRows(toSql(q, postgresDialect()));
  expect(duck).toEqual(expected);
  expect(pg).toEqual(expected);
});
