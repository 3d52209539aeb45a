import { describe, expect, it } from 'vitest';
import { allowedRejects, rejectPolicyError } from './reject-policy.js';
import { collapseRejects, likelyCause, rejectReason } from './reject-reasons.js';

const row = (line: number, reason = 'expected 3 fields, found 4') => ({
  file: 'a.csv',
  line,
  column: null,
  reason,
  raw: 'x',
});

describe('allowedRejects', () => {
  it('defaults to 10% of the data rows, rounded down', () => {
    expect(allowedRejects(19, undefined)).toBe(1);
    expect(allowedRejects(9, undefined)).toBe(0);
    expect(allowedRejects(1000, 3)).toBe(3);
  });
});

describe('rejectPolicyError', () => {
  const base = { source: 'a.csv', dataRowsRead: 20, allowed: 2, strict: false, cause: 'Likely cause: X.' };
  it('lets the import go on within the allowance', () => {
    expect(rejectPolicyError({ ...base, rejected: 2, first: [row(3), row(7)] })).toBeNull();
    expect(rejectPolicyError({ ...base, rejected: 0, strict: true, first: [] })).toBeNull();
  });

  it('fails beyond the allowance, naming the first lines', () => {
    const err = rejectPolicyError({ ...base, rejected: 3, first: [row(3), row(7), row(9)] })!;
    expect(err.message).toBe(
      'Import of "a.csv" stopped: 3 of 20 rows don\'t fit, more than the 2 allowed (first bad lines: 3, 7, 9). Nothing was imported.',
    );
    expect(err.kind).toBe('user');
    expect(err.hints).toEqual([
      'Likely cause: X.',
      'Line 3: expected 3 fields, found 4.',
      'Fix the file, or allow more with --max-rejects 3.',
    ]);
  });

  it('fails on the first bad row in strict mode', () => {
    const err = rejectPolicyError({ ...base, rejected: 1, strict: true, first: [row(4)] })!;
    expect(err.message).toBe(
      'Import of "a.csv" stopped at line 4 because strict mode is on: expected 3 fields, found 4. Nothing was imported.',
    );
  });
});

describe('reject reasons', () => {
  it('rephrases DuckDB errors', () => {
    expect(rejectReason('TOO MANY COLUMNS', 'Expected Number of Columns: 3 Found: 4')).toBe(
      'expected 3 fields, found 4',
    );
    expect(
      rejectReason(
        'CAST',
        'Error when converting column "amount". Could not convert string "x" to \'INT64\'',
      ),
    ).toBe('"x" can\'t be read as a whole number (BIGINT)');
  });

  it('keeps one row per line and names the likely cause', () => {
    const e = (line: number, errorType: string, message: string) => ({
      file: 'a.csv',
      line,
      column: 'b',
      errorType,
      message,
      raw: 'r',
    });
    const entries = [
      e(5, 'MISSING COLUMNS', 'Expected Number of Columns: 4 Found: 2'),
      e(5, 'MISSING COLUMNS', 'Expected Number of Columns: 4 Found: 3'),
      e(2, 'TOO MANY COLUMNS', 'Expected Number of Columns: 4 Found: 5'),
      e(9, 'MISSING COLUMNS', 'Expected Number of Columns: 4 Found: 1'),
    ];
    expect(collapseRejects(entries).map((r) => [r.line, r.reason])).toEqual([
      [2, 'expected 4 fields, found 5'],
      [5, 'expected 4 fields, found 2'],
      [9, 'expected 4 fields, found 1'],
    ]);
    expect(likelyCause(entries, ';')).toBe(
      'Likely cause: some rows have fewer fields than the header: cut-off lines, or a different delimiter (set it with --delimiter).',
    );
  });
});
