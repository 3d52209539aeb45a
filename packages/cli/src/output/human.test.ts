import { expect, test } from 'vitest';
import { formatBytes, formatCount, formatDuration, plural } from './human.js';

test('numbers for people', () => {
  expect(formatCount(1234567)).toBe('1,234,567');
  expect(formatBytes(999)).toBe('999 bytes');
  expect(formatBytes(3_400_000)).toBe('3.4 MB');
  expect(formatBytes(734_000_000)).toBe('734 MB');
  expect(formatDuration(85)).toBe('85 ms');
  expect(formatDuration(1234)).toBe('1.2 s');
  expect(formatDuration(125_000)).toBe('2 min 5 s');
  expect(plural(1, 'row')).toBe('1 row');
  expect(plural(2000, 'row')).toBe('2,000 rows');
});
