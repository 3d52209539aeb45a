import { expect, test } from 'vitest';
import { extractGlobals } from './globals.js';

test('global flags are taken from anywhere on the line, in both spellings', () => {
  expect(extractGlobals(['query', '--format', 'json', 'SELECT 1', '--workspace=/tmp/w', '--debug'])).toEqual({
    ok: true,
    flags: { format: 'json', workspace: '/tmp/w', debug: true },
    rest: ['query', 'SELECT 1'],
  });
});

test('arguments after -- are left alone', () => {
  expect(extractGlobals(['query', '--', '--format'])).toEqual({
    ok: true,
    flags: { debug: false },
    rest: ['query', '--', '--format'],
  });
});

test('a value flag without a value is an error sentence', () => {
  expect(extractGlobals(['tables', '--workspace'])).toEqual({
    ok: false,
    error: "option '--workspace' needs a value",
  });
  expect(extractGlobals(['tables', '--format='])).toEqual({
    ok: false,
    error: "option '--format' needs a value",
  });
});
