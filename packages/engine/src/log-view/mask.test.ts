import { expect, test } from 'vitest';
import { maskLine, tokenize } from './mask.js';

test('masks numbers, IPs, UUIDs, hex ids, timestamps and quoted strings', () => {
  expect(maskLine('user 42 logged in from 10.0.3.17:5432 in 1.25s')).toBe(
    'user <NUM> logged in from <IP> in <NUM>s',
  );
  expect(maskLine('session 3f2a9c1e-7b4d-4e8a-9c2f-0a1b2c3d4e5f expired')).toBe('session <UUID> expired');
  expect(maskLine('job a1b2c3d4e5 and 0xDEADBEEF, not deadbeef')).toBe('job <HEX> and <HEX>, not deadbeef');
  expect(maskLine('at 2026-10-31T13:55:36.120Z retry')).toBe('at <TS> retry');
  expect(maskLine(`cache miss for key "user:42" and 'team 7'`)).toBe('cache miss for key <STR> and <STR>');
  expect(maskLine("it didn't fail")).toBe("it didn't fail");
});

test('ids inside paths are masked, words with digits are not', () => {
  expect(maskLine('GET /api/projects/123/export?page=2')).toBe('GET /api/projects/<NUM>/export?page=<NUM>');
  expect(maskLine('v2 http2 ec2 db-3')).toBe('v2 http2 ec2 db-<NUM>');
  expect(maskLine('12345678 is a number')).toBe('<NUM> is a number');
});

test('tokens are the masked line split at any whitespace', () => {
  expect(tokenize('  a  1\tb\n"x y" ')).toEqual(['a', '<NUM>', 'b', '<STR>']);
  expect(tokenize('   ')).toEqual([]);
});
