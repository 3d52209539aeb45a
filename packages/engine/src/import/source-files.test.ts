import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sightline/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat } from './format.js';
import { expandGlob, globSegmentRegex, resolveSources } from './source-files.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
const p = (...s: string[]) => join(dir.path, ...s);
mkdirSync(p('data', '2024'), { recursive: true });
mkdirSync(p('empty'));
for (const f of ['data/a.csv', 'data/b.csv', 'data/notes.md', 'data/2024/c.csv', 'empty/readme.md'])
  writeFileSync(p(f), 'x\n');

describe('resolveSources', () => {
  it('expands folders and globs to sorted data files', () => {
    expect(resolveSources([p('data')])).toEqual([
      { spec: p('data'), files: [p('data/a.csv'), p('data/b.csv')], many: true },
    ]);
    expect(resolveSources([p('data/*.csv')])[0]!.files).toEqual([p('data/a.csv'), p('data/b.csv')]);
    expect(expandGlob(p('data/**/*.csv'))).toEqual([p('data/2024/c.csv'), p('data/a.csv'), p('data/b.csv')]);
    expect(resolveSources([p('data/a.csv')])).toEqual([
      { spec: p('data/a.csv'), files: [p('data/a.csv')], many: false },
    ]);
  });

  it('says plainly what is missing', () => {
    expect(() => resolveSources([p('nope.csv')])).toThrow(`File "${p('nope.csv')}" doesn't exist.`);
    expect(() => resolveSources([p('empty')])).toThrow(`The folder "${p('empty')}" has no data files.`);
    expect(() => resolveSources([p('data/*.xlsx')])).toThrow(`No data files match "${p('data/*.xlsx')}".`);
  });

  it('builds glob regexes per segment', () => {
    expect(globSegmentRegex('a.csv')).toBeNull();
    expect(globSegmentRegex('*.c?v')!.test('x.csv')).toBe(true);
    expect(globSegmentRegex('*.csv')!.test('x.tsv')).toBe(false);
  });
});

describe('detectFormat', () => {
  const b = (s: string) => new Uint8Array(Buffer.from(s));
  it('uses the extension first, then the content', () => {
    expect(detectFormat('x.TSV', b(''))).toEqual({ ok: true, value: 'tsv' });
    expect(detectFormat('x.dat', b('PK\u0003\u0004rest'))).toEqual({ ok: true, value: 'xlsx' });
    expect(detectFormat('x.dat', b('PAR1....'))).toEqual({ ok: true, value: 'parquet' });
    expect(detectFormat('x.dat', b('[{"a":1}]'))).toEqual({ ok: true, value: 'json' });
    expect(detectFormat('x.dat', b('{"a":1}\n{"a":2}\n'))).toEqual({ ok: true, value: 'ndjson' });
    expect(detectFormat('x.dat', b('a,b\n1,2\n'))).toEqual({ ok: true, value: 'csv' });
    expect(detectFormat('x.dat', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toEqual({
      ok: false,
      error: 'an old Excel .xls file',
    });
    expect(detectFormat('x.bin', new Uint8Array([1, 2, 0, 3, 0, 0, 7]))).toEqual({
      ok: false,
      error: 'binary data',
    });
  });
});
