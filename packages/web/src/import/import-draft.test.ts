import { describe, expect, it } from 'vitest';
import {
  draftOptions,
  draftProblem,
  initialDraft,
  tableNameFor,
  typeChoicesFor,
  withColumnType,
} from './import-draft.js';

describe('import draft', () => {
  it('names the table like the CLI does', () => {
    expect(tableNameFor('Q3 Revenue (final).csv')).toBe('q3_revenue_final');
    expect(tableNameFor('2026 sales.xlsx')).toBe('t_2026_sales');
  });

  it('sends only what the user changed', () => {
    const d = initialDraft('orders.csv');
    expect(draftOptions(d)).toEqual({ as: 'orders', mode: 'create' });
    const changed = withColumnType({ ...d, delimiter: ';', header: false }, 'zip', 'VARCHAR', 'BIGINT');
    expect(draftOptions(changed)).toEqual({
      as: 'orders',
      mode: 'create',
      delimiter: ';',
      header: false,
      columnTypes: { zip: 'VARCHAR' },
    });
  });

  it('drops an override when the detected type is chosen again', () => {
    const d = withColumnType(initialDraft('a.csv'), 'zip', 'VARCHAR', 'BIGINT');
    expect(withColumnType(d, 'zip', 'BIGINT', 'BIGINT').columnTypes).toEqual({});
  });

  it('offers the detected type first', () => {
    expect(typeChoicesFor('DATE').slice(0, 3)).toEqual(['DATE', 'VARCHAR', 'BIGINT']);
    expect(typeChoicesFor('DECIMAL(12,3)')[0]).toBe('DECIMAL(12,3)');
  });

  it('explains a bad table name', () => {
    expect(draftProblem({ ...initialDraft('a.csv'), table: '' }, null)).toBe('Give the new table a name.');
    expect(draftProblem({ ...initialDraft('a.csv'), table: 'my table' }, null)).toMatch(/^Use letters/);
    expect(draftProblem(initialDraft('a.csv'), null)).toBeNull();
  });
});
