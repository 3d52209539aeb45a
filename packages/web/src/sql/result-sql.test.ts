import { describe, expect, it } from 'vitest';
import { profileSql, sortedSql, topValuesSql } from './result-sql.js';

describe('result SQL', () => {
  it('wraps the user SQL as a subquery and quotes the column', () => {
    expect(sortedSql('SELECT 1 AS "a b";', 'a b', 'desc')).toBe(
      'SELECT * FROM (\nSELECT 1 AS "a b"\n) AS "result" ORDER BY "a b" DESC NULLS LAST',
    );
  });
  it('profiles a column with counts, min and max', () => {
    expect(profileSql('SELECT x FROM t', 'x')).toBe(
      'SELECT count(*) AS "rows", count(*) FILTER (WHERE "x" IS NULL) AS "nulls", count(DISTINCT "x") AS "distinct", min("x") AS "min", max("x") AS "max" FROM (\nSELECT x FROM t\n) AS "result"',
    );
  });
  it('lists the top values', () => {
    expect(topValuesSql('SELECT x FROM t', 'x')).toBe(
      'SELECT "x" AS "value", count(*) AS "count" FROM (\nSELECT x FROM t\n) AS "result" GROUP BY "x" ORDER BY "count" DESC NULLS LAST, "x" ASC NULLS LAST LIMIT 5',
    );
  });
});
