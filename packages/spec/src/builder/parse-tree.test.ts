import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { duckdbDialect } from '@sightline/sql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileBuilder } from './compile.js';
import { normalizeBuilder } from './normalize.js';
import { parseWithDuckdb } from './parse.test-support.js';
import { type BuilderQuery, type BuilderQueryInput, BuilderQuerySchema, type Step } from './schema.js';

let instance: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

const q = (input: Omit<BuilderQueryInput, 'version'>): BuilderQuery =>
  BuilderQuerySchema.parse({ version: 1, ...input });
const orders = { kind: 'table', name: 'orders' } as const;

async function roundTrip(query: BuilderQuery) {
  const compiled = compileBuilder(query, duckdbDialect(), { now: '2026-03-04T10:00:00Z' });
  if (!compiled.ok) throw new Error(compiled.error.message);
  const back = await parseWithDuckdb(conn, compiled.value.sql);
  if (!back.ok) throw new Error(`${back.reason}\n${compiled.value.sql}`);
  expect(back.value).toEqual(normalizeBuilder(query));
}

const one = (step: Record<string, unknown>) => q({ source: orders, steps: [step as Step] });

describe('every step reads back from its SQL', () => {
  const conditions: Record<string, unknown>[] = [
    { column: 'country', op: '=', value: 'US' },
    { column: 'price', op: '!=', value: 2.5 },
    { column: 'qty', op: '<', value: -3 },
    { column: 'qty', op: '<=', value: 10 },
    { column: 'paid', op: '=', value: true },
    { column: 'qty', op: '>', value: 0 },
    { column: 'name', op: '>=', value: "O'Brien \\ x" },
    { column: 'qty', op: 'between', values: [1, 5] },
    { column: 'country', op: 'in', values: ['US', 'FR', 3] },
    { column: 'country', op: 'not_in', values: ['DE'] },
    { column: 'name', op: 'contains', value: '50%_off' },
    { column: 'name', op: 'starts_with', value: 'A' },
    { column: 'name', op: 'ends_with', value: '\\' },
    { column: 'name', op: 'is_empty' },
    { column: 'name', op: 'is_not_empty' },
    { column: 'ts', op: 'last', n: 30, unit: 'day' },
    { column: 'ts', op: 'last', n: 2, unit: 'week', tz: 'Europe/Paris' },
    { column: 'ts', op: 'last', n: 3, unit: 'month' },
    { column: 'ts', op: 'this', unit: 'week' },
    { column: 'ts', op: 'this', unit: 'quarter', tz: 'America/New_York' },
    { column: 'ts', op: 'previous', unit: 'month' },
    { column: 'ts', op: 'previous', unit: 'year' },
    { column: 'ts', op: 'before', value: '2026-01-01' },
    { column: 'ts', op: 'after', value: '2026-01-01' },
  ];
  for (const c of conditions) {
    test(`filter ${c.op} ${JSON.stringify(c.value ?? c.values ?? c.unit ?? '')}`, async () => {
      await roundTrip(one({ type: 'filter', conditions: [c] }));
    });
  }
  test('filter with several conditions, and / or', async () => {
    await roundTrip(one({ type: 'filter', conditions: conditions.slice(0, 6), combine: 'or' }));
    await roundTrip(one({ type: 'filter', conditions: conditions.slice(10, 20), combine: 'and' }));
  });

  const formulas = [
    '[price] * [qty]',
    '[a] - ([b] - [c]) / 2',
    '-[a] + -2.5',
    'IF([qty] > 0, [price] / [qty], 0)',
    'IF(AND([a] = 1, OR([b] <> "x", NOT(ISBLANK([c])))), "yes")',
    'ROUND([price] * 1.2, 2) + ROUND([x])',
    'UPPER(LEFT(TRIM([name]), 3)) = "ABC"',
    'CONCAT(LOWER([first]), " ", RIGHT([last], 1), LEN([x]))',
    'COALESCE([a], [b], 0) >= ABS(FLOOR([c])) + CEIL([d])',
    'YEAR([ts]) * 100 + MONTH([ts]) - DAY([ts])',
    'DATE_TRUNC("week", [ts])',
    'DAYS_BETWEEN([created], [shipped])',
    '[Order ID]] x] = TRUE',
    'NOT([a] = [b])',
    'NOT([a] < 1)',
    'NOT(NOT([a]))',
    '-(-[a])',
    '-([a] + 1)',
    'MID(REPLACE([name], "a", "o"), 2, 3)',
    'POWER([qty], 2) + SQRT([price]) + HOUR([ts])',
    'CONCAT(TEXT([id]), "/", TEXT(DATE([ts])))',
  ];
  for (const formula of formulas) {
    test(`custom column ${formula}`, async () => {
      await roundTrip(one({ type: 'customColumn', name: 'new col', formula }));
    });
  }

  test('summarise with buckets, names and every aggregate', async () => {
    await roundTrip(
      one({
        type: 'summarize',
        groupBy: [
          { column: 'country' },
          { column: 'ts', bucket: 'month' },
          { column: 'ts', bucket: 'week', as: 'week' },
        ],
        aggregates: [
          'count',
          'count_distinct',
          'sum',
          'avg',
          'median',
          'p25',
          'p75',
          'p90',
          'p95',
          'p99',
          'min',
          'max',
        ].map((fn) => ({
          fn,
          column: 'price',
        })),
      }),
    );
    await roundTrip(
      one({ type: 'summarize', aggregates: [{ fn: 'count' }, { fn: 'sum', column: 'qty', as: 'units' }] }),
    );
  });

  test('sort, limit, and a sort repeated after a filter', async () => {
    await roundTrip(
      q({
        source: orders,
        steps: [
          {
            type: 'sort',
            by: [
              { column: 'qty', dir: 'desc' },
              { column: 'name', dir: 'asc' },
            ],
          },
          { type: 'filter', conditions: [{ column: 'qty', op: '>', value: 1 }] },
          { type: 'limit', n: 5 },
          {
            type: 'sort',
            by: [
              { column: 'qty', dir: 'desc' },
              { column: 'name', dir: 'asc' },
            ],
          },
          { type: 'sort', by: [{ column: 'name', dir: 'desc' }] },
        ],
      }),
    );
    await roundTrip(one({ type: 'limit', n: 0 }));
  });

  test('joins of every kind with tables, files, saved queries and SQL', async () => {
    for (const kind of ['inner', 'left', 'right', 'full'] as const) {
      await roundTrip(
        one({
          type: 'join',
          kind,
          with: { kind: 'table', name: 'users', schema: 'crm' },
          on: [
            { left: 'user_id', right: 'id' },
            { left: 'country', right: 'country' },
          ],
          columns: ['plan', 'user_id'],
        }),
      );
    }
    await roundTrip(
      one({
        type: 'join',
        with: { kind: 'file', path: 'data/targets.csv' },
        on: [{ left: 'c', right: 'c' }],
        columns: ['t'],
      }),
    );
    await roundTrip(
      one({
        type: 'join',
        with: { kind: 'sql', sql: 'SELECT 1 AS c, 2 AS t' },
        on: [{ left: 'c', right: 'c' }],
        columns: ['t'],
      }),
    );
  });

  test('sources: file, SQL and saved query', async () => {
    await roundTrip(
      q({ source: { kind: 'file', path: 'data/orders.parquet' }, steps: [{ type: 'limit', n: 1 }] }),
    );
    await roundTrip(q({ source: { kind: 'sql', sql: 'SELECT 1 AS x' }, steps: [{ type: 'limit', n: 1 }] }));
    const saved = q({ source: orders, steps: [{ type: 'limit', n: 1 }] });
    const query = q({
      source: { kind: 'query', id: 'Top 1' },
      steps: [
        {
          type: 'join',
          with: { kind: 'query', id: 'Top 1' },
          on: [{ left: 'id', right: 'id' }],
          columns: ['x'],
        },
      ],
    });
    const compiled = compileBuilder(query, duckdbDialect(), { savedQuery: () => saved });
    if (!compiled.ok) throw new Error(compiled.error.message);
    expect(await parseWithDuckdb(conn, compiled.value.sql)).toEqual({ ok: true, value: query });
  });
});

describe('hand-written SQL', () => {
  test('the classic GROUP BY with ORDER BY position and LIMIT becomes four steps', async () => {
    const r = await parseWithDuckdb(
      conn,
      "SELECT plan, count(*) FROM users WHERE country = 'US' GROUP BY plan ORDER BY 2 DESC LIMIT 10",
    );
    expect(r).toEqual({
      ok: true,
      value: {
        version: 1,
        source: { kind: 'table', name: 'users' },
        steps: [
          { type: 'filter', conditions: [{ column: 'country', op: '=', value: 'US' }], combine: 'and' },
          { type: 'summarize', groupBy: [{ column: 'plan' }], aggregates: [{ fn: 'count' }] },
          { type: 'sort', by: [{ column: 'count', dir: 'desc' }] },
          { type: 'limit', n: 10 },
        ],
      },
    });
  });

  test('computed columns, nested subqueries, GROUP BY position, median()', async () => {
    const r = await parseWithDuckdb(
      conn,
      `SELECT date_trunc('month', ts) AS month, median(revenue) AS typical
       FROM (SELECT *, price * qty AS revenue FROM 'orders.csv' WHERE name ILIKE '%pro%') GROUP BY 1 ORDER BY month`,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        version: 1,
        source: { kind: 'file', path: 'orders.csv' },
        steps: [
          { type: 'filter', conditions: [{ column: 'name', op: 'contains', value: 'pro' }], combine: 'and' },
          { type: 'customColumn', name: 'revenue', formula: '[price] * [qty]' },
          {
            type: 'summarize',
            groupBy: [{ column: 'ts', bucket: 'month', as: 'month' }],
            aggregates: [{ fn: 'median', column: 'revenue', as: 'typical' }],
          },
          { type: 'sort', by: [{ column: 'month', dir: 'asc' }] },
        ],
      },
    });
  });

  test('a DATE cast before a bucket reads back as the bucket', async () => {
    const r = await parseWithDuckdb(
      conn,
      `SELECT *, date_trunc('month', CAST(d AS TIMESTAMP)) AS m FROM (SELECT date_trunc('week', CAST(d AS TIMESTAMP)) AS w, count(*) FROM t GROUP BY 1)`,
    );
    expect(r.ok && r.value.steps).toEqual([
      {
        type: 'summarize',
        groupBy: [{ column: 'd', bucket: 'week', as: 'w' }],
        aggregates: [{ fn: 'count' }],
      },
      { type: 'customColumn', name: 'm', formula: 'DATE_TRUNC("month", [d])' },
    ]);
  });

  test('HAVING on shown groups and aggregates is a filter after the summary', async () => {
    const r = await parseWithDuckdb(
      conn,
      `SELECT plan, count(*) AS n, sum(x) FROM t GROUP BY plan HAVING count(*) >= 10 AND sum(x) < 5.5 AND plan <> 'free' ORDER BY n DESC`,
    );
    expect(r.ok && r.value.steps.slice(1)).toEqual([
      {
        type: 'filter',
        conditions: [
          { column: 'n', op: '>=', value: 10 },
          { column: 'sum_x', op: '<', value: 5.5 },
          { column: 'plan', op: '!=', value: 'free' },
        ],
        combine: 'and',
      },
      { type: 'sort', by: [{ column: 'n', dir: 'desc' }] },
    ]);
  });

  test('GROUP BY ALL, DATE literals, boolean columns and CASE with several branches', async () => {
    const r = await parseWithDuckdb(
      conn,
      `SELECT Country, COUNT(*) AS n FROM (
         SELECT *, CASE WHEN a > 2 THEN 'big' WHEN a > 1 THEN 'mid' ELSE 'small' END AS size FROM t
         WHERE created_at >= DATE '2026-01-01' AND NOT paid AND vip
       ) GROUP BY ALL`,
    );
    expect(r.ok && r.value.steps).toEqual([
      {
        type: 'filter',
        conditions: [
          { column: 'created_at', op: '>=', value: '2026-01-01' },
          { column: 'paid', op: '=', value: false },
          { column: 'vip', op: '=', value: true },
        ],
        combine: 'and',
      },
      { type: 'customColumn', name: 'size', formula: 'IF([a] > 2, "big", IF([a] > 1, "mid", "small"))' },
      { type: 'summarize', groupBy: [{ column: 'Country' }], aggregates: [{ fn: 'count', as: 'n' }] },
    ]);
  });

  test('text conditions on a number or date column cast it to text, and read back', async () => {
    const query = one({ type: 'filter', conditions: [{ column: 'id', op: 'contains', value: '1' }] });
    const compiled = compileBuilder(query, duckdbDialect(), {
      columnsOf: () => [{ name: 'id', type: 'INTEGER' }],
    });
    if (!compiled.ok) throw new Error(compiled.error.message);
    expect(compiled.value.sql).toContain(`WHERE CAST("id" AS VARCHAR) ILIKE '%1%' ESCAPE '\\'`);
    expect(await parseWithDuckdb(conn, compiled.value.sql)).toEqual({ ok: true, value: query });
  });

  test('an unsupported CTE in front becomes a SQL source with builder steps on top', async () => {
    const r = await parseWithDuckdb(
      conn,
      'WITH u AS (SELECT DISTINCT plan FROM users) SELECT * FROM u LIMIT 3',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        version: 1,
        source: { kind: 'sql', sql: 'SELECT DISTINCT plan FROM users' },
        steps: [{ type: 'limit', n: 3 }],
      },
    });
  });

  const outside: [string, string][] = [
    [
      'SELECT a, b FROM t',
      'it uses picking or renaming columns (SELECT a, b), while the builder keeps every column',
    ],
    ['SELECT * FROM t UNION ALL SELECT * FROM u', 'it uses union of several queries'],
    ['SELECT *, row_number() OVER () AS n FROM t', 'it uses a window function in a computed column'],
    ['SELECT * FROM t WHERE a = 1 AND (b = 2 OR c = 3)', 'it uses conditions mixing AND and OR'],
    [
      'SELECT * FROM t WHERE a IS NULL',
      'it uses a condition other than a comparison, IN, BETWEEN, ILIKE or a date preset',
    ],
    ['SELECT 1; SELECT 2', 'it holds several statements'],
    ['SELEC 1', 'the SQL does not parse: syntax error at or near "SELEC"'],
    [
      'SELECT * FROM t ORDER BY a NULLS FIRST',
      'it uses NULLS FIRST (the builder always sorts empty values last)',
    ],
    [
      'SELECT plan, count(*) FROM t GROUP BY plan HAVING sum(x) > 1',
      'it uses a condition on an expression rather than a column (add it as a custom column first)',
    ],
    ['SELECT * FROM t HAVING a > 1', 'it uses HAVING without a summary'],
  ];
  for (const [sql, reason] of outside) {
    test(`stays SQL: ${sql}`, async () => {
      expect(await parseWithDuckdb(conn, sql)).toEqual({ ok: false, reason });
    });
  }
});
