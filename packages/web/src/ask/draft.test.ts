import { expect, it } from 'vitest';
import { DRAFT_KEY, loadDraft, moveStep, newStep, removeStep, saveDraft } from './draft.js';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

it('keeps the draft in storage and reads back an empty one from nothing or garbage', () => {
  const s = memoryStorage();
  expect(loadDraft(s)).toEqual({ source: null, steps: [] });
  const d = {
    source: { kind: 'table' as const, name: 'users' },
    steps: [newStep('limit', [])],
    savedAs: 'x',
  };
  saveDraft(s, d);
  expect(loadDraft(s)).toEqual(d);
  s.setItem(DRAFT_KEY, '{not json');
  expect(loadDraft(s)).toEqual({ source: null, steps: [] });
});

it('new steps start on the first column; steps move and delete by place', () => {
  const cols = [{ name: 'plan', type: 'VARCHAR' }];
  expect(newStep('filter', cols)).toEqual({
    type: 'filter',
    combine: 'and',
    conditions: [{ column: 'plan', op: '=', value: '' }],
  });
  const a = newStep('sort', cols);
  const b = newStep('limit', cols);
  expect(moveStep([a, b], 1, -1)).toEqual([b, a]);
  expect(moveStep([a, b], 1, 1)).toEqual([a, b]);
  expect(removeStep([a, b], 0)).toEqual([b]);
});
