import { duckdbDialect, postgresDialect } from '@sightline/sql';
import { describe, expect, test } from 'vitest';
import { type CompileBuilderOptions, compileBuilder } from './compile.js';
import {
  type BuilderQuery,
  type BuilderQueryInput,
  BuilderQuerySchema,
  parseBuilderQuery,
} from './schema.js';

const q = (input: Omit<BuilderQueryInput, 'version'>): BuilderQuery =>
  BuilderQuerySchema.parse({ version: 1, ...input });
const COLUMNS: Record<string, { name: string; type?: string }[]> = {
  orders: [
    { name: 'id' },
    { name: 'country' },
    { name: 'price' },
    { name: 'qty' },
    { name: 'ts', type: 'TIMESTAMP WITH TIME ZONE' },
  ],
  users: [{ name: 'id' }, { name: 'country' }, { name: 'plan' }],
};
const options: CompileBuilderOptions = {
  columnsOf: (s) => (s.kind === 'table' ? COLUMNS[s.name] : undefined),
  now: '2026-03-04T10:00:00Z',
};
const sqlOf = (query: BuilderQuery, dialect = duckdbDialect(), opts = options) => {
  const r = compileBuilder(query, dialect, opts);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.sql;
};
const errorOf = (query: BuilderQuery, opts = options, dialect = duckdbDialect()) => {
  const r = compileBuilder(query, dialect, opts);
  if (r.ok) throw new Error('compiled');
  return r.error;
};

describe('compileBuilder', () => {
  test('no steps reads the source', () => {
    expect(sqlOf(q({ source: { kind: 'table', name: 'orders' } }))).toBe('SELECT *\nFROM "orders"');
  });

  test('one commented CTE per step, the final SELECT keeps the sort', () => {
    const sql = sqlOf(
      q({
        source: { kind: 'table', name: 'orders' },
        steps: [
          { type: 'filter', conditions: [{ column: 'country', op: 'in', values: ['US', "O'Land"] }] },
          { type: 'customColumn', name: 'revenue', formula: '[price] * [qty]' },
          {
            type: 'summarize',
            groupBy: [{ column: 'country' }],
            aggregates: [{ fn: 'sum', column: 'revenue' }, { fn: 'count' }],
          },
          { type: 'sort', by: [{ column: 'sum_revenue', dir: 'desc' }] },
          {
            type: 'join',
            with: { kind: 'table', name: 'users' },
            on: [{ left: 'country', right: 'country' }],
          },
        ],
      }),
    );
    expect(sql).toBe(
      [
        `-- Step 1: Keep the rows where country is one of "US", "O'Land".`,
        `WITH "filtered" AS (`,
        `  SELECT *`,
        `  FROM "orders"`,
        `  WHERE "country" IN ('US', 'O''Land')`,
        `),`,
        `-- Step 2: Add the column revenue = [price] * [qty].`,
        `"with_revenue" AS (`,
        `  SELECT *, "price" * "qty" AS "revenue"`,
        `  FROM "filtered"`,
        `),`,
        `-- Step 3: Summarise per country: sum_revenue, count.`,
        `"by_country" AS (`,
        `  SELECT "country", sum("revenue") AS "sum_revenue", count(*) AS "count"`,
        `  FROM "with_revenue"`,
        `  GROUP BY "country"`,
        `),`,
        `-- Step 4: Sort by sum_revenue (largest first); empty values last.`,
        `"sorted" AS (`,
        `  SELECT *`,
        `  FROM "by_country"`,
        `  ORDER BY "sum_revenue" DESC NULLS LAST`,
        `),`,
        `-- Step 5: Left join users on country.`,
        `"joined_users" AS (`,
        `  SELECT "l".*, "r"."id", "r"."plan"`,
        `  FROM "sorted" AS "l"`,
        `  LEFT JOIN "users" AS "r" ON "l"."country" = "r"."country"`,
        `)`,
        `SELECT *`,
        `FROM "joined_users"`,
      ].join('\n'),
    );
  });

  test('each step says its CTE, comment and columns', () => {
    const r = compileBuilder(
      q({
        source: { kind: 'table', name: 'orders' },
        steps: [
          { type: 'customColumn', name: 'revenue', formula: '[price] * [qty]' },
          { type: 'summarize', groupBy: [{ column: 'ts', bucket: 'week' }], aggregates: [{ fn: 'count' }] },
        ],
      }),
      duckdbDialect(),
      options,
    );
    expect(r.ok && r.value.steps).toEqual([
      {
        name: 'with_revenue',
        comment: 'Step 1: Add the column revenue = [price] * [qty].',
        columns: [...COLUMNS.orders!, { name: 'revenue' }],
      },
      {
        name: 'by_ts_week',
        comment: 'Step 2: Summarise per ts by week: count (groups named ts_week).',
        columns: [
          { name: 'ts_week', type: 'TIMESTAMP WITH TIME ZONE' },
          { name: 'count', type: 'BIGINT' },
        ],
      },
    ]);
  });

  test('a limit after a sort keeps that order, and so does the final SELECT', () => {
    const sql = sqlOf(
      q({
        source: { kind: 'table', name: 'orders' },
        steps: [
          { type: 'sort', by: [{ column: 'price' }] },
          { type: 'filter', conditions: [{ column: 'qty', op: '>', value: 1 }] },
          { type: 'limit', n: 3 },
        ],
      }),
    );
    expect(sql).toContain(
      `"top_3" AS (\n  SELECT *\n  FROM "filtered"\n  ORDER BY "price" ASC NULLS LAST\n  LIMIT 3\n)`,
    );
    expect(sql.endsWith(`SELECT *\nFROM "top_3"\nORDER BY "price" ASC NULLS LAST`)).toBe(true);
  });

  test('date presets count from "now" in the time zone; zoned columns are read there too', () => {
    const sql = sqlOf(
      q({
        source: { kind: 'table', name: 'orders' },
        steps: [
          { type: 'filter', conditions: [{ column: 'ts', op: 'this', unit: 'month', tz: 'Europe/Paris' }] },
        ],
      }),
      postgresDialect(),
    );
    expect(sql).toContain(
      `WHERE CAST(("ts" AT TIME ZONE 'Europe/Paris') AS DATE) BETWEEN CAST(date_trunc('month', CAST(CAST((CAST('2026-03-04T10:00:00Z' AS TIMESTAMPTZ) AT TIME ZONE 'Europe/Paris') AS DATE) AS TIMESTAMP)) AS DATE) AND`,
    );
  });

  test('a DATE column is cast to TIMESTAMP before it is bucketed, so both engines give a TIMESTAMP', () => {
    const query = q({
      source: { kind: 'table', name: 'days' },
      steps: [
        { type: 'customColumn', name: 'm', formula: 'DATE_TRUNC("month", [d])' },
        { type: 'summarize', groupBy: [{ column: 'd', bucket: 'week' }], aggregates: [{ fn: 'count' }] },
      ],
    });
    const sql = sqlOf(query, postgresDialect(), { columnsOf: () => [{ name: 'd', type: 'DATE' }] });
    expect(sql).toContain(`SELECT *, date_trunc('month', CAST("d" AS TIMESTAMP)) AS "m"`);
    expect(sql).toContain(
      `SELECT date_trunc('week', CAST("d" AS TIMESTAMP)) AS "d_week", count(*) AS "count"`,
    );
  });

  test('names of CTEs stay unique', () => {
    const sql = sqlOf(
      q({
        source: { kind: 'table', name: 'orders' },
        steps: [
          { type: 'filter', conditions: [{ column: 'qty', op: '>', value: 1 }] },
          { type: 'filter', conditions: [{ column: 'qty', op: '<', value: 9 }] },
        ],
      }),
    );
    expect(sql).toContain(`"filtered_2" AS (\n  SELECT *\n  FROM "filtered"`);
  });

  test('a CTE never takes the name of a table the query reads', () => {
    const sql = sqlOf(
      q({
        source: { kind: 'table', name: 'filtered' },
        steps: [
          { type: 'filter', conditions: [{ column: 'a', op: '=', value: 1 }] },
          {
            type: 'join',
            with: { kind: 'table', name: 'Source' },
            on: [{ left: 'a', right: 'a' }],
            columns: ['b'],
          },
        ],
      }),
      duckdbDialect(),
      {},
    );
    expect(sql).toContain(`WITH "filtered_2" AS (\n  SELECT *\n  FROM "filtered"\n`);
    expect(sql).toContain(`FROM "filtered_2" AS "l"\n  LEFT JOIN "Source" AS "r"`);
    const fromSql = sqlOf(
      q({
        source: { kind: 'sql', sql: 'SELECT 1 AS a' },
        steps: [
          {
            type: 'join',
            with: { kind: 'table', name: 'source' },
            on: [{ left: 'a', right: 'a' }],
            columns: ['b'],
          },
        ],
      }),
      duckdbDialect(),
      {},
    );
    expect(fromSql).toContain(`WITH "source_2" AS (\nSELECT 1 AS a\n)`);
    expect(fromSql).toContain(`FROM "source_2" AS "l"\n  LEFT JOIN "source" AS "r"`);
  });

  test('saved queries and SQL sources become CTEs', () => {
    const saved = q({ source: { kind: 'sql', sql: 'SELECT 1 AS id;' }, steps: [{ type: 'limit', n: 1 }] });
    const sql = sqlOf(
      q({
        source: { kind: 'query', id: 'one' },
        steps: [
          {
            type: 'join',
            kind: 'inner',
            with: { kind: 'query', id: 'one' },
            on: [{ left: 'id', right: 'id' }],
            columns: ['id'],
          },
        ],
      }),
      duckdbDialect(),
      { savedQuery: (id) => (id === 'one' ? saved : undefined), columnsOf: () => [{ name: 'id' }] },
    );
    expect(sql).toContain(`WITH "saved: one" AS (\n  -- Your SQL.\n  WITH "source" AS (\nSELECT 1 AS id\n),`);
    expect(sql).toContain(
      `SELECT "l".*, "r"."id" AS "id_2"\n  FROM "saved: one" AS "l"\n  INNER JOIN "saved: one" AS "r" ON "l"."id" = "r"."id"`,
    );
    expect(sql.match(/"saved: one" AS \(/g)).toHaveLength(1);
  });
});

describe('compile errors say what and where', () => {
  test('an unknown column names the step and offers the closest', () => {
    const e = errorOf(
      q({
        source: { kind: 'table', name: 'orders' },
        steps: [
          { type: 'limit', n: 2 },
          { type: 'sort', by: [{ column: 'prize' }] },
        ],
      }),
    );
    expect(e).toEqual({
      message: 'Step 2: Column "prize" doesn\'t exist after step 1.',
      hints: ['Did you mean "price"?'],
      step: 1,
    });
  });

  test('a formula error points at the character', () => {
    const e = errorOf(
      q({
        source: { kind: 'table', name: 'orders' },
        steps: [{ type: 'customColumn', name: 'r', formula: 'ROUND([price] * [qtty], 2)' }],
      }),
    );
    expect(e).toEqual({
      message: 'Step 1: Column "qtty" doesn\'t exist in orders (character 17).',
      hints: ['Did you mean [qty]?'],
      step: 0,
      position: 16,
    });
  });

  test('a saved query reading itself is refused', () => {
    const loop = q({ source: { kind: 'query', id: 'a' } });
    const e = errorOf(loop, { savedQuery: () => loop });
    expect(e.message).toBe('The source (saved query "a"): The saved query "a" reads itself (a -> a).');
  });

  test('a file cannot be read by PostgreSQL', () => {
    const e = errorOf(q({ source: { kind: 'file', path: 'data/x.csv' } }), {}, postgresDialect());
    expect(e.message).toBe(
      "The source (file data/x.csv): The file data/x.csv can only be read by the workspace's DuckDB, not by postgres.",
    );
  });

  test('validation errors are plain words with the step', () => {
    const r = parseBuilderQuery({
      version: 1,
      source: { kind: 'table', name: 'orders' },
      steps: [{ type: 'filter', conditions: [{ column: 'ts', op: 'last', unit: 'day' }] }],
    });
    expect(r).toEqual({
      ok: false,
      error:
        'The builder query is not valid: step 1, condition 1, n: "last" needs a number n (e.g. 30 for the last 30 days).',
    });
  });
});
