import { describe, expect, it } from 'vitest';
import { columnTypeFor, convertCell, headerNames } from './xlsx-cells.js';

describe('convertCell', () => {
  it('types plain values', () => {
    expect(convertCell(3)).toEqual({ kind: 'int', value: 3 });
    expect(convertCell(2.5)).toEqual({ kind: 'float', value: 2.5 });
    expect(convertCell('  ')).toBeNull();
    expect(convertCell(undefined)).toBeNull();
    expect(convertCell(true)).toEqual({ kind: 'bool', value: true });
  });

  it('reads dates, formulas, rich text, hyperlinks and errors', () => {
    expect(convertCell(new Date(Date.UTC(2024, 1, 29)))).toEqual({ kind: 'date', value: '2024-02-29' });
    expect(convertCell(new Date(Date.UTC(2024, 1, 29, 13, 5, 7, 250)))).toEqual({
      kind: 'timestamp',
      value: '2024-02-29 13:05:07.250',
    });
    expect(convertCell({ formula: 'A1*2', result: 84 })).toEqual({ kind: 'int', value: 84 });
    expect(convertCell({ formula: 'A1', result: undefined })).toBeNull();
    expect(convertCell({ richText: [{ text: 'Hel' }, { text: 'lo' }] })).toEqual({
      kind: 'string',
      value: 'Hello',
    });
    expect(convertCell({ text: 'site', hyperlink: 'https://x' })).toEqual({ kind: 'string', value: 'site' });
    expect(convertCell({ error: '#N/A' })).toEqual({ kind: 'error', value: null });
  });
});

describe('columnTypeFor', () => {
  it('picks the narrowest type holding every kind', () => {
    expect(columnTypeFor(new Set(['int']))).toBe('BIGINT');
    expect(columnTypeFor(new Set(['int', 'float', 'error']))).toBe('DOUBLE');
    expect(columnTypeFor(new Set(['date', 'timestamp']))).toBe('TIMESTAMP');
    expect(columnTypeFor(new Set(['int', 'string']))).toBe('VARCHAR');
    expect(columnTypeFor(new Set())).toBe('VARCHAR');
  });
});

describe('headerNames', () => {
  it('fills blanks and de-duplicates', () => {
    expect(headerNames(['Name', null, 'name', 'Amount'], 5)).toEqual([
      'Name',
      'column_2',
      'name_2',
      'Amount',
      'column_5',
    ]);
  });
});
