import { existsSync, readdirSync, writeFileSync } from 'node:fs';
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

const file = (name: string, content: string | Buffer) => {
  const p = join(fx.dir, name);
  writeFileSync(p, content);
  return p;
};
const run = (paths: string[], extra: Record<string, unknown> = {}) =>
  importFiles(fx.conn, { paths, ...extra }, { scratchDir: fx.scratchDir });
const rows = (sql: string) => queryRows(fx.conn, sql);
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(SightlineError);
    const e = err as SightlineError;
    return { message: e.message, hints: e.hints, kind: e.kind };
  }
  throw new Error('expected the import to fail');
};

describe('CSV import', () => {
  it('detects delimiter, header, quotes with newlines and types', async () => {
    const p = file(
      'Q3 Sales (final).csv',
      'id;name;amount;day\n1;"Ann\nLee";10.5;2024-01-02\n2;"Bo ""B""";3;2024-01-03\n',
    );
    const [o] = await run([p]);
    expect(o).toMatchObject({ table: 'q3_sales_final', rows: 2, columns: 4, rejected: 0, files: [p] });
    expect(o!.detected).toMatchObject({
      format: 'csv',
      delimiter: ';',
      header: true,
      encoding: 'utf-8',
      types: { id: 'BIGINT', name: 'VARCHAR', amount: 'DOUBLE', day: 'DATE' },
    });
    expect(
      await rows('SELECT name, amount, CAST(day AS VARCHAR) AS day FROM q3_sales_final ORDER BY id'),
    ).toEqual([
      { name: 'Ann\nLee', amount: 10.5, day: '2024-01-02' },
      { name: 'Bo "B"', amount: 3, day: '2024-01-03' },
    ]);
    expect(readdirSync(fx.scratchDir)).toEqual([]);
  });

  it('rejects ragged rows with file line numbers (header = line 1) and keeps them', async () => {
    const lines = ['id,city,n'];
    for (let i = 1; i <= 30; i++) lines.push(`${i},c${i},${i}`);
    lines[4] = '4,"multi\nline",4'; // a quoted newline: the rows below sit one physical line lower
    lines[10] = '10,too,many,fields';
    lines[20] = '20,short';
    const p = file('ragged.csv', `${lines.join('\n')}\n`);
    const [o] = await run([p]);
    expect(o).toMatchObject({ table: 'ragged', rows: 28, rejected: 2 });
    expect(o!.rejects).toEqual([
      { file: p, line: 12, column: null, reason: 'expected 3 fields, found 4', raw: '10,too,many,fields' },
      { file: p, line: 22, column: 'n', reason: 'expected 3 fields, found 2', raw: '20,short' },
    ]);
    expect(await listRejects(fx.conn, 'ragged')).toEqual(o!.rejects);
  });

  it('fails beyond 10% rejects, naming the lines and the cause, and creates nothing', async () => {
    const before = await snapshot(fx.conn);
    const p = file('bad.csv', 'a,b\n1,2\n3,4,5\n6,7\n8\n9,10\n11,12\n13,14\n15,16\n17,18\n19,20\n');
    expect(await failure(run([p]))).toEqual({
      kind: 'user',
      message: `Import of "${p}" stopped: 2 of 10 rows don't fit, more than the 1 allowed (first bad lines: 3, 5). Nothing was imported.`,
      hints: [
        'Likely cause: some rows have more fields than the header, often a value that contains "," without quotes, or a wrong delimiter (set it with --delimiter).',
        'Line 3: expected 2 fields, found 3.',
        'Fix the file, or allow more with --max-rejects 2.',
      ],
    });
    expect(await snapshot(fx.conn)).toEqual(before);
    const [o] = await run([p], { maxRejects: 2 });
    expect(o).toMatchObject({ table: 'bad', rows: 8, rejected: 2 });
  });

  it('fails on the first bad row in strict mode', async () => {
    const before = await snapshot(fx.conn);
    const p = file('strict.csv', 'a,b\n1,2\n3\n');
    expect((await failure(run([p], { strict: true }))).message).toBe(
      `Import of "${p}" stopped at line 3 because strict mode is on: expected 2 fields, found 1. Nothing was imported.`,
    );
    expect(await snapshot(fx.conn)).toEqual(before);
  });

  it('fails plainly on a 0-byte file and imports a header-only file as an empty table', async () => {
    const empty = file('empty.csv', '');
    expect((await failure(run([empty]))).message).toBe(
      `The file "${empty}" is empty: it has 0 bytes, so there is nothing to import.`,
    );
    const [o] = await run([file('header_only.csv', 'name,amount\n')]);
    expect(o).toMatchObject({ table: 'header_only', rows: 0, columns: 2, rejected: 0 });
    expect(
      await rows(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'header_only' ORDER BY column_index",
      ),
    ).toEqual([{ column_name: 'name' }, { column_name: 'amount' }]);
  });

  it('reads decimal commas with ; and thousands separators', async () => {
    const [o] = await run([file('eu.csv', 'item;price;qty\na;1.234,56;1\nb;2,5;2\nc;-1.000.000,25;3\n')]);
    expect(o!.detected.types.price).toBe('DOUBLE');
    expect(o!.detected.numberFormats).toEqual({ price: 'decimal comma, thousands separator "."' });
    expect(await rows('SELECT price FROM eu ORDER BY qty')).toEqual([
      { price: 1234.56 },
      { price: 2.5 },
      { price: -1000000.25 },
    ]);
    await run([file('us.csv', 'item,total\na,"1,234.50"\nb,"12,345"\n')]);
    expect(await rows('SELECT total FROM us ORDER BY item')).toEqual([{ total: 1234.5 }, { total: 12345 }]);
  });

  it('applies overrides: delimiter, header, column types (bad values rejected)', async () => {
    const p = file(
      'over.txt',
      '1|x|10\n2|y|abc\n3|z|30\n4|w|40\n5|v|50\n6|u|60\n7|t|70\n8|s|80\n9|r|90\n10|q|100\n',
    );
    const [o] = await run([p], { delimiter: '|', header: false, columnTypes: { column2: 'INTEGER' } });
    expect(o).toMatchObject({ rows: 9, rejected: 1, detected: { delimiter: '|', header: false } });
    expect(o!.detected.types).toEqual({ column0: 'BIGINT', column1: 'VARCHAR', column2: 'INTEGER' });
    expect(o!.rejects).toEqual([
      {
        file: p,
        line: 2,
        column: 'column2',
        reason: '"abc" can\'t be read as a whole number (INTEGER)',
        raw: '2|y|abc',
      },
    ]);
    expect(
      (await failure(run([p], { as: 'o2', columnTypes: { nope: 'INTEGER' }, header: false }))).message,
    ).toBe(`"${p}" has no column "nope", so its type can't be set.`);
    expect(
      (await failure(run([p], { as: 'o3', columnTypes: { column0: 'INT; DROP' }, header: false }))).message,
    ).toBe('"INT; DROP" is not a type Sightline knows (asked for column "column0").');
  });

  it('reads TSV by extension', async () => {
    const [o] = await run([file('t.tsv', 'a\tb\n1\thello, world\n')]);
    expect(o!.detected).toMatchObject({ delimiter: '\t', types: { a: 'BIGINT', b: 'VARCHAR' } });
  });

  it('says which file does not exist', async () => {
    const missing = join(fx.dir, 'x.csv');
    expect(await failure(run([missing]))).toMatchObject({ message: `File "${missing}" doesn't exist.` });
    expect(existsSync(missing)).toBe(false);
  });
});
