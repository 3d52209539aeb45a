import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sightline/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { linesAtOffsets } from './line-index.js';
import { transcodeToUtf8 } from './transcode.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('transcodeToUtf8', () => {
  it('converts UTF-16 LE with BOM and drops the BOM', async () => {
    const src = join(dir.path, 'u16.csv');
    writeFileSync(src, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name\nZoë €\n', 'utf16le')]));
    const out = join(dir.path, 'u16.out');
    const r = await transcodeToUtf8(src, out, 'utf-16le');
    expect(readFileSync(out, 'utf8')).toBe('name\nZoë €\n');
    expect(r).toEqual({ bytesRead: 24, replacedLines: [], replacedTotal: 0 });
  });

  it('converts Windows-1252 smart quotes, euro and accents', async () => {
    const src = join(dir.path, 'w.csv');
    writeFileSync(src, Buffer.from([0x93, 0x68, 0x69, 0x94, 0x2c, 0x80, 0x2c, 0xe9]));
    const out = join(dir.path, 'w.out');
    await transcodeToUtf8(src, out, 'windows-1252');
    expect(readFileSync(out, 'utf8')).toBe('“hi”,€,é');
  });

  it('replaces stray bytes in UTF-8 and names their lines, also across chunk borders', async () => {
    const src = join(dir.path, 'stray.csv');
    const head = Buffer.from('a\n'.repeat(600_000)); // 1.2 MB: more than one 1 MiB chunk
    const euro = Buffer.from('€');
    // Put a `€` across the first chunk border, then a bad byte on line 600,002.
    const border = (1 << 20) - 1;
    const body = Buffer.concat([head.subarray(0, border), euro, head.subarray(border)]);
    writeFileSync(src, Buffer.concat([body, Buffer.from('ok\nb\xffd\n', 'latin1')]));
    const out = join(dir.path, 'stray.out');
    const r = await transcodeToUtf8(src, out, 'utf-8');
    expect(r.replacedLines).toEqual([600_002]);
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('ok\nb\uFFFDd\n')).toBe(true);
    expect(text.includes('€')).toBe(true);
  });

  it('stops when the signal is aborted', async () => {
    const src = join(dir.path, 'w.csv');
    const ctl = new AbortController();
    ctl.abort(new Error('stop'));
    await expect(
      transcodeToUtf8(src, join(dir.path, 'x.out'), 'utf-8', { signal: ctl.signal }),
    ).rejects.toThrow('stop');
  });
});

describe('linesAtOffsets', () => {
  it('maps byte offsets to 1-based lines', async () => {
    const src = join(dir.path, 'lines.txt');
    writeFileSync(src, 'ab\ncd\n\nef');
    const m = await linesAtOffsets(src, [0, 2, 3, 6, 7, 9, 50]);
    expect([...m.entries()]).toEqual([
      [0, 1],
      [2, 1],
      [3, 2],
      [6, 3],
      [7, 4],
      [9, 4],
      [50, 4],
    ]);
  });
});
