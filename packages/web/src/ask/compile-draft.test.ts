import { postgresDialect } from '@sightline/sql';
import { expect, it } from 'vitest';
import type { LiveTable } from '../api/types.js';
import { compileDraft, liveTable } from './compile-draft.js';

const deals = (schema: string): LiveTable => ({
  schema,
  table: 'deals',
  rows: 3,
  estimated: false,
  columns: [
    { name: 'stage', type: 'TEXT' },
    { name: 'amount', type: 'INTEGER' },
  ],
});

it('finds a live table by schema, or in public first when none is named', () => {
  const tables = [deals('sales'), deals('public')];
  expect(liveTable(tables, 'deals', 'sales')).toBe(tables[0]);
  expect(liveTable(tables, 'deals')).toBe(tables[1]);
  expect(liveTable([deals('sales')], 'deals')?.schema).toBe('sales');
  expect(liveTable(tables, 'nope')).toBeUndefined();
});

it("compiles a question on a live table in the connection's dialect, with its columns", () => {
  const r = compileDraft(
    {
      source: { kind: 'table', schema: 'sales', name: 'deals' },
      steps: [{ type: 'filter', conditions: [{ column: 'amount', op: '>', value: 10 }] }],
      on: 'warehouse',
    },
    { catalog: null, sqlColumns: {}, saved: {}, live: [deals('sales')], dialect: postgresDialect() },
  );
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.sql).toContain('FROM "sales"."deals"');
  expect(r.columns?.map((c) => c.name)).toEqual(['stage', 'amount']);
});
