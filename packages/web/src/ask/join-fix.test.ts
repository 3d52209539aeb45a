import { compileBuilder, parseBuilderQuery } from '@sightline/spec';
import { duckdbDialect } from '@sightline/sql';
import { expect, it } from 'vitest';
import type { AskDraft } from './draft.js';
import { applyJoinFix, transformFormula } from './join-fix.js';
import type { KeyMismatch } from './join-report.js';

const after = { leftShare: 1, rightShare: 1, leftMatched: 4, rightMatched: 4 };
const crm = [
  { name: 'code', type: 'VARCHAR' },
  { name: 'plan', type: 'VARCHAR' },
];
const billing = [
  { name: 'num', type: 'BIGINT' },
  { name: 'plan', type: 'VARCHAR' },
  { name: 'amount', type: 'DOUBLE' },
];
const draft = (on: { left: string; right: string }): AskDraft => ({
  source: { kind: 'table', name: 'crm' },
  steps: [
    { type: 'filter', conditions: [{ column: 'code', op: 'is_not_empty' }] },
    { type: 'join', kind: 'left', with: { kind: 'table', name: 'billing' }, on: [on] },
  ],
});

function compile(d: AskDraft) {
  const q = parseBuilderQuery({ version: 1, ...d });
  if (!q.ok) throw new Error(q.error);
  const r = compileBuilder(q.value, duckdbDialect(), {
    columnsOf: (s) => (s.kind === 'table' ? (s.name === 'crm' ? crm : billing) : undefined),
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

it('writes builder formulas for trim, lower and lpad, and none for casts', () => {
  expect(
    transformFormula({ column: 'plan', steps: [{ op: 'trim' }, { op: 'lower' }], sql: '', name: '' }),
  ).toBe('LOWER(TRIM([plan]))');
  expect(transformFormula({ column: 'id', steps: [{ op: 'lpad', width: 5 }], sql: '', name: '' })).toBe(
    'RIGHT(CONCAT("00000", [id]), 5)',
  );
  expect(
    transformFormula({ column: 'id', steps: [{ op: 'cast', to: 'BIGINT' }], sql: '', name: '' }),
  ).toBeNull();
  expect(transformFormula({ column: 'id', steps: [{ op: 'cast', to: 'VARCHAR' }], sql: '', name: '' })).toBe(
    'TEXT([id])',
  );
});

it("a left key fix becomes a custom column before the join, which then uses it ('Pro ' vs 'pro')", () => {
  const m: KeyMismatch = {
    kind: 'case',
    pair: 0,
    message: '',
    fixLabel: 'Ignore capitals (lower)',
    left: {
      column: 'plan',
      steps: [{ op: 'trim' }, { op: 'lower' }],
      sql: 'lower(trim("plan"))',
      name: 'plan_key',
    },
    right: { column: 'plan', steps: [{ op: 'lower' }], sql: 'lower("plan")', name: 'plan_key' },
    after,
  };
  const r = applyJoinFix(draft({ left: 'plan', right: 'plan' }), 1, m, crm, billing);
  if (!r.ok) throw new Error(r.reason);
  expect(r.draft.steps[1]).toEqual({
    type: 'customColumn',
    name: 'plan_key',
    formula: 'LOWER(TRIM([plan]))',
  });
  expect(r.draft.steps[2]).toEqual({
    type: 'join',
    kind: 'left',
    with: { kind: 'sql', sql: 'SELECT *, lower("plan") AS "plan_key" FROM "billing"' },
    columns: ['num', 'amount'],
    on: [{ left: 'plan_key', right: 'plan_key' }],
  });
  const sql = compile(r.draft).sql;
  expect(sql).toContain('lower(trim("plan")) AS "plan_key"');
  expect(sql).toContain('ON "l"."plan_key" = "r"."plan_key"');
});

it('a cast of the left key (no formula for it) is added to the source when the join is the first step', () => {
  const m: KeyMismatch = {
    kind: 'text-vs-number',
    pair: 0,
    message: '',
    fixLabel: 'Read code as a number',
    left: {
      column: 'code',
      steps: [{ op: 'trim' }, { op: 'cast', to: 'BIGINT' }],
      sql: 'TRY_CAST(trim("code") AS BIGINT)',
      name: 'code_key',
    },
    after,
  };
  const first: AskDraft = {
    ...draft({ left: 'code', right: 'num' }),
    steps: [draft({ left: 'code', right: 'num' }).steps[1]!],
  };
  const r = applyJoinFix(first, 0, m, crm, billing);
  if (!r.ok) throw new Error(r.reason);
  expect(r.draft.source).toEqual({
    kind: 'sql',
    sql: 'SELECT *, TRY_CAST(trim("code") AS BIGINT) AS "code_key" FROM "crm"',
  });
  expect(r.draft.steps[0]).toMatchObject({ on: [{ left: 'code_key', right: 'num' }] });
  // After a filter it can't be a formula nor part of the source: the user is told to use SQL.
  const later = applyJoinFix(draft({ left: 'code', right: 'num' }), 1, m, crm, billing);
  expect(later).toEqual({
    ok: false,
    reason:
      'This fix needs SQL (TRY_CAST(trim("code") AS BIGINT)); open the query in the SQL editor to apply it.',
  });
});
