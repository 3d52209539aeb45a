import { expect, test } from 'vitest';
import { displayWidth, renderTable } from './table.js';

test('columns align; numbers right, text left; NULL shows as null', () => {
  const out = renderTable(
    [
      { name: 'country', type: 'VARCHAR' },
      { name: 'users', type: 'BIGINT' },
    ],
    [
      { country: 'DE', users: 1200 },
      { country: null, users: 7 },
    ],
  );
  expect(out).toBe('country  users\n───────  ─────\nDE       1,200\nnull         7\n');
});

test('wide characters count as two cells and long values are clipped', () => {
  expect(displayWidth('数据')).toBe(4);
  const out = renderTable([{ name: 'v', type: 'VARCHAR' }], [{ v: 'x'.repeat(100) }]);
  expect(out.split('\n')[2]).toBe(`${'x'.repeat(39)}…`);
});

test('big whole numbers get thousands separators, except in id columns', () => {
  const out = renderTable(
    [
      { name: 'user_id', type: 'BIGINT' },
      { name: 'events', type: 'BIGINT' },
      { name: 'share', type: 'DOUBLE' },
    ],
    [{ user_id: 123456, events: 951329, share: 12345.5 }],
  );
  expect(out.split('\n')[2]).toBe(' 123456  951,329  12345.5');
});

test('years, codes and ports keep their digits together', () => {
  const out = renderTable(
    [
      { name: 'signup_year', type: 'INTEGER' },
      { name: 'zip', type: 'INTEGER' },
      { name: 'Order ID', type: 'INTEGER' },
    ],
    [{ signup_year: 2026, zip: 10115, 'Order ID': 1001 }],
  );
  expect(out.split('\n')[2]).toBe('       2026  10115      1001');
});
