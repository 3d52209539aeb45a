import { describe, expect, it } from 'vitest';
import { formatSql } from './format-sql.js';

describe('formatSql', () => {
  it('puts clauses and select items on their own lines, keywords in capitals', () => {
    expect(
      formatSql(
        'select a, b as "from x", \'group by\' from t where a > 1 group by a, b order by a desc limit 5',
      ),
    ).toBe(
      [
        'SELECT',
        '  a,',
        '  b AS "from x",',
        "  'group by'",
        'FROM t',
        'WHERE a > 1',
        'GROUP BY',
        '  a,',
        '  b',
        'ORDER BY',
        '  a DESC',
        'LIMIT 5',
      ].join('\n'),
    );
  });
  it('keeps a line comment from swallowing the next line', () => {
    expect(formatSql('select 1 -- one\nfrom t')).toBe('SELECT\n  1 -- one\nFROM t');
  });
});

describe('formatSql with quotes in comments', () => {
  it("does not treat an apostrophe in a comment as a string's start", () => {
    expect(formatSql("select 1 -- don't\nfrom t where x = 'a'")).toBe(
      "SELECT\n  1 -- don't\nFROM t\nWHERE x = 'a'",
    );
  });
});
