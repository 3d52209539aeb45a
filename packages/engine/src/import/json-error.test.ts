import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sightline/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { locateJsonFileError, locateJsonSyntaxError } from './json-error.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('locateJsonSyntaxError', () => {
  it('accepts valid JSON and points at the first error', () => {
    expect(locateJsonSyntaxError('[{"a": [1, -2.5e3, true, null, "x\\"y"]}]')).toBeNull();
    expect(locateJsonSyntaxError('[{"a":1},\n{"a": }]')).toEqual({
      line: 2,
      column: 7,
      reason: 'unexpected character "}"',
    });
    expect(locateJsonSyntaxError('[1,\n2')).toEqual({
      line: 2,
      column: 2,
      reason: 'the text ends before the closing "]"',
    });
    expect(locateJsonSyntaxError('[1 2]')).toEqual({ line: 1, column: 4, reason: 'expected "," or "]"' });
    expect(locateJsonSyntaxError('{"a": "b')).toEqual({
      line: 1,
      column: 9,
      reason: 'a string is not closed',
    });
  });
});

describe('locateJsonFileError', () => {
  it('names the line of a bad NDJSON record', async () => {
    const p = join(dir.path, 'x.ndjson');
    writeFileSync(p, '{"a":1}\n\n{"a": tru}\n');
    expect(await locateJsonFileError(p, true)).toEqual({
      line: 3,
      column: 7,
      reason: 'unexpected character "t"',
    });
  });
});
