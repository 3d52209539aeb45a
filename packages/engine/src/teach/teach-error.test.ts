import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../core/engine.js';
import { QueryError } from '../core/query-error.js';
import type { Lesson, SchemaTable } from './lesson.js';
import { readSchema } from './read-schema.js';
import { teachError } from './teach-error.js';
import { teachQuery } from './teach-query.js';
import { openSampleEngine } from './test-support.js';

let engine: Engine;
let schema: SchemaTable[];
let close: () => Promise<void>;
beforeAll(async () => {
  ({ engine, close } = await openSampleEngine());
  // A table whose column is named with a reserved word, as some exports have.
  await engine.query('CREATE TABLE line_items ("order" INTEGER, amount DOUBLE)');
  schema = await readSchema(engine);
});
afterAll(() => close());

async function lessonFor(sql: string): Promise<Lesson> {
  try {
    await engine.query(sql);
  } catch (err) {
    expect(err).toBeInstanceOf(QueryError);
    return teachError(err as QueryError, { sql, schema });
  }
  throw new Error(`expected ${sql} to fail`);
}

type Expected = Pick<Lesson, 'kind' | 'title' | 'detail' | 'lesson'> & { fix: Lesson['fix'] | null };

// Each row: a real failing query on the sample data and the exact lesson the teacher gives for it.
const CASES: [string, string, Expected][] = [
  [
    'misspelled column',
    'SELECT revenu_usd FROM events',
    {
      kind: 'unknown-column',
      title: 'Column "revenu_usd" doesn\'t exist in events (line 1, col 8).',
      detail: 'Did you mean "revenue_usd"?',
      lesson: 'select-where',
      fix: { label: 'Use revenue_usd', sql: 'SELECT revenue_usd FROM events', safe: true },
    },
  ],
  [
    'misspelled column on line 2, qualified',
    "SELECT e.user_id,\n       e.revnue_usd\nFROM events e WHERE e.event = 'purchase'",
    {
      kind: 'unknown-column',
      title: 'Column "revnue_usd" doesn\'t exist in events (e) (line 2, col 8).',
      detail: 'Did you mean "revenue_usd"?',
      lesson: 'select-where',
      fix: {
        label: 'Use revenue_usd',
        sql: "SELECT e.user_id,\n       e.revenue_usd\nFROM events e WHERE e.event = 'purchase'",
        safe: true,
      },
    },
  ],
  [
    'misspelled table',
    'SELECT * FROM evnts',
    {
      kind: 'unknown-table',
      title: 'Table "evnts" doesn\'t exist in this workspace (line 1, col 15).',
      detail: 'Did you mean "events"?',
      lesson: 'tables',
      fix: { label: 'Use events', sql: 'SELECT * FROM events', safe: true },
    },
  ],
  [
    'column from the wrong table after a join',
    "SELECT u.plan, e.revenue_usd FROM users u JOIN events e ON u.user_id = e.user_id WHERE u.event = 'signup'",
    {
      kind: 'column-wrong-table',
      title: 'Column "event" is in events (e), not in users (u) (line 1, col 88).',
      detail: 'After a join each column keeps the name of its own table: write e.event.',
      lesson: 'joins',
      fix: {
        label: 'Use e.event',
        sql: "SELECT u.plan, e.revenue_usd FROM users u JOIN events e ON u.user_id = e.user_id WHERE e.event = 'signup'",
        safe: true,
      },
    },
  ],
  [
    'column of a table the query does not read',
    'SELECT mrr_usd FROM users u JOIN events e ON u.user_id = e.user_id',
    {
      kind: 'column-from-other-table',
      title: 'Column "mrr_usd" isn\'t in users or events; it is in subscriptions (line 1, col 8).',
      detail:
        "This query doesn't read subscriptions. Join it to use mrr_usd, e.g. JOIN subscriptions s ON s.user_id = u.user_id.",
      lesson: 'joins',
      fix: null,
    },
  ],
  [
    'table name used where its alias is needed',
    'SELECT users.plan FROM users u',
    {
      kind: 'unknown-table-reference',
      title: '"users" is called u in this query (line 1, col 8).',
      detail: 'Once a table has a short name (FROM users u), use that name: u.',
      lesson: 'joins',
      fix: { label: 'Use u', sql: 'SELECT u.plan FROM users u', safe: true },
    },
  ],
  [
    'ambiguous column',
    'SELECT user_id FROM users u JOIN events e ON u.user_id = e.user_id',
    {
      kind: 'ambiguous-column',
      title: 'Column "user_id" is in both users (u) and events (e) (line 1, col 8).',
      detail: 'Say which one you mean: u.user_id or e.user_id.',
      lesson: 'joins',
      fix: {
        label: 'Use u.user_id',
        sql: 'SELECT u.user_id FROM users u JOIN events e ON u.user_id = e.user_id',
        safe: false,
      },
    },
  ],
  [
    'missing GROUP BY column',
    'SELECT country, plan, count(*) FROM users GROUP BY country',
    {
      kind: 'missing-group-by',
      title: 'Column "plan" is shown but not grouped or summarised (line 1, col 17).',
      detail:
        'Each result row is one group of country, and plan can have many values in a group. Add plan to GROUP BY, or summarise it (e.g. count(DISTINCT plan)).',
      lesson: 'group-by',
      fix: {
        label: 'Group by plan too',
        sql: 'SELECT country, plan, count(*) FROM users GROUP BY country, plan',
        safe: false,
      },
    },
  ],
  [
    'aggregate without any GROUP BY',
    'SELECT country, count(*) FROM users ORDER BY 2',
    {
      kind: 'missing-group-by',
      title: 'Column "country" is shown but not grouped or summarised (line 1, col 8).',
      detail:
        'The query counts or sums, so it returns groups; say which: GROUP BY country, or summarise country too.',
      lesson: 'group-by',
      fix: {
        label: 'Group by country too',
        sql: 'SELECT country, count(*) FROM users GROUP BY country ORDER BY 2',
        safe: false,
      },
    },
  ],
  [
    'aggregate in WHERE',
    'SELECT country, count(*) FROM users WHERE count(*) > 3 GROUP BY country',
    {
      kind: 'aggregate-in-where',
      title: "A total such as count() or sum() can't be used in WHERE (line 1, col 43).",
      detail:
        'WHERE picks rows before they are grouped and counted; to keep only groups whose total passes a test, put that test in HAVING after GROUP BY.',
      lesson: 'group-by',
      fix: {
        label: 'Move it to HAVING',
        sql: 'SELECT country, count(*) FROM users GROUP BY country HAVING count(*) > 3',
        safe: true,
      },
    },
  ],
  [
    'aggregate in WHERE next to a row filter',
    "SELECT country, count(*) FROM users WHERE plan = 'pro' AND count(*) > 3 GROUP BY country ORDER BY 2",
    {
      kind: 'aggregate-in-where',
      title: "A total such as count() or sum() can't be used in WHERE (line 1, col 60).",
      detail:
        'WHERE picks rows before they are grouped and counted; to keep only groups whose total passes a test, put that test in HAVING after GROUP BY.',
      lesson: 'group-by',
      fix: {
        label: 'Move it to HAVING',
        sql: "SELECT country, count(*) FROM users WHERE plan = 'pro' GROUP BY country HAVING count(*) > 3 ORDER BY 2",
        safe: true,
      },
    },
  ],
  [
    'SELECT * with GROUP BY',
    'SELECT * FROM users GROUP BY country',
    {
      kind: 'missing-group-by',
      title:
        "SELECT * can't be used with GROUP BY, because columns such as user_id are neither grouped nor summarised (line 1, col 8).",
      detail:
        'With GROUP BY country each result row is one group. Show the grouped columns and totals instead, e.g. SELECT country, count(*).',
      lesson: 'group-by',
      fix: {
        label: 'Show country and a count',
        sql: 'SELECT country, count(*) FROM users GROUP BY country',
        safe: false,
      },
    },
  ],
  [
    'Tableau-style countd',
    'SELECT countd(user_id) FROM events',
    {
      kind: 'unknown-function',
      title: 'There is no function called countd (line 1, col 8).',
      detail: 'To count distinct values write count(DISTINCT column).',
      lesson: 'functions',
      fix: {
        label: 'Use count(DISTINCT ...)',
        sql: 'SELECT count(DISTINCT user_id) FROM events',
        safe: true,
      },
    },
  ],
  [
    'unterminated text',
    "SELECT count(*) FROM users WHERE plan = 'pro",
    {
      kind: 'unterminated-quote',
      title: "The text starting with ' at line 1, col 41 is never closed.",
      detail: "Close it with another '. To put a ' inside it, write it twice ('').",
      lesson: 'quotes',
      fix: { label: "Close it with '", sql: "SELECT count(*) FROM users WHERE plan = 'pro'", safe: false },
    },
  ],
  [
    'unterminated name',
    'SELECT plan FROM "users',
    {
      kind: 'unterminated-quote',
      title: 'The name starting with " at line 1, col 18 is never closed.',
      detail: 'Close it with another ". To put a " inside it, write it twice ("").',
      lesson: 'quotes',
      fix: { label: 'Close it with "', sql: 'SELECT plan FROM "users"', safe: false },
    },
  ],
  [
    'nested aggregate',
    'SELECT avg(count(*)) FROM users',
    {
      kind: 'nested-aggregate',
      title: "A total can't be taken of another total in one step (line 1, col 12).",
      detail:
        'Compute the inner total per group in a subquery (or WITH step) first, then take the outer one over its rows, e.g. SELECT avg(n) FROM (SELECT count(*) AS n FROM t GROUP BY x).',
      lesson: 'group-by',
      fix: null,
    },
  ],
  [
    'text column compared with a number',
    'SELECT * FROM users WHERE country = 5',
    {
      kind: 'text-vs-number',
      title: 'Column "country" holds text, but it is compared with a number (line 1, col 27).',
      detail:
        "Its values look like 'DE'. Put the value in single quotes to compare text with text: country = '5'.",
      lesson: 'types',
      fix: { label: "Use '5'", sql: "SELECT * FROM users WHERE country = '5'", safe: true },
    },
  ],
  [
    'number column compared with text',
    "SELECT * FROM events WHERE revenue_usd > 'abc'",
    {
      kind: 'text-not-a-number',
      title: "'abc' is not a number, but revenue_usd holds numbers (line 1, col 42).",
      detail:
        'revenue_usd is DECIMAL(10,2); compare it with a number written without quotes, e.g. revenue_usd > 10.',
      lesson: 'types',
      fix: null,
    },
  ],
  [
    'ambiguous date text',
    "SELECT * FROM users WHERE signup_at > '03/01/2026'",
    {
      kind: 'bad-date',
      title: "'03/01/2026' can't be read as a date (line 1, col 39).",
      detail:
        "It looks like DD/MM/YYYY or MM/DD/YYYY (day and month can't be told apart); dates are written YYYY-MM-DD, e.g. '2026-03-01' for 1 March 2026.",
      lesson: 'dates',
      fix: null,
    },
  ],
  [
    'day-first date text',
    "SELECT * FROM users WHERE signup_at > '13/01/2026'",
    {
      kind: 'bad-date',
      title: "'13/01/2026' can't be read as a date (line 1, col 39).",
      detail: "It looks like DD/MM/YYYY (day first); dates are written YYYY-MM-DD, so this is '2026-01-13'.",
      lesson: 'dates',
      fix: {
        label: "Use '2026-01-13'",
        sql: "SELECT * FROM users WHERE signup_at > '2026-01-13'",
        safe: true,
      },
    },
  ],
  [
    'date that does not exist',
    "SELECT * FROM events WHERE ts > '2026-02-30'",
    {
      kind: 'bad-date',
      title: "'2026-02-30' can't be read as a date (line 1, col 33).",
      detail: 'It looks like YYYY-MM-DD, but February 2026 has 28 days, so there is no day 30.',
      lesson: 'dates',
      fix: null,
    },
  ],
  [
    'date with a month name',
    "SELECT * FROM users WHERE signup_at >= 'Jan 5 2026'",
    {
      kind: 'bad-date',
      title: "'Jan 5 2026' can't be read as a date (line 1, col 40).",
      detail: "It looks like Month D YYYY; dates are written YYYY-MM-DD, so this is '2026-01-05'.",
      lesson: 'dates',
      fix: {
        label: "Use '2026-01-05'",
        sql: "SELECT * FROM users WHERE signup_at >= '2026-01-05'",
        safe: true,
      },
    },
  ],
  [
    'double quotes around a value',
    'SELECT * FROM users WHERE plan = "pro"',
    {
      kind: 'double-quotes',
      title: '"pro" is read as a column name because it is in double quotes (line 1, col 34).',
      detail: "Text values go in single quotes ('pro'); double quotes are for names of columns and tables.",
      lesson: 'select-where',
      fix: { label: "Use 'pro'", sql: "SELECT * FROM users WHERE plan = 'pro'", safe: true },
    },
  ],
  [
    'missing comma',
    'SELECT user_id country plan FROM users',
    {
      kind: 'missing-comma',
      title: 'A comma seems to be missing before plan (line 1, col 24).',
      detail:
        'Items in a list are separated by commas; two names in a row read as "the first one, renamed to the second".',
      lesson: 'syntax',
      fix: { label: 'Add the missing commas', sql: 'SELECT user_id, country, plan FROM users', safe: false },
    },
  ],
  [
    'trailing comma before LIMIT',
    'SELECT * FROM users ORDER BY signup_at, LIMIT 3',
    {
      kind: 'trailing-comma',
      title: 'There is an extra comma before LIMIT (line 1, col 39).',
      detail:
        'A comma separates two items, so one at the end of a list makes SQL expect another item. Remove it.',
      lesson: 'syntax',
      fix: { label: 'Remove the comma', sql: 'SELECT * FROM users ORDER BY signup_at LIMIT 3', safe: true },
    },
  ],
  [
    'trailing comma after a CTE',
    'WITH a AS (SELECT 1 AS x), SELECT * FROM a',
    {
      kind: 'trailing-comma',
      title: 'There is an extra comma before SELECT (line 1, col 26).',
      detail:
        'A comma separates two items, so one at the end of a list makes SQL expect another item. Remove it.',
      lesson: 'syntax',
      fix: { label: 'Remove the comma', sql: 'WITH a AS (SELECT 1 AS x) SELECT * FROM a', safe: true },
    },
  ],
  [
    'reserved word as an alias',
    'SELECT * FROM users AS order',
    {
      kind: 'reserved-word',
      title: '"order" is a reserved word in SQL, so it can\'t be used as a name as it is (line 1, col 24).',
      detail: 'Put it in double quotes to use it as a name: "order".',
      lesson: 'names',
      fix: { label: 'Use "order"', sql: 'SELECT * FROM users AS "order"', safe: true },
    },
  ],
  [
    'reserved word as a column',
    'SELECT order, amount FROM line_items',
    {
      kind: 'reserved-word',
      title: '"order" is a reserved word in SQL, so it can\'t be used as a name as it is (line 1, col 8).',
      detail: 'Put it in double quotes to use it as a name: "order".',
      lesson: 'names',
      fix: { label: 'Use "order"', sql: 'SELECT "order", amount FROM line_items', safe: true },
    },
  ],
  [
    'unclosed parenthesis',
    "SELECT * FROM users WHERE (plan = 'pro' OR plan = 'team'",
    {
      kind: 'unbalanced-parentheses',
      title: 'The "(" at line 1, col 27 is never closed.',
      detail: 'Every ( needs a matching ); the SQL runs out at the end while it is still open.',
      lesson: 'syntax',
      fix: {
        label: 'Close it',
        sql: "SELECT * FROM users WHERE (plan = 'pro' OR plan = 'team')",
        safe: false,
      },
    },
  ],
  [
    'extra closing parenthesis',
    "SELECT * FROM users WHERE plan = 'pro')",
    {
      kind: 'unbalanced-parentheses',
      title: 'This ")" has no matching "(" (line 1, col 39).',
      detail: 'Every ( needs one ) after it. Remove this one, or add the ( it was meant to close.',
      lesson: 'syntax',
      fix: { label: 'Remove the extra )', sql: "SELECT * FROM users WHERE plan = 'pro'", safe: false },
    },
  ],
  [
    'unclosed parenthesis in the select list',
    'SELECT ((1 + 2) * 3 FROM users',
    {
      kind: 'unbalanced-parentheses',
      title: 'The "(" at line 1, col 8 is never closed.',
      detail: 'Every ( needs a matching ); the SQL runs out before FROM while it is still open.',
      lesson: 'syntax',
      fix: { label: 'Close it', sql: 'SELECT ((1 + 2) * 3) FROM users', safe: false },
    },
  ],
  [
    'misspelled function',
    'SELECT lenght(country) FROM users',
    {
      kind: 'unknown-function',
      title: 'There is no function called lenght (line 1, col 8).',
      detail: 'Did you mean length?',
      lesson: 'functions',
      fix: { label: 'Use length', sql: 'SELECT length(country) FROM users', safe: true },
    },
  ],
  [
    'function name from another database',
    'SELECT nvl(plan, country) FROM users',
    {
      kind: 'unknown-function',
      title: 'There is no function called nvl (line 1, col 8).',
      detail: 'Did you mean coalesce? (nvl is its name in other databases.)',
      lesson: 'functions',
      fix: { label: 'Use coalesce', sql: 'SELECT coalesce(plan, country) FROM users', safe: true },
    },
  ],
  [
    'too few arguments',
    'SELECT date_trunc(signup_at) FROM users',
    {
      kind: 'wrong-argument-count',
      title: 'date_trunc takes 2 values, but got 1 (line 1, col 8).',
      detail:
        'It is written date_trunc(text, timestamp with time zone) (other forms: date_trunc(text, date), date_trunc(text, interval), date_trunc(text, timestamp)).',
      lesson: 'functions',
      fix: null,
    },
  ],
  [
    'too many arguments',
    'SELECT round(1.2345, 2, 3)',
    {
      kind: 'wrong-argument-count',
      title: 'round takes 1 or 2 values, but got 3 (line 1, col 8).',
      detail:
        'It is written round(decimal, integer) (other forms: round(tinyint), round(tinyint, integer), round(smallint)).',
      lesson: 'functions',
      fix: null,
    },
  ],
  [
    'wrong argument type',
    'SELECT sum(country) FROM users',
    {
      kind: 'wrong-argument-type',
      title: "sum can't work on text (line 1, col 8).",
      detail:
        'It accepts sum(decimal), sum(boolean), sum(smallint), sum(integer) and other forms. Use a column of a matching type, or convert it with CAST(... AS type).',
      lesson: 'functions',
      fix: null,
    },
  ],
  [
    'JOIN without ON',
    'SELECT * FROM users u JOIN events e',
    {
      kind: 'join-without-on',
      title: 'The JOIN with events (e) has no ON condition (line 1, col 23).',
      detail:
        'Say which rows belong together: users and events share user_id, so ON u.user_id = e.user_id. (CROSS JOIN pairs every row with every row.)',
      lesson: 'joins',
      fix: {
        label: 'Join on user_id',
        sql: 'SELECT * FROM users u JOIN events e ON u.user_id = e.user_id',
        safe: false,
      },
    },
  ],
  [
    'JOIN without ON before WHERE',
    "SELECT count(*) FROM users u JOIN events e WHERE e.event = 'signup'",
    {
      kind: 'join-without-on',
      title: 'The JOIN with events (e) has no ON condition (line 1, col 30).',
      detail:
        'Say which rows belong together: users and events share user_id, so ON u.user_id = e.user_id. (CROSS JOIN pairs every row with every row.)',
      lesson: 'joins',
      fix: {
        label: 'Join on user_id',
        sql: "SELECT count(*) FROM users u JOIN events e ON u.user_id = e.user_id WHERE e.event = 'signup'",
        safe: false,
      },
    },
  ],
  [
    'LIMIT before ORDER BY',
    'SELECT * FROM users LIMIT 10 ORDER BY signup_at',
    {
      kind: 'limit-before-order-by',
      title: 'ORDER BY has to come before LIMIT (line 1, col 30).',
      detail:
        'LIMIT keeps the first rows of the sorted result, so the query sorts first and then cuts: ORDER BY ... LIMIT n.',
      lesson: 'order-limit',
      fix: {
        label: 'Put ORDER BY before LIMIT',
        sql: 'SELECT * FROM users ORDER BY signup_at LIMIT 10',
        safe: true,
      },
    },
  ],
  [
    'other syntax errors',
    "SELECT * FROM users WHERE plan = 'pro' AND AND country = 'US'",
    {
      kind: 'syntax-error',
      title: "The SQL can't be read at AND (line 1, col 44).",
      detail:
        'Check the words just before this spot: a missing comma, quote or parenthesis, or a misspelled keyword.',
      lesson: 'syntax',
      fix: null,
    },
  ],
];

describe('teachError on real DuckDB errors against the sample schema', () => {
  it.each(CASES)('%s', async (_name, sql, expected) => {
    const lesson = await lessonFor(sql);
    expect({ ...lesson, fix: lesson.fix ?? null, position: undefined, severity: undefined }).toEqual({
      ...expected,
      position: undefined,
      severity: undefined,
    });
    expect(lesson.severity).toBe('error');
    // Every offered fix is SQL that now runs (reading one row keeps this quick).
    if (lesson.fix) await expect(engine.query(lesson.fix.sql, { maxRows: 1 })).resolves.toBeDefined();
  });

  it('covers at least 20 distinct cases', () => {
    expect(new Set(CASES.map(([, , e]) => e.kind)).size).toBeGreaterThanOrEqual(20);
  });

  it('underlines the exact spot: line, column and offset of the misspelled name on line 2', async () => {
    const sql = "SELECT e.user_id,\n       e.revnue_usd\nFROM events e WHERE e.event = 'purchase'";
    const lesson = await lessonFor(sql);
    expect(lesson.position).toEqual({ line: 2, column: 8, offset: sql.indexOf('e.revnue_usd') });
  });

  it('points at the unclosed parenthesis itself, not at the end of the SQL', async () => {
    const sql = "SELECT * FROM users\nWHERE (plan = 'pro' OR plan = 'team'";
    const lesson = await lessonFor(sql);
    expect(lesson.position).toEqual({ line: 2, column: 7, offset: sql.indexOf('(') });
  });

  it('never throws and always says something, whatever the SQL', async () => {
    const odd = [
      'SELECT (((',
      'SELECT ,',
      ')))',
      'SELECT * FROM',
      "SELECT 'it''s",
      'SELECT * FROM users WHERE',
      'SELECT 1 2 3',
      'WITH',
      'SELECT * FROM users u JOIN',
      'SELECT "" FROM users',
      'SELECT é FROM users',
    ];
    for (const sql of odd) {
      const lesson = await lessonFor(sql);
      expect(lesson.title).toMatch(/^\S.*\.$/);
      expect(lesson.detail.length).toBeGreaterThan(0);
    }
  });

  it('falls back to the engine sentence for errors it has no case for', () => {
    const err = new QueryError(
      'Out of Range Error: Overflow in addition of INT64 (9223372036854775807 + 1).',
      {
        sql: 'SELECT 9223372036854775807::BIGINT + 1',
        engineMessage: 'Out of Range Error: Overflow in addition of INT64 (9223372036854775807 + 1)',
        errorClass: 'Out of Range Error',
      },
    );
    expect(teachError(err, { sql: err.sql, schema })).toEqual({
      kind: 'engine-error',
      severity: 'error',
      title: 'Out of Range Error: Overflow in addition of INT64 (9223372036854775807 + 1).',
      detail: 'Check the SQL at this spot.',
    });
  });
});

describe('teachQuery', () => {
  it('returns null for SQL that runs', async () => {
    expect(await teachQuery(engine, "SELECT count(*) FROM users WHERE plan = 'pro'")).toBeNull();
  });

  it('reads the schema itself and teaches the error', async () => {
    const lesson = await teachQuery(engine, 'SELECT revenu_usd FROM events');
    expect(lesson?.title).toBe('Column "revenu_usd" doesn\'t exist in events (line 1, col 8).');
    expect(lesson?.fix?.sql).toBe('SELECT revenue_usd FROM events');
  });
});
