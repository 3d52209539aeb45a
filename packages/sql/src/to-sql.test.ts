import { describe, expect, test } from 'vitest';
import {
  add,
  and,
  arrayAgg,
  asc,
  between,
  caseWhen,
  cast,
  coalesce,
  column,
  concat,
  count,
  countDistinct,
  cte,
  currentRow,
  dateSeries,
  dateTrunc,
  desc,
  div,
  duckdbDialect,
  epoch,
  eq,
  exists,
  fn,
  fromEpoch,
  greatest,
  gt,
  ilike,
  intDiv,
  interval,
  isIn,
  isNull,
  least,
  like,
  listContains,
  listLength,
  listValue,
  literal,
  mul,
  neg,
  not,
  notIn,
  nullif,
  or,
  over,
  param,
  percentileCont,
  postgresDialect,
  preceding,
  rangeBetween,
  raw,
  rawQuery,
  regexpExtract,
  regexpMatch,
  rowsBetween,
  SqlBuildError,
  type SqlInput,
  secondsBetween,
  select,
  sub,
  subquery,
  subqueryRef,
  sum,
  table,
  toSql,
  unboundedPreceding,
  unionAll,
  values,
  withSetOptions,
} from './index.js';

const duck = duckdbDialect();
const pg = postgresDialect();

/** [DuckDB text, PostgreSQL text] of one node. */
function both(node: SqlInput, pretty = false): [string, string] {
  return [toSql(node, duck, { pretty }), toSql(node, pg, { pretty })];
}

describe('values and identifiers', () => {
  test('plain strings are literals, escaped the standard way; identifiers are always quoted', () => {
    expect(both(eq(column("O'Brien"), "it's a \\ 'quote'"))).toEqual([
      `"O'Brien" = 'it''s a \\ ''quote'''`,
      `"O'Brien" = 'it''s a \\ ''quote'''`,
    ]);
    expect(both(column('Order "ID"', 'select'))).toEqual([
      `"select"."Order ""ID"""`,
      `"select"."Order ""ID"""`,
    ]);
    expect(both(column('Ünïcødé 数据'))).toEqual(['"Ünïcødé 数据"', '"Ünïcødé 数据"']);
  });

  test('numbers, booleans, NULL, big integers and non-finite doubles', () => {
    expect(toSql(literal(12345678901234567890n), duck)).toBe('12345678901234567890');
    expect(both(select({ a: 1.5, b: true, c: null, d: -0, e: Number.POSITIVE_INFINITY }))).toEqual([
      `SELECT 1.5 AS "a", TRUE AS "b", NULL AS "c", 0 AS "d", CAST('Infinity' AS DOUBLE) AS "e"`,
      `SELECT 1.5 AS "a", TRUE AS "b", NULL AS "c", 0 AS "d", CAST('Infinity' AS DOUBLE PRECISION) AS "e"`,
    ]);
  });

  test('parameters are $n in both dialects, raw SQL passes through', () => {
    expect(both(and(eq(column('a'), param(1)), raw('random() < 2')))).toEqual([
      '"a" = $1 AND (random() < 2)',
      '"a" = $1 AND (random() < 2)',
    ]);
    expect(() => param(0)).toThrow(SqlBuildError);
  });

  test('a NUL character cannot enter a literal or an identifier', () => {
    expect(() => toSql(literal('a\u0000b'), duck)).toThrow(/NUL/);
    expect(() => toSql(column('a\u0000b'), pg)).toThrow(/NUL/);
  });

  test('PostgreSQL refuses identifiers it would silently truncate (over 63 bytes)', () => {
    const long = 'é'.repeat(32);
    expect(toSql(column(long), duck)).toBe(`"${long}"`);
    expect(() => toSql(column(long), pg)).toThrow(
      'The name "' + long + '" is 64 bytes long; PostgreSQL allows at most 63',
    );
  });

  test('function names must be plain words', () => {
    expect(() => fn('drop table x; --')).toThrow(SqlBuildError);
  });
});

describe('operators and precedence', () => {
  test('parentheses appear exactly where precedence needs them', () => {
    expect(toSql(sub(1, sub(2, 3)), duck)).toBe('1 - (2 - 3)');
    expect(toSql(sub(sub(1, 2), 3), duck)).toBe('1 - 2 - 3');
    expect(toSql(mul(sub(1, 2), 3), duck)).toBe('(1 - 2) * 3');
    expect(toSql(eq(eq(1, 1), true), duck)).toBe('(1 = 1) = TRUE');
    expect(toSql(and(or(eq(column('a'), 1), column('b')), column('c')), duck)).toBe(
      '("a" = 1 OR "b") AND "c"',
    );
    expect(toSql(or(and(column('a'), column('b')), column('c')), duck)).toBe('("a" AND "b") OR "c"');
    expect(toSql(neg(neg(-5)), duck)).toBe('-(-(-5))');
    expect(toSql(not(like(column('x'), 'a%')), duck)).toBe(`NOT "x" LIKE 'a%' ESCAPE '\\'`);
    expect(toSql(isNull(concat(column('a'), '-', column('b'))), duck)).toBe(`"a" || '-' || "b" IS NULL`);
  });

  test('division is floating point in both engines; integer division is explicit', () => {
    expect(both(div(column('a'), column('b')))).toEqual(['"a" / "b"', 'CAST("a" AS DOUBLE PRECISION) / "b"']);
    expect(both(intDiv(column('a'), 2))).toEqual(['("a" // 2)', '("a" / 2)']);
  });

  test('IN, NOT IN (lists and subqueries, empty lists), BETWEEN, LIKE and ILIKE with a fixed escape', () => {
    expect(toSql(isIn(column('e'), ['a', 'b']), pg)).toBe(`"e" IN ('a', 'b')`);
    expect(toSql(notIn(column('e'), []), pg)).toBe('TRUE');
    expect(toSql(isIn(column('e'), []), pg)).toBe('FALSE');
    expect(toSql(isIn(column('id'), select(column('id')).from('t')), pg)).toBe(
      `"id" IN (SELECT "id" FROM "t")`,
    );
    expect(toSql(between(column('x'), 1, add(1, 1)), pg)).toBe('"x" BETWEEN 1 AND 1 + 1');
    expect(toSql(ilike(column('n'), 'a\\_%'), duck)).toBe(`"n" ILIKE 'a\\_%' ESCAPE '\\'`);
  });
});

describe('functions', () => {
  test('aggregates with DISTINCT, ORDER BY and FILTER; percentile_cont WITHIN GROUP', () => {
    const q = select({
      n: count(),
      u: countDistinct(column('user'), { filter: eq(column('event'), 'buy') }),
      l: arrayAgg(column('e'), { orderBy: [desc(column('ts'))] }),
      m: percentileCont(0.5, column('secs')),
    });
    const expected = `SELECT count(*) AS "n", count(DISTINCT "user") FILTER (WHERE "event" = 'buy') AS "u", array_agg("e" ORDER BY "ts" DESC NULLS LAST) AS "l", percentile_cont(0.5) WITHIN GROUP (ORDER BY "secs" ASC NULLS LAST) AS "m"`;
    expect(both(q)).toEqual([expected, expected]);
    expect(() => percentileCont(1.5, column('x'))).toThrow('A percentile must be within 0 and 1, got 1.5');
  });

  test('CASE, CAST (types spelled per dialect), COALESCE, NULLIF, GREATEST, LEAST', () => {
    const e = caseWhen(
      [[gt(column('x'), 0), cast(column('x'), 'DOUBLE')]],
      coalesce(nullif(column('y'), ''), 'none'),
    );
    expect(both(e)).toEqual([
      `CASE WHEN "x" > 0 THEN CAST("x" AS DOUBLE) ELSE coalesce(nullif("y", ''), 'none') END`,
      `CASE WHEN "x" > 0 THEN CAST("x" AS DOUBLE PRECISION) ELSE coalesce(nullif("y", ''), 'none') END`,
    ]);
    expect(both(cast(greatest(column('a'), least(1, 2)), 'TEXT'))).toEqual([
      'CAST(greatest("a", least(1, 2)) AS VARCHAR)',
      'CAST(greatest("a", least(1, 2)) AS TEXT)',
    ]);
  });

  test('regular expressions: match and extract differ per engine', () => {
    expect(both(regexpMatch(column('url'), '^/a'))).toEqual([
      `regexp_matches("url", '^/a')`,
      `("url" ~ '^/a')`,
    ]);
    expect(both(regexpExtract(column('url'), 'id=(\\d+)', 1))).toEqual([
      `CASE WHEN regexp_matches("url", 'id=(\\d+)') THEN regexp_extract("url", 'id=(\\d+)', 1) END`,
      `(regexp_match("url", '(' || 'id=(\\d+)' || ')'))[2]`,
    ]);
  });

  test('lists: value, length, contains', () => {
    expect(both(listLength(listValue(1, 2)))).toEqual([
      'len([1, 2])',
      'CAST(cardinality(ARRAY[1, 2]) AS BIGINT)',
    ]);
    expect(both(listContains(column('l'), 'x'))).toEqual([
      `list_contains("l", 'x')`,
      `CASE WHEN "l" IS NULL THEN NULL ELSE COALESCE('x' = ANY("l"), FALSE) END`,
    ]);
    expect(() => listValue()).toThrow(SqlBuildError);
  });

  test('scalar subqueries and EXISTS', () => {
    expect(toSql(and(exists(select(1).from('t')), gt(subquery(select(count()).from('t')), 0)), duck)).toBe(
      'EXISTS (SELECT 1 FROM "t") AND (SELECT count(*) FROM "t") > 0',
    );
  });
});

describe('time', () => {
  test('date_trunc in a time zone, epoch seconds, epoch to timestamp', () => {
    const ts = column('ts');
    expect(both(dateTrunc('week', ts, { tz: 'America/New_York' }))).toEqual([
      `date_trunc('week', timezone('America/New_York', "ts"))`,
      `date_trunc('week', ("ts" AT TIME ZONE 'America/New_York'))`,
    ]);
    expect(both(dateTrunc('day', ts))).toEqual([`date_trunc('day', "ts")`, `date_trunc('day', "ts")`]);
    expect(both(epoch(ts))).toEqual(['epoch("ts")', 'CAST(EXTRACT(EPOCH FROM "ts") AS DOUBLE PRECISION)']);
    expect(both(fromEpoch(column('s')))).toEqual(['to_timestamp("s")', 'to_timestamp("s")']);
    expect(both(fromEpoch(column('ms'), 'ms'))).toEqual([
      `timezone('UTC', epoch_ms(CAST("ms" AS BIGINT)))`,
      'to_timestamp("ms" / 1000.0)',
    ]);
    expect(both(secondsBetween(column('a'), column('b')))).toEqual([
      'epoch("b") - epoch("a")',
      'CAST(EXTRACT(EPOCH FROM "b") AS DOUBLE PRECISION) - CAST(EXTRACT(EPOCH FROM "a") AS DOUBLE PRECISION)',
    ]);
  });

  test('intervals: literal amounts read the same, computed amounts use each engine function', () => {
    expect(both(interval(14, 'day'))).toEqual([`INTERVAL '14 day'`, `INTERVAL '14 day'`]);
    expect(both(interval(param(1), 'second'))).toEqual(['to_seconds($1)', 'make_interval(secs => $1)']);
    expect(both(interval(column('n'), 'day'))).toEqual(['to_days("n")', 'make_interval(days => "n")']);
  });

  test('a series of dates as a FROM item', () => {
    const q = select(column('day')).from(
      dateSeries(cast('2024-01-01', 'DATE'), cast('2024-01-03', 'DATE'), { alias: 'd', column: 'day' }),
    );
    const text = `SELECT "day" FROM (SELECT CAST("d" AS DATE) AS "day" FROM generate_series(CAST(CAST('2024-01-01' AS DATE) AS TIMESTAMP), CAST(CAST('2024-01-03' AS DATE) AS TIMESTAMP), INTERVAL '1 day') AS "series"("d")) AS "d"`;
    expect(both(q)).toEqual([text, text]);
  });
});

describe('windows', () => {
  test('a framed window, written the same way in both engines', () => {
    const w = over(sum(column('x')), {
      partitionBy: [column('g')],
      orderBy: [asc(column('t'), 'FIRST')],
      frame: rowsBetween(unboundedPreceding(), currentRow()),
    });
    const text =
      'sum("x") OVER (PARTITION BY "g" ORDER BY "t" ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)';
    expect(both(w)).toEqual([text, text]);
    expect(toSql(over(fn('row_number')), pg)).toBe('row_number() OVER ()');
  });

  test('count(DISTINCT) over a window: native in DuckDB, a jsonb key count in PostgreSQL', () => {
    const w = over(countDistinct(column('u')), {
      orderBy: [column('day')],
      frame: rangeBetween(preceding(interval(6, 'day')), currentRow()),
    });
    const spec = `(ORDER BY "day" ASC NULLS LAST RANGE BETWEEN INTERVAL '6 day' PRECEDING AND CURRENT ROW)`;
    expect(both(w)).toEqual([
      `count(DISTINCT "u") OVER ${spec}`,
      `COALESCE(CAST(jsonb_array_length(jsonb_path_query_array(jsonb_object_agg(CAST("u" AS TEXT), 1) FILTER (WHERE ("u") IS NOT NULL) OVER ${spec}, '$.keyvalue()')) AS BIGINT), 0)`,
    ]);
    expect(() => toSql(over(sum(column('x'), { distinct: true })), pg)).toThrow(
      'PostgreSQL cannot compute sum(DISTINCT ...) over a window; only count is rewritten',
    );
  });
});

describe('queries', () => {
  const q = select(column('Order ID', 'o'), { n: count() })
    .from(table("O'Brien", 'o'))
    .join(table(['public', 'select'], 's'), { on: eq(column('id', 'o'), column('id', 's')), type: 'LEFT' })
    .where(eq(column('kind', 'o'), 'a'))
    .where(isNull(column('id', 's')))
    .groupBy(column('Order ID', 'o'))
    .having(gt(count(), 1))
    .orderBy(desc(column('n')))
    .limit(10)
    .offset(param(1));

  test('every clause, on one line', () => {
    const text = `SELECT "o"."Order ID", count(*) AS "n" FROM "O'Brien" AS "o" LEFT JOIN "public"."select" AS "s" ON "o"."id" = "s"."id" WHERE "o"."kind" = 'a' AND "s"."id" IS NULL GROUP BY "o"."Order ID" HAVING count(*) > 1 ORDER BY "n" DESC NULLS LAST LIMIT 10 OFFSET $1`;
    expect(both(q)).toEqual([text, text]);
  });

  test('an alias named "kind" is still an alias, not mistaken for a node', () => {
    expect(toSql(select({ kind: column('k'), label: 'x' }), duck)).toBe(
      `SELECT "k" AS "kind", 'x' AS "label"`,
    );
  });

  test('the builder is immutable', () => {
    const base = select(column('a')).from('t');
    base.where(eq(column('a'), 1));
    expect(toSql(base, duck)).toBe('SELECT "a" FROM "t"');
  });

  test('pretty output: one commented CTE per block, clauses on their own lines, nested queries indented', () => {
    const full = select(column('day'), { users: column('users') })
      .from('daily')
      .with(
        cte(
          'in_range',
          select()
            .from('events')
            .where(gt(column('ts'), param(1))),
          'Step 1: events in the range\nsince $1',
        ),
        cte(
          'daily',
          select({ day: dateTrunc('day', column('ts')), users: countDistinct(column('user')) })
            .from('in_range')
            .groupBy(column('day')),
          'Step 2: daily users',
        ),
      )
      .orderBy(column('day'));
    expect(toSql(full, pg, { pretty: true })).toBe(
      [
        '-- Step 1: events in the range',
        '-- since $1',
        'WITH "in_range" AS (',
        '  SELECT *',
        '  FROM "events"',
        '  WHERE "ts" > $1',
        '),',
        '-- Step 2: daily users',
        '"daily" AS (',
        `  SELECT date_trunc('day', "ts") AS "day", count(DISTINCT "user") AS "users"`,
        '  FROM "in_range"',
        '  GROUP BY "day"',
        ')',
        'SELECT "day", "users" AS "users"',
        'FROM "daily"',
        'ORDER BY "day" ASC NULLS LAST',
      ].join('\n'),
    );
    expect(toSql(full, pg)).toBe(
      `WITH "in_range" AS (SELECT * FROM "events" WHERE "ts" > $1), "daily" AS (SELECT date_trunc('day', "ts") AS "day", count(DISTINCT "user") AS "users" FROM "in_range" GROUP BY "day") SELECT "day", "users" AS "users" FROM "daily" ORDER BY "day" ASC NULLS LAST`,
    );
  });

  test('a long select list wraps one item per line in pretty output', () => {
    const wide = select({
      first_long_column_name: column('a'),
      second_long_column_name: column('b'),
      third_long_column_name: column('c'),
    }).from('t');
    expect(toSql(wide, duck, { pretty: true })).toBe(
      'SELECT\n  "a" AS "first_long_column_name",\n  "b" AS "second_long_column_name",\n  "c" AS "third_long_column_name"\nFROM "t"',
    );
  });

  test('user SQL enters only as a subquery or CTE, on its own lines so a trailing comment is harmless', () => {
    const q = select(count()).from(subqueryRef(rawQuery('SELECT 1 AS one -- note;\n;  '), 'u'));
    expect(toSql(q, duck)).toBe('SELECT count(*) FROM (\nSELECT 1 AS one -- note\n) AS "u"');
    const c = select()
      .from('mine')
      .with(cte('mine', rawQuery('SELECT 2 AS two')));
    expect(toSql(c, pg, { pretty: true })).toBe(
      'WITH "mine" AS (\nSELECT 2 AS two\n)\nSELECT *\nFROM "mine"',
    );
    expect(() => rawQuery(' ;\n')).toThrow('The SQL text is empty');
  });

  test('UNION ALL with ORDER BY and LIMIT; VALUES with column names', () => {
    const u = withSetOptions(unionAll(select({ x: 1 }), select({ x: 2 }).limit(1)), {
      orderBy: [column('x')],
      limit: 5,
    });
    expect(both(u)).toEqual([
      'SELECT 1 AS "x" UNION ALL (SELECT 2 AS "x" LIMIT 1) ORDER BY "x" ASC NULLS LAST LIMIT 5',
      'SELECT 1 AS "x" UNION ALL (SELECT 2 AS "x" LIMIT 1) ORDER BY "x" ASC NULLS LAST LIMIT 5',
    ]);
    expect(toSql(select().from(values([[1, "a'b"]], 'v', ['id', 'Order ID'])), pg)).toBe(
      `SELECT * FROM (VALUES (1, 'a''b')) AS "v"("id", "Order ID")`,
    );
    expect(() => values([[1]], 'v', ['a', 'b'])).toThrow('Each VALUES row needs 2 values, one got 1');
  });

  test('joins need a condition unless CROSS; LATERAL is written out', () => {
    expect(() => select().from('a').join('b', { type: 'LEFT' })).toThrow(
      'A LEFT join needs an "on" condition or "using" columns',
    );
    const lat = select()
      .from(table('a'))
      .join(
        select(column('x'))
          .from('b')
          .where(eq(column('id', 'b'), column('id', 'a')))
          .limit(1)
          .as('l'),
        {
          type: 'LEFT',
          lateral: true,
          on: true,
        },
      );
    expect(toSql(lat, pg)).toBe(
      'SELECT * FROM "a" LEFT JOIN LATERAL (SELECT "x" FROM "b" WHERE "b"."id" = "a"."id" LIMIT 1) AS "l" ON TRUE',
    );
    expect(
      toSql(
        select()
          .from('a')
          .join('b', { using: ['id'] }),
        duck,
      ),
    ).toBe('SELECT * FROM "a" INNER JOIN "b" USING ("id")');
  });
});
