import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../core/engine.js';
import { lintSql } from './lint-sql.js';
import { parseSql } from './parsed-sql.js';
import { lintQuery } from './teach-query.js';
import { openSampleEngine } from './test-support.js';

let engine: Engine;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ engine, close } = await openSampleEngine());
});
afterAll(() => close());

describe('lintSql: queries that run but are surely not what was meant', () => {
  it('= NULL: runs, returns no rows, and is taught as IS NULL', async () => {
    const sql = 'SELECT user_id FROM events WHERE user_id = NULL';
    expect((await engine.query(sql)).rowCount).toBe(0);
    expect((await engine.query('SELECT user_id FROM events WHERE user_id IS NULL')).rowCount).toBeGreaterThan(
      0,
    );
    expect(await lintQuery(engine, sql)).toEqual([
      {
        kind: 'null-equals',
        severity: 'warning',
        title: 'user_id = NULL is never true, so it matches no rows (line 1, col 34).',
        detail: 'NULL means "no value", and nothing equals it, not even NULL. Write user_id IS NULL.',
        position: { line: 1, column: 34, offset: 33 },
        fix: { label: 'Use IS NULL', sql: 'SELECT user_id FROM events WHERE user_id IS NULL', safe: true },
        lesson: 'nulls',
      },
    ]);
  });

  it('<> NULL becomes IS NOT NULL', async () => {
    const [lesson] = await lintQuery(engine, 'SELECT count(*) FROM events WHERE user_id <> NULL');
    expect(lesson?.title).toBe('user_id <> NULL is never true, so it matches no rows (line 1, col 35).');
    expect(lesson?.fix?.sql).toBe('SELECT count(*) FROM events WHERE user_id IS NOT NULL');
  });

  it("a column name in single quotes ('plan' = 'pro')", async () => {
    const sql = "SELECT count(*) AS n FROM users WHERE 'plan' = 'pro'";
    expect((await engine.query(sql)).rows).toEqual([{ n: 0 }]);
    const lessons = await lintQuery(engine, sql);
    expect(lessons).toEqual([
      {
        kind: 'string-literal-column',
        severity: 'warning',
        title: "'plan' is a piece of text here, not the column plan (line 1, col 39).",
        detail:
          'Single quotes make text, so this compares two fixed texts and is the same for every row. Write plan without quotes.',
        position: { line: 1, column: 39, offset: 38 },
        fix: {
          label: 'Use the column plan',
          sql: "SELECT count(*) AS n FROM users WHERE plan = 'pro'",
          safe: true,
        },
        lesson: 'quotes',
      },
    ]);
    const fixed = await engine.query(lessons[0]!.fix!.sql);
    expect(Number(fixed.rows[0]?.n)).toBeGreaterThan(0);
  });

  it('a value that merely equals a column name is not flagged', async () => {
    expect(await lintQuery(engine, "SELECT * FROM users WHERE country = 'plan'")).toEqual([]);
  });

  it('// drops the remainder (integer division surprise)', async () => {
    const sql = 'SELECT count(*) // 7 AS weeks FROM users';
    const lessons = await lintQuery(engine, sql);
    expect(lessons).toEqual([
      {
        kind: 'integer-division',
        severity: 'warning',
        title: 'count(*) // 7 divides and drops the remainder (line 1, col 8).',
        detail: '// is whole-number division: 7 // 2 is 3. For the exact ratio use /, which gives 3.5.',
        position: { line: 1, column: 8, offset: 7 },
        fix: { label: 'Use /', sql: 'SELECT count(*) / 7 AS weeks FROM users', safe: false },
        lesson: 'math',
      },
    ]);
    const exact = await engine.query(lessons[0]!.fix!.sql);
    expect(exact.rows).toEqual([{ weeks: 200 / 7 }]);
  });

  it('division by zero gives Infinity or NULL instead of failing', async () => {
    const sql = 'SELECT sum(revenue_usd) / 0 AS ratio FROM events';
    expect((await engine.query(sql)).rows).toEqual([{ ratio: 'Infinity' }]);
    const [lesson] = await lintQuery(engine, sql);
    expect(lesson).toMatchObject({
      kind: 'division-by-zero',
      title:
        'sum(revenue_usd) / 0 divides by zero, which gives Infinity or an empty value (NULL), not a number (line 1, col 8).',
      lesson: 'math',
    });
    expect(lesson?.fix).toBeUndefined();
  });

  it('a missing comma that silently renamed a column', async () => {
    const sql = 'SELECT user_id\n     country\nFROM users';
    expect((await engine.query(sql)).columns.map((c) => c.name)).toEqual(['country']);
    const lessons = await lintQuery(engine, sql);
    expect(lessons.map((l) => [l.kind, l.title, l.fix?.sql])).toEqual([
      [
        'missing-comma',
        '"user_id country" shows user_id under the name country; a comma seems to be missing (line 1, col 8).',
        'SELECT user_id,\n     country\nFROM users',
      ],
    ]);
  });

  it('an alias written with AS is a choice, not a missing comma', async () => {
    expect(await lintQuery(engine, 'SELECT user_id AS country FROM users')).toEqual([]);
  });

  it('finds warnings inside CTEs and subqueries, in text order', async () => {
    const sql =
      "WITH p AS (SELECT * FROM users WHERE plan = NULL) SELECT count(*) // 2 FROM p WHERE 'country' = 'US'";
    expect((await lintQuery(engine, sql)).map((l) => l.kind)).toEqual([
      'null-equals',
      'integer-division',
      'string-literal-column',
    ]);
  });

  it('a clean query and unparseable SQL give no warnings', async () => {
    expect(
      await lintQuery(engine, "SELECT plan, count(*) FROM users WHERE country = 'US' GROUP BY plan"),
    ).toEqual([]);
    expect(lintSql(await parseSql(engine, 'SELECT FROM WHERE'), [])).toEqual([]);
  });
});
