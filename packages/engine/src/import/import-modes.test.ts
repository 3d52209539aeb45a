import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SightlineError } from '../errors.js';
import { queryRows } from './duck.js';
import { importFiles } from './import-files.js';
import { listRejects } from './reject-store.js';
import { importFixture, snapshot } from './test-support.js';

let fx: Awaited<ReturnType<typeof importFixture>>;
beforeAll(async () => {
  fx = await importFixture();
});
afterAll(() => fx.close());

const file = (name: string, content: string) => {
  const p = join(fx.dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
};
const run = (paths: string[], extra: Record<string, unknown> = {}, signal?: AbortSignal) =>
  importFiles(fx.conn, { paths, ...extra }, { scratchDir: fx.scratchDir, signal });
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(SightlineError);
    return { message: (err as SightlineError).message, hints: (err as SightlineError).hints };
  }
  throw new Error('expected the import to fail');
};
const rows = (sql: string) => queryRows(fx.conn, sql);

describe('modes', () => {
  it('create refuses an existing table, replace swaps it, append adds rows', async () => {
    const v1 = file('sales.csv', 'id,amount\n1,10\n2,20\n');
    await run([v1]);
    const before = await snapshot(fx.conn);
    expect(await failure(run([v1]))).toEqual({
      message: 'Table "sales" already exists.',
      hints: [
        'Use --mode replace to overwrite it, --mode append to add these rows to it, or --as NAME for a new table.',
      ],
    });
    expect(await snapshot(fx.conn)).toEqual(before);

    const v2 = file('v2/sales.csv', 'id,amount\n3,30\n');
    await run([v2], { mode: 'replace' });
    expect(await rows('SELECT id FROM sales')).toEqual([{ id: '3' }]);

    const [o] = await run([file('more.csv', 'amount,id\n40,4\n')], { mode: 'append', as: 'sales' });
    expect(o).toMatchObject({ table: 'sales', rows: 1 });
    expect(await rows('SELECT id, amount FROM sales ORDER BY id')).toEqual([
      { id: '3', amount: '30' },
      { id: '4', amount: '40' },
    ]);
  });

  it('append names missing and extra columns, and changes nothing', async () => {
    await run([file('base.csv', 'id,region,amount\n1,eu,5\n')]);
    const before = await snapshot(fx.conn);
    const other = file('other.csv', 'id,amount,discount\n2,6,1\n');
    expect(await failure(run([other], { mode: 'append', as: 'base' }))).toEqual({
      message: `Can't append "${other}" to table "base": the columns differ (missing "region"; extra "discount").`,
      hints: [
        'Use --mode replace to overwrite the table with this file, or --as NAME to import it as a new table.',
      ],
    });
    expect(await snapshot(fx.conn)).toEqual(before);
  });

  it('keeps rejects per table: replace drops old ones, append adds', async () => {
    const bad = (n: number) =>
      `id,v\n${Array.from({ length: 20 }, (_, i) => (i === n ? `${i},x,extra` : `${i},v${i}`)).join('\n')}\n`;
    await run([file('rj.csv', bad(3))]);
    expect((await listRejects(fx.conn, 'rj')).map((r) => r.line)).toEqual([5]);
    await run([file('rj2/rj.csv', bad(7))], { mode: 'replace' });
    expect((await listRejects(fx.conn, 'rj')).map((r) => r.line)).toEqual([9]);
    await run([file('rj3/rj.csv', bad(1))], { mode: 'append', as: 'rj' });
    expect((await listRejects(fx.conn, 'rj')).map((r) => r.line)).toEqual([9, 3]);
    expect((await failure(listRejects(fx.conn, 'nope'))).message).toBe(
      'Table "nope" doesn\'t exist in this workspace.',
    );
  });
});

describe('folders and globs', () => {
  it('imports files of one schema into one table with source_file', async () => {
    const a = file('events/2024-01.csv', 'user,n\nu1,1\nu2,2\n');
    const b = file('events/2024-02.csv', 'user,n\nu3,3.5\n');
    const [o] = await run([join(fx.dir, 'events/*.csv')]);
    expect(o).toMatchObject({ table: 'events', rows: 3, columns: 3, files: [a, b] });
    expect(o!.detected.types).toEqual({ user: 'VARCHAR', n: 'DOUBLE', source_file: 'VARCHAR' });
    expect(await rows('SELECT user, n, source_file FROM events ORDER BY user')).toEqual([
      { user: 'u1', n: 1, source_file: a },
      { user: 'u2', n: 2, source_file: a },
      { user: 'u3', n: 3.5, source_file: b },
    ]);
    const [f] = await run([join(fx.dir, 'events')], { as: 'events_folder' });
    expect(f).toMatchObject({ table: 'events_folder', rows: 3 });
  });

  it('names the file whose columns differ', async () => {
    const before = await snapshot(fx.conn);
    const a = file('mixed/a.csv', 'user,n\nu1,1\n');
    const b = file('mixed/b.csv', 'user,count\nu2,2\n');
    expect(await failure(run([join(fx.dir, 'mixed')]))).toEqual({
      message: `"${b}" has different columns than "${a}": missing "n"; extra "count".`,
      hints: ['Files imported into one table need the same columns; import that file on its own with --as.'],
    });
    expect(await snapshot(fx.conn)).toEqual(before);
  });

  it('fails plainly for an empty folder', async () => {
    mkdirSync(join(fx.dir, 'nothing'));
    expect((await failure(run([join(fx.dir, 'nothing')]))).message).toBe(
      `The folder "${join(fx.dir, 'nothing')}" has no data files.`,
    );
  });
});

describe('atomicity', () => {
  it('several paths commit together: one bad file leaves everything as before', async () => {
    const before = await snapshot(fx.conn);
    const good = file('good1.csv', 'a\n1\n');
    const bad = file('zero.csv', '');
    expect((await failure(run([good, bad]))).message).toBe(
      `The file "${bad}" is empty: it has 0 bytes, so there is nothing to import.`,
    );
    expect(await snapshot(fx.conn)).toEqual(before);
  });

  it('a cancelled import changes nothing and removes its scratch files', async () => {
    const lines = ['id,v'];
    for (let i = 0; i < 300_000; i++) lines.push(`${i},value number ${i}`);
    const big = file('big.csv', `${lines.join('\n')}\n`);
    await run([file('keep.csv', 'a\n1\n')]);
    const before = await snapshot(fx.conn);
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 30);
    expect((await failure(run([big], {}, ctl.signal))).message).toBe(
      'The import was cancelled; nothing was changed.',
    );
    expect(await snapshot(fx.conn)).toEqual(before);
    const already = new AbortController();
    already.abort();
    expect((await failure(run([big], {}, already.signal))).message).toBe(
      'The import was cancelled; nothing was changed.',
    );
    expect(await snapshot(fx.conn)).toEqual(before);
  });
});
