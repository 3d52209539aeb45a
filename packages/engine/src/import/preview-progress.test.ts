import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from './import-files.js';
import { previewImport } from './preview.js';
import { importFixture, snapshot } from './test-support.js';
import type { ImportProgress } from './types.js';

let fx: Awaited<ReturnType<typeof importFixture>>;
beforeAll(async () => {
  fx = await importFixture();
});
afterAll(() => fx.close());

describe('previewImport', () => {
  it('shows detected options, types, first rows and rejects without creating anything', async () => {
    const p = join(fx.dir, 'prev.csv');
    writeFileSync(p, 'id;price\n1;2,5\n2;3\n3;x;extra\n');
    const before = await snapshot(fx.conn);
    const preview = await previewImport(fx.conn, p, { scratchDir: fx.scratchDir, sampleRows: 1 });
    expect(preview).toEqual({
      detected: {
        format: 'csv',
        encoding: 'utf-8',
        delimiter: ';',
        quote: '"',
        header: true,
        numberFormats: { price: 'decimal comma, thousands separator "."' },
        types: { id: 'BIGINT', price: 'DOUBLE' },
      },
      columns: [
        { name: 'id', type: 'BIGINT' },
        { name: 'price', type: 'DOUBLE' },
      ],
      rows: [{ id: '1', price: 2.5 }],
      rejects: [{ file: p, line: 4, column: null, reason: 'expected 2 fields, found 3', raw: '3;x;extra' }],
      warnings: [],
    });
    expect(await snapshot(fx.conn)).toEqual(before);
  });
});

describe('progress', () => {
  it('reports real byte counts while converting an encoding', async () => {
    const text = `id,name\n${Array.from({ length: 100_000 }, (_, i) => `${i},Zoë ${i}`).join('\n')}\n`;
    const p = join(fx.dir, 'u16.csv');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    writeFileSync(p, bytes);
    const seen: ImportProgress[] = [];
    const [o] = await importFiles(
      fx.conn,
      { paths: [p] },
      { scratchDir: fx.scratchDir, onProgress: (x) => seen.push(x) },
    );
    expect(o!.rows).toBe(100_000);
    const transcoding = seen.filter((x) => x.bytesTotal === bytes.length);
    expect(transcoding.at(-1)).toEqual({ file: p, bytesRead: bytes.length, bytesTotal: bytes.length });
    expect(transcoding.every((x, i) => i === 0 || x.bytesRead >= transcoding[i - 1]!.bytesRead)).toBe(true);
  });
});
