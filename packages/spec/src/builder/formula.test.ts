import { duckdbDialect, postgresDialect, toSql } from '@sightline/sql';
import { describe, expect, test } from 'vitest';
import { parseFormula, printFormula } from './formula-parse.js';
import { formulaColumns, formulaToSql } from './formula-sql.js';

const sql = (formula: string, dialect = duckdbDialect(), columns?: string[]) => {
  const parsed = parseFormula(formula);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const compiled = formulaToSql(parsed.value, dialect, columns ? { columns } : {});
  if (!compiled.ok) throw new Error(compiled.error.message);
  return toSql(compiled.value, dialect);
};
const error = (formula: string, columns?: string[]) => {
  const parsed = parseFormula(formula);
  if (!parsed.ok) return parsed.error;
  const compiled = formulaToSql(
    parsed.value,
    duckdbDialect(),
    columns ? { columns, place: 'in orders' } : {},
  );
  if (compiled.ok) throw new Error('compiled');
  return compiled.error;
};

describe('formulas', () => {
  test('spreadsheet syntax to SQL, per dialect where they differ', () => {
    expect(sql('if([qty] > 0, [price] * [qty], 0)')).toBe(
      `CASE WHEN "qty" > 0 THEN "price" * "qty" ELSE 0 END`,
    );
    expect(sql('ROUND([a] / 3, 2)')).toBe(`round("a" / 3, 2)`);
    expect(sql('ROUND([a] / 3, 2)', postgresDialect())).toBe(
      `round(CAST(CAST("a" AS DOUBLE PRECISION) / 3 AS NUMERIC), 2)`,
    );
    expect(sql("CONCAT(UPPER([first name]), ' ', 'it''s')")).toBe(
      `concat(upper("first name"), ' ', 'it''s')`,
    );
    expect(sql('YEAR([ts]) != 2026')).toBe(`CAST(date_part('year', "ts") AS BIGINT) <> 2026`);
    expect(sql('DAYS_BETWEEN([a], [b])')).toBe(`CAST("b" AS DATE) - CAST("a" AS DATE)`);
    expect(sql('DATE_TRUNC("Week", [ts])', postgresDialect())).toBe(`date_trunc('week', "ts")`);
    expect(sql('[a]]b] - -2 * -[c]')).toBe(`"a]b" - -2 * -"c"`);
  });

  test('printing gives canonical text that parses to the same tree', () => {
    for (const text of [
      '[a] - ([b] - [c])',
      '([a] = 1) = FALSE',
      '-([a] + 1)',
      'IF(NOT([x]), "say ""hi""", 1.5)',
    ]) {
      const parsed = parseFormula(text);
      expect(parsed.ok && printFormula(parsed.value)).toBe(text);
    }
    const parsed = parseFormula('  if( [a]<>1 ,[b] ,  [c]) ');
    expect(parsed.ok && printFormula(parsed.value)).toBe('IF([a] <> 1, [b], [c])');
    expect(parsed.ok && formulaColumns(parsed.value)).toEqual(['a', 'b', 'c']);
  });

  test('errors point at the character and say what to do', () => {
    expect(error('[price] * ')).toEqual({
      message: 'The formula ends too early: a value is missing (character 11).',
      position: 10,
      hints: [],
    });
    expect(error('[price] * qty')).toEqual({
      message: '"qty" is not a value (character 11).',
      position: 10,
      hints: ['Write a column in brackets: [qty]; text in quotes: "qty".'],
    });
    expect(error('ROUN([a], 2)')).toEqual({
      message: 'There is no function ROUN (character 1).',
      position: 0,
      hints: ['Did you mean ROUND?'],
    });
    expect(error('1 + LEFT([a])')).toEqual({
      message: 'LEFT takes 2 values, not 1 (character 5).',
      position: 4,
      hints: ['Write LEFT(text, count).'],
    });
    expect(error('[price] * [qtty]', ['price', 'qty'])).toEqual({
      message: 'Column "qtty" doesn\'t exist in orders (character 11).',
      position: 10,
      hints: ['Did you mean [qty]?'],
    });
    expect(error('DATE_TRUNC("fortnight", [ts])').message).toBe(
      'DATE_TRUNC needs a unit in quotes first (character 12).',
    );
    expect(error('[a] $ 2').message).toBe('"$" has no meaning in a formula (character 5).');
    expect(error('"abc').message).toBe('A text value is missing its closing " (character 1).');
    expect(error('[a] [b]').message).toBe('Unexpected [b] after a complete formula (character 5).');
  });
});
