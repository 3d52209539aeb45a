import { describe, expect, it } from 'vitest';
import { compareResults, type ResultSet } from './compare-results.js';

const col = (name: string, type = 'BIGINT') => ({ name, type });
const answer: ResultSet = {
  columns: [col('plan', 'VARCHAR'), col('users')],
  rows: [
    { plan: 'free', users: 193 },
    { plan: 'pro', users: 6 },
    { plan: 'team', users: 1 },
  ],
};

describe('compareResults', () => {
  it('passes the same rows in another order when no order is asked, and names case-insensitively', () => {
    const mine: ResultSet = {
      columns: [col('Users', 'INTEGER'), col('PLAN', 'VARCHAR')],
      rows: [
        { Users: 1, PLAN: 'team' },
        { Users: 193, PLAN: 'free' },
        { Users: 6, PLAN: 'pro' },
      ],
    };
    expect(compareResults(mine, answer)).toEqual({
      passed: true,
      message: 'Correct: your 3 rows match the answer.',
      details: [],
    });
  });

  it('names a missing column and the ones there are', () => {
    const v = compareResults({ columns: [col('plan', 'VARCHAR'), col('count_star()')], rows: [] }, answer);
    expect(v.message).toBe('The column "users" is missing.');
    expect(v.details).toEqual([
      'The goal asks for the columns plan, users; yours are plan, count_star(). Name a column with AS users.',
    ]);
  });

  it('names a column that is not asked for', () => {
    const v = compareResults(
      { columns: [col('plan', 'VARCHAR'), col('users'), col('extra')], rows: [] },
      answer,
    );
    expect(v.message).toBe('Your column "extra" is not asked for: the goal wants only plan, users.');
  });

  it('compares by position when names do not matter', () => {
    const mine: ResultSet = {
      columns: [col('p', 'VARCHAR'), col('n')],
      rows: answer.rows.map((r) => ({ p: r.plan ?? null, n: r.users ?? null })),
    };
    expect(compareResults(mine, answer, { names: false }).passed).toBe(true);
    const v = compareResults({ columns: [col('p', 'VARCHAR')], rows: [] }, answer, { names: false });
    expect(v.message).toBe('You have 1 column, the answer has 2 (plan, users).');
  });

  it('refuses two columns of the same name', () => {
    const v = compareResults({ columns: [col('users'), col('USERS')], rows: [] }, answer);
    expect(v.message).toBe('Two of your columns are named "USERS": give each its own name with AS.');
  });

  it('says when a column holds another kind of value', () => {
    const v = compareResults(
      { columns: [col('plan', 'VARCHAR'), col('users', 'VARCHAR')], rows: [{ plan: 'free', users: '193' }] },
      answer,
    );
    expect(v.message).toBe('Your column "users" holds text, but the answer\'s holds numbers.');
    expect(v.details[0]).toContain('CAST(... AS INTEGER)');
  });

  it('counts rows with the lesson hint, more or fewer', () => {
    const more = { columns: answer.columns, rows: [...answer.rows, { plan: null, users: 4 }] };
    expect(compareResults(more, answer, { moreRowsHint: 'did you filter on plan?' }).message).toBe(
      'You have 4 rows, the answer has 3: did you filter on plan?',
    );
    const fewer = { columns: answer.columns, rows: answer.rows.slice(0, 1) };
    expect(compareResults(fewer, answer).message).toBe(
      'You have 1 row, the answer has 3: does a condition remove rows the goal wants to keep?',
    );
  });

  it('says a capped result has more rows than the cap', () => {
    const v = compareResults({ ...answer, rows: answer.rows.concat(answer.rows), truncated: true }, answer);
    expect(v.message).toBe(
      'Your query returns more than 6 rows; the answer has 3 rows: check your conditions and grouping.',
    );
  });

  it('measures a numeric column that adds up to a multiple of the answer (a join fan-out)', () => {
    const mine = {
      columns: answer.columns,
      rows: answer.rows.map((r) => ({ ...r, users: Number(r.users) * 3 })),
    };
    const v = compareResults(mine, answer, { columnHints: { users: 'did a join repeat rows?' } });
    expect(v.message).toBe("Your users column adds up to 3.0x the answer's: did a join repeat rows?");
    expect(v.details).toEqual([
      "3 rows of yours are not in the answer, for example (plan 'free', users 579).",
    ]);
  });

  it('says a single value is larger or smaller than the answer without giving it away', () => {
    const one: ResultSet = { columns: [col('n')], rows: [{ n: 10 }] };
    expect(compareResults({ columns: [col('n')], rows: [{ n: 0 }] }, one).message).toBe(
      "Your n is 0; the answer's is larger.",
    );
    expect(compareResults({ columns: [col('n')], rows: [{ n: 12 }] }, one).message).toBe(
      "Your n is 12; the answer's is smaller.",
    );
  });

  it('accepts numbers within the tolerance and rejects beyond it', () => {
    const a: ResultSet = { columns: [col('pct', 'DOUBLE')], rows: [{ pct: 12.3 }, { pct: 45.6 }] };
    const close: ResultSet = {
      columns: [col('pct', 'DECIMAL(10,4)')],
      rows: [{ pct: 45.6349 }, { pct: 12.2666 }],
    };
    expect(compareResults(close, a, { tolerance: 0.05 }).passed).toBe(true);
    expect(compareResults(close, a).passed).toBe(false);
    // Exact by default, but not fooled by float noise.
    const noisy: ResultSet = {
      columns: [col('pct', 'DOUBLE')],
      rows: [{ pct: 12.300000000000001 }, { pct: 45.6 }],
    };
    expect(compareResults(noisy, a).passed).toBe(true);
  });

  it('treats a midnight timestamp as the same day as a date, but not another time', () => {
    const a: ResultSet = { columns: [col('day', 'DATE')], rows: [{ day: '2026-10-25' }] };
    const ts: ResultSet = {
      columns: [col('day', 'TIMESTAMP WITH TIME ZONE')],
      rows: [{ day: '2026-10-25T00:00:00Z' }],
    };
    expect(compareResults(ts, a).passed).toBe(true);
    const later: ResultSet = { columns: [col('day', 'TIMESTAMP')], rows: [{ day: '2026-10-25T04:00:00' }] };
    expect(compareResults(later, a).message).toBe(
      'Some values in your column "day" differ from the answer\'s.',
    );
  });

  it('checks the order only when asked, and only on the order columns (ties may come either way)', () => {
    const a: ResultSet = {
      columns: [col('status', 'INTEGER'), col('requests')],
      rows: [
        { status: 404, requests: 20 },
        { status: 500, requests: 5 },
        { status: 401, requests: 5 },
      ],
    };
    const tiesSwapped = {
      columns: a.columns,
      rows: [a.rows[0], a.rows[2], a.rows[1]].filter((r) => r !== undefined),
    };
    const rules = { ordered: true, orderBy: ['requests'], orderHint: 'most requests first' };
    expect(compareResults(tiesSwapped, a, rules).passed).toBe(true);
    const reversed = { columns: a.columns, rows: [...a.rows].reverse() };
    expect(compareResults(reversed, a).passed).toBe(true);
    const v = compareResults(reversed, a, rules);
    expect(v.message).toBe('Your rows are right, but not in the order asked: most requests first.');
    expect(v.details).toEqual(['Row 1 is out of place.']);
  });

  it('says when every column is right but values are paired up wrongly', () => {
    const mine: ResultSet = {
      columns: answer.columns,
      rows: [
        { plan: 'free', users: 6 },
        { plan: 'pro', users: 193 },
        { plan: 'team', users: 1 },
      ],
    };
    const v = compareResults(mine, answer);
    expect(v.message).toBe(
      'Each column has the right values, but they are paired up differently in your rows.',
    );
  });

  it('treats NULLs as equal to each other and different from values', () => {
    const a: ResultSet = { columns: [col('x', 'VARCHAR')], rows: [{ x: null }, { x: 'a' }] };
    expect(compareResults({ columns: a.columns, rows: [{ x: 'a' }, { x: null }] }, a).passed).toBe(true);
    expect(compareResults({ columns: a.columns, rows: [{ x: 'a' }, { x: '' }] }, a).passed).toBe(false);
  });
});
