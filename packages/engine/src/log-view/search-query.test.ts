import { expect, test } from 'vitest';
import { parseSearch } from './search-query.js';

const FIELDS = ['status', 'path', 'Level'];

test('free text, quoted phrases and exclusions', () => {
  expect(parseSearch('timeout "card declined" -health', FIELDS)).toEqual([
    { kind: 'text', text: 'timeout', negated: false },
    { kind: 'text', text: 'card declined', negated: false },
    { kind: 'text', text: 'health', negated: true },
  ]);
});

test('field:value with wildcards, comparisons, quoted values; field names ignore case', () => {
  expect(parseSearch('status:5* path:/api/* level:"warn" -status:404 status:>=500', FIELDS)).toEqual([
    { kind: 'field', field: 'status', op: '=', value: '5*', negated: false },
    { kind: 'field', field: 'path', op: '=', value: '/api/*', negated: false },
    { kind: 'field', field: 'Level', op: '=', value: 'warn', negated: false },
    { kind: 'field', field: 'status', op: '=', value: '404', negated: true },
    { kind: 'field', field: 'status', op: '>=', value: '500', negated: false },
  ]);
});

test('a name that is not a column stays free text', () => {
  expect(parseSearch('error: http://x', FIELDS)).toEqual([
    { kind: 'text', text: 'error:', negated: false },
    { kind: 'text', text: 'http://x', negated: false },
  ]);
  expect(parseSearch('   ', FIELDS)).toEqual([]);
});
