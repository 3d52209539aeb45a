import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './duck.js';
import { importFiles } from './import-files.js';
import { importFixture } from './test-support.js';

let fx: Awaited<ReturnType<typeof importFixture>>;
beforeAll(async () => {
  fx = await importFixture();
});
afterAll(() => fx.close());

const file = (name: string, content: Buffer) => {
  const p = join(fx.dir, name);
  writeFileSync(p, content);
  return p;
};
const importOne = async (p: string, extra: Record<string, unknown> = {}) =>
  (await importFiles(fx.conn, { paths: [p], ...extra }, { scratchDir: fx.scratchDir }))[0]!;
const names = (table: string) => queryRows(fx.conn, `SELECT name FROM ${table} ORDER BY id`);
const TEXT = 'id,name\n1,Zoë\n2,“café” €5\n';
const EXPECTED = [{ name: 'Zoë' }, { name: '“café” €5' }];

describe('CSV encodings', () => {
  it('reads UTF-8 with and without BOM', async () => {
    expect((await importOne(file('plain.csv', Buffer.from(TEXT)))).detected.encoding).toBe('utf-8');
    expect(await names('plain')).toEqual(EXPECTED);
    const bom = await importOne(
      file('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])),
    );
    expect(bom.detected).toMatchObject({
      encoding: 'utf-8 (with BOM)',
      types: { id: 'BIGINT', name: 'VARCHAR' },
    });
    expect(await names('bom')).toEqual(EXPECTED);
  });

  it('converts UTF-16 LE and BE with BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    expect((await importOne(file('le.csv', le))).detected.encoding).toBe('utf-16le');
    expect(await names('le')).toEqual(EXPECTED);
    const be = Buffer.from(le);
    be.swap16();
    expect((await importOne(file('be.csv', be))).detected.encoding).toBe('utf-16be');
    expect(await names('be')).toEqual(EXPECTED);
  });

  it('converts Windows-1252 (euro, smart quotes, accents)', async () => {
    const cp1252 = Buffer.from([
      ...Buffer.from('id,name\n1,Zo'),
      0xeb,
      ...Buffer.from('\n2,'),
      0x93,
      ...Buffer.from('caf'),
      0xe9,
      0x94,
      ...Buffer.from(' '),
      0x80,
      ...Buffer.from('5\n'),
    ]);
    const o = await importOne(file('win.csv', cp1252));
    expect(o).toMatchObject({ rows: 2, rejected: 0, warnings: [], detected: { encoding: 'windows-1252' } });
    expect(await names('win')).toEqual(EXPECTED);
  });

  it('finds Windows-1252 bytes that only appear after the first 64 KB', async () => {
    const head = Buffer.from(
      `id,name\n${Array.from({ length: 8000 }, (_, i) => `${i + 1},plain${i}`).join('\n')}\n`,
    );
    const p = file(
      'late1252.csv',
      Buffer.concat([head, Buffer.from('8001,caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    );
    const o = await importOne(p);
    expect(o).toMatchObject({ rows: 8001, rejected: 0, detected: { encoding: 'windows-1252' } });
    expect(await queryRows(fx.conn, 'SELECT name FROM late1252 WHERE id = 8001')).toEqual([{ name: 'café' }]);
  });

  it('replaces stray bytes in a UTF-8 file and names the line', async () => {
    const p = file(
      'stray.csv',
      Buffer.concat([Buffer.from('id,name\n1,Zoë\n2,b'), Buffer.from([0xff]), Buffer.from('d\n')]),
    );
    const o = await importOne(p);
    expect(o.rows).toBe(2);
    expect(o.warnings).toEqual([
      `"${p}" has bytes that aren't valid UTF-8 on line 3; they were replaced with �.`,
    ]);
    expect(await names('stray')).toEqual([{ name: 'Zoë' }, { name: 'b\uFFFDd' }]);
  });

  it('uses the encoding the user names', async () => {
    const p = file('latin.csv', Buffer.from('id,name\n1,Zo\xeb\n', 'latin1'));
    const o = await importOne(p, { encoding: 'latin1' });
    expect(o.detected.encoding).toBe('windows-1252');
    expect(await names('latin')).toEqual([{ name: 'Zoë' }]);
  });
});

describe('late stray bytes', () => {
  it('repairs invalid UTF-8 past the first 64 KB of a UTF-8 file and warns with the line', async () => {
    const head = Buffer.from(
      `id,name\n1,Zoë\n${Array.from({ length: 8000 }, (_, i) => `${i + 2},plain${i}`).join('\n')}\n`,
    );
    const p = file(
      'latestray.csv',
      Buffer.concat([head, Buffer.from('8002,b'), Buffer.from([0xff]), Buffer.from('d\n')]),
    );
    const o = await importOne(p);
    expect(o).toMatchObject({ rows: 8002, rejected: 0, detected: { encoding: 'utf-8' } });
    expect(o.warnings).toEqual([
      `"${p}" has bytes that aren't valid UTF-8 on line 8003; they were replaced with �.`,
    ]);
  });
});
