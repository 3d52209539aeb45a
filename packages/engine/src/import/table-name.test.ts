import { describe, expect, it } from 'vitest';
import { sanitizeTableName, tableNameFromFile } from './table-name.js';

describe('tableNameFromFile', () => {
  it('sanitises the base name of a file', () => {
    expect(tableNameFromFile('/data/Q3 Revenue (final).csv', new Set())).toBe('q3_revenue_final');
    expect(tableNameFromFile('events.ndjson', new Set())).toBe('events');
    expect(tableNameFromFile('dump.csv.gz', new Set())).toBe('dump');
    expect(tableNameFromFile('Café Déjà-Vu.xlsx', new Set())).toBe('cafe_deja_vu');
    expect(tableNameFromFile('2024 sales.csv', new Set())).toBe('t_2024_sales');
    expect(tableNameFromFile('???.csv', new Set())).toBe('table');
  });

  it('adds _2, _3 ... when the name is taken (case-insensitively)', () => {
    expect(tableNameFromFile('a/Sales.csv', new Set(['sales']))).toBe('sales_2');
    expect(tableNameFromFile('b/sales.csv', new Set(['SALES', 'sales_2']))).toBe('sales_3');
  });
});

describe('sanitizeTableName', () => {
  it('keeps names within 63 characters without a trailing underscore', () => {
    const name = sanitizeTableName(`${'a'.repeat(62)} b`);
    expect(name).toBe('a'.repeat(62));
    expect(sanitizeTableName('Order Items')).toBe('order_items');
  });
});
