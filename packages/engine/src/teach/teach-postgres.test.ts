import { type PgCluster, startPostgres } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection } from '../connections/registry.js';
import type { LiveConnection } from '../connections/types.js';
import { QueryError } from '../core/query-error.js';
import type { Lesson, SchemaTable } from './lesson.js';
import { readLiveSchema } from './read-live-schema.js';
import { teachError } from './teach-error.js';

let cluster: PgCluster;
let conn: LiveConnection;
let schema: SchemaTable[];

beforeAll(async () => {
  cluster = await startPostgres();
  conn = await openConnection({ kind: 'postgres', url: cluster.url });
  await conn.query(`
    CREATE TABLE users (user_id text PRIMARY KEY, signup_at timestamptz, country text, plan text);
    CREATE TABLE events (event_id bigint, user_id text, event text, ts timestamptz, revenue_usd numeric(10,2));
    CREATE SCHEMA billing;
    CREATE TABLE billing.invoices (invoice_id bigint, user_id text, amount_usd numeric(10,2));
    INSERT INTO users VALUES ('u_1', '2026-10-01 10:00+00', 'DE', 'pro'), ('u_2', '2026-10-02 11:00+00', 'US', 'free');
    INSERT INTO events VALUES (1, 'u_1', 'signup', '2026-10-01 10:00+00', NULL), (2, 'u_1', 'checkout_completed', '2026-10-03 09:00+00', 49.00);
  `);
  schema = await readLiveSchema(conn);
});
afterAll(async () => {
  await conn?.close();
  await cluster?.stop();
});

/** What the teacher says about `sql` failing on the live PostgreSQL. */
async function teach(sql: string): Promise<Lesson> {
  try {
    await conn.query(sql);
  } catch (err) {
    if (!(err instanceof QueryError)) throw err;
    return teachError(err, { sql, schema });
  }
  throw new Error(`expected ${sql} to fail`);
}

describe('the teacher on PostgreSQL errors', () => {
  it('reads the live schema with the types named as the engine names them', () => {
    expect(schema.map((t) => t.table)).toEqual(['billing.invoices', 'events', 'users']);
    expect(schema.find((t) => t.table === 'events')?.columns).toEqual([
      { name: 'event_id', type: 'BIGINT' },
      { name: 'user_id', type: 'VARCHAR' },
      { name: 'event', type: 'VARCHAR' },
      { name: 'ts', type: 'TIMESTAMP WITH TIME ZONE' },
      { name: 'revenue_usd', type: 'DECIMAL' },
    ]);
  });

  const CASES: [string, string, { kind: string; title: string; fix?: string; lesson: string }][] = [
    [
      '42703 unknown column, with the fix',
      'SELECT user_id, contry FROM users',
      {
        kind: 'unknown-column',
        title: 'Column "contry" doesn\'t exist in users (line 1, col 17).',
        fix: 'SELECT user_id, country FROM users',
        lesson: 'select-where',
      },
    ],
    [
      '42703 unknown column behind an alias',
      'SELECT u.user_id, u.contry FROM users u',
      {
        kind: 'unknown-column',
        title: 'Column "contry" doesn\'t exist in users (u) (line 1, col 19).',
        fix: 'SELECT u.user_id, u.country FROM users u',
        lesson: 'select-where',
      },
    ],
    [
      '42703 unknown column of a table outside public',
      'SELECT user_id, amount FROM billing.invoices',
      {
        kind: 'unknown-column',
        title: 'Column "amount" doesn\'t exist in billing.invoices (line 1, col 17).',
        fix: 'SELECT user_id, amount_usd FROM billing.invoices',
        lesson: 'select-where',
      },
    ],
    [
      '42703 a value in double quotes',
      'SELECT * FROM users WHERE plan = "pro"',
      {
        kind: 'double-quotes',
        title: '"pro" is read as a column name because it is in double quotes (line 1, col 34).',
        fix: "SELECT * FROM users WHERE plan = 'pro'",
        lesson: 'select-where',
      },
    ],
    [
      '42P01 unknown table, in this database',
      'SELECT * FROM evnts',
      {
        kind: 'unknown-table',
        title: 'Table "evnts" doesn\'t exist in this database (line 1, col 15).',
        fix: 'SELECT * FROM events',
        lesson: 'tables',
      },
    ],
    [
      '42P01 a table name where its alias is needed',
      'SELECT users.plan FROM users u',
      {
        kind: 'unknown-table-reference',
        title: '"users" is called u in this query (line 1, col 8).',
        fix: 'SELECT u.plan FROM users u',
        lesson: 'joins',
      },
    ],
    [
      '42702 ambiguous column',
      'SELECT user_id FROM users u JOIN events e ON e.user_id = u.user_id',
      {
        kind: 'ambiguous-column',
        title: 'Column "user_id" is in both users (u) and events (e) (line 1, col 8).',
        fix: 'SELECT u.user_id FROM users u JOIN events e ON e.user_id = u.user_id',
        lesson: 'joins',
      },
    ],
    [
      '42803 missing GROUP BY (PostgreSQL names the column with its table)',
      'SELECT u.country, u.plan, count(*) FROM users u GROUP BY u.country',
      {
        kind: 'missing-group-by',
        title: 'Column "plan" is shown but not grouped or summarised (line 1, col 19).',
        fix: 'SELECT u.country, u.plan, count(*) FROM users u GROUP BY u.country, plan',
        lesson: 'group-by',
      },
    ],
    [
      '42803 a total in WHERE',
      'SELECT country, count(*) FROM users WHERE count(*) > 1 GROUP BY country',
      {
        kind: 'aggregate-in-where',
        title: "A total such as count() or sum() can't be used in WHERE (line 1, col 43).",
        fix: 'SELECT country, count(*) FROM users GROUP BY country HAVING count(*) > 1',
        lesson: 'group-by',
      },
    ],
    [
      '22012 division by zero, with NULLIF',
      "SELECT event, count(*) / sum(CASE WHEN event = 'x' THEN 1 ELSE 0 END) AS r FROM events GROUP BY event",
      {
        kind: 'division-by-zero',
        title:
          "The query divides by zero: sum(CASE WHEN event = 'x' THEN 1 ELSE 0 END) is 0 in at least one row (line 1, col 24).",
        fix: "SELECT event, count(*) / NULLIF(sum(CASE WHEN event = 'x' THEN 1 ELSE 0 END), 0) AS r FROM events GROUP BY event",
        lesson: 'math',
      },
    ],
    [
      '22012 division by a written zero, without a fix',
      'SELECT count(*) / 0 FROM users',
      { kind: 'division-by-zero', title: 'The query divides by 0 (line 1, col 17).', lesson: 'math' },
    ],
    [
      '22P02 text that is not a number',
      "SELECT * FROM events WHERE revenue_usd > 'abc'",
      {
        kind: 'text-not-a-number',
        title: "'abc' is not a number, but revenue_usd holds numbers (line 1, col 42).",
        lesson: 'types',
      },
    ],
    [
      '22008 a day-first date',
      "SELECT * FROM users WHERE signup_at > '13/01/2026'",
      {
        kind: 'bad-date',
        title: "'13/01/2026' can't be read as a date (line 1, col 39).",
        fix: "SELECT * FROM users WHERE signup_at > '2026-01-13'",
        lesson: 'dates',
      },
    ],
    [
      '22008 a day that does not exist',
      "SELECT * FROM users WHERE signup_at > '2026-02-30'",
      { kind: 'bad-date', title: "'2026-02-30' can't be read as a date (line 1, col 39).", lesson: 'dates' },
    ],
    [
      '22007 words that are not a date',
      "SELECT * FROM users WHERE signup_at > 'yesterday-ish'",
      {
        kind: 'bad-date',
        title: "'yesterday-ish' can't be read as a date (line 1, col 39).",
        lesson: 'dates',
      },
    ],
    [
      '42883 a misspelled function',
      'SELECT lenght(country) FROM users',
      {
        kind: 'unknown-function',
        title: 'There is no function called lenght (line 1, col 8).',
        fix: 'SELECT length(country) FROM users',
        lesson: 'functions',
      },
    ],
    [
      '42883 a function given the wrong type',
      'SELECT sum(country) FROM users',
      { kind: 'wrong-argument-type', title: "sum can't work on text (line 1, col 8).", lesson: 'functions' },
    ],
    [
      '42883 text compared with a number',
      'SELECT * FROM users WHERE country = 5',
      {
        kind: 'text-vs-number',
        title: 'Column "country" holds text, but it is compared with a number (line 1, col 35).',
        fix: "SELECT * FROM users WHERE country = '5'",
        lesson: 'types',
      },
    ],
    [
      '42601 a syntax error, at its line and column',
      "SELECT user_id,\n  country\nFROM users\nWHERE plan = 'pro'\nORDER BY country DESC DESC",
      { kind: 'syntax-error', title: "The SQL can't be read at DESC (line 5, col 23).", lesson: 'syntax' },
    ],
    [
      '42601 a quote never closed',
      "SELECT * FROM users WHERE plan = 'pro",
      {
        kind: 'unterminated-quote',
        title: "The text starting with ' at line 1, col 34 is never closed.",
        fix: "SELECT * FROM users WHERE plan = 'pro'",
        lesson: 'quotes',
      },
    ],
  ];

  for (const [name, sql, want] of CASES) {
    it(name, async () => {
      const got = await teach(sql);
      expect({ kind: got.kind, title: got.title, fix: got.fix?.sql, lesson: got.lesson }).toEqual({
        fix: undefined,
        ...want,
      });
    });
  }

  it('a position is the line and column in the text as typed (code points, not bytes)', async () => {
    const got = await teach("SELECT 'é→' AS x, contry\nFROM users");
    expect(got.position).toEqual({ line: 1, column: 19, offset: 18 });
  });

  it("falls back to PostgreSQL's own sentence and hint for errors without a case", async () => {
    const got = await teach('SELECT user_id FROM users WHERE user_id = (SELECT user_id FROM users)');
    expect(got).toEqual({
      kind: 'engine-error',
      severity: 'error',
      title: 'More than one row returned by a subquery used as an expression.',
      detail: 'Check the SQL at this spot.',
    });
  });
});
