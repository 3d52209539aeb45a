import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sightline/testkit';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SightlineError } from '../errors.js';
import { Engine } from './engine.js';
import { exportFormatFor } from './export.js';
import { QueryError } from './query-error.js';

const tmp = tempDir();
let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(':memory:', { threads: 2 });
  await engine.query(`CREATE TABLE events AS SELECT * FROM (VALUES
    (1, 'signup', 1.5::DOUBLE, TIMESTAMP '2026-03-01 12:00:00', TIMESTAMPTZ '2026-03-01 12:00:00+02', DATE '2026-03-01', 9007199254740993::BIGINT, [TIMESTAMPTZ '2026-03-01 00:00:00Z'], {'big': 18446744073709551615::UBIGINT, 'f': 'NaN'::DOUBLE}),
    (2, 'buy', NULL, TIMESTAMP '2026-03-02 08:30:00.25', NULL, NULL, 5::BIGINT, [], NULL))
    t(id, event, amount, ts, ts_tz, day, big, stamps, s)`);
});
afterAll(async () => {
  await engine.close();
  tmp.cleanup();
});

const file = (name: string) => join(tmp.path, name);

describe('exportTo', () => {
  it('csv round-trips through DuckDB', async () => {
    const out = await engine.exportTo('events', file('e.csv'));
    expect(out).toEqual({ rows: 2, path: file('e.csv'), format: 'csv' });
    const back = await engine.query(
      `SELECT id, event, amount, ts FROM read_csv(${`'${file('e.csv')}'`}) ORDER BY id`,
    );
    expect(back.rows).toEqual([
      { id: 1, event: 'signup', amount: 1.5, ts: '2026-03-01T12:00:00' },
      { id: 2, event: 'buy', amount: null, ts: '2026-03-02T08:30:00.25' },
    ]);
  });

  it('parquet keeps types exactly', async () => {
    const out = await engine.exportTo('events', file('e.parquet'));
    expect(out.rows).toBe(2);
    const back = await engine.query(`SELECT * FROM '${file('e.parquet')}' ORDER BY id`);
    const orig = await engine.query('SELECT * FROM events ORDER BY id');
    expect(back.columns).toEqual(orig.columns);
    expect(back.rows).toEqual(orig.rows);
  });

  it('json follows the cli.md value rules and equals what query() returns', async () => {
    await engine.exportTo('events', file('e.json'));
    const parsed = JSON.parse(readFileSync(file('e.json'), 'utf8'));
    const orig = await engine.query('SELECT * FROM events');
    expect(parsed).toEqual(orig.rows);
    expect(parsed[0]).toEqual({
      id: 1,
      event: 'signup',
      amount: 1.5,
      ts: '2026-03-01T12:00:00',
      ts_tz: '2026-03-01T10:00:00Z',
      day: '2026-03-01',
      big: '9007199254740993',
      stamps: ['2026-03-01T00:00:00Z'],
      s: { big: '18446744073709551615', f: 'NaN' },
    });
  });

  it('exports the result of SQL when no table has that name', async () => {
    const out = await engine.exportTo(
      'SELECT event, count(*) AS n FROM events GROUP BY ALL ORDER BY event;',
      file('q.json'),
    );
    expect(out.rows).toBe(2);
    expect(JSON.parse(readFileSync(file('q.json'), 'utf8'))).toEqual([
      { event: 'buy', n: 1 },
      { event: 'signup', n: 1 },
    ]);
  });

  it('xlsx: bold header, numbers as numbers, dates as dates, big ints as text', async () => {
    const out = await engine.exportTo('events', file('e.xlsx'));
    expect(out).toEqual({ rows: 2, path: file('e.xlsx'), format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('e.xlsx'));
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    const header = sheet.getRow(1);
    expect(header.values).toEqual([
      undefined,
      'id',
      'event',
      'amount',
      'ts',
      'ts_tz',
      'day',
      'big',
      'stamps',
      's',
    ]);
    expect(header.font?.bold).toBe(true);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(1);
    expect(row.getCell(3).value).toBe(1.5);
    expect(row.getCell(4).value).toEqual(new Date('2026-03-01T12:00:00Z'));
    expect(row.getCell(5).value).toEqual(new Date('2026-03-01T10:00:00Z'));
    expect(row.getCell(6).value).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(row.getCell(7).value).toBe('9007199254740993');
    expect(row.getCell(8).value).toBe('["2026-03-01T00:00:00Z"]');
    expect(sheet.getRow(3).getCell(4).value).toEqual(new Date('2026-03-02T08:30:00.250Z'));
    expect(sheet.getRow(3).getCell(3).value).toBe(null);
  });

  it('xlsx of an empty result still has its header', async () => {
    const out = await engine.exportTo('SELECT * FROM events WHERE false', file('empty.xlsx'));
    expect(out.rows).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('empty.xlsx'));
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([
      undefined,
      'id',
      'event',
      'amount',
      'ts',
      'ts_tz',
      'day',
      'big',
      'stamps',
      's',
    ]);
  });

  it('refuses more rows than a sheet holds, before writing anything', async () => {
    const err = await engine
      .exportTo('SELECT * FROM range(1048576)', file('huge.xlsx'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SightlineError);
    expect((err as SightlineError).message).toBe(
      'The result has 1,048,576 rows, more than a spreadsheet can hold (1,048,575).',
    );
    expect(existsSync(file('huge.xlsx'))).toBe(false);
    expect(existsSync(file('huge.xlsx.tmp'))).toBe(false);
  });

  it('a failing export leaves no file behind and points into the SQL', async () => {
    const err = await engine
      .exportTo("SELECT id,\n  'x'::INTEGER + id AS bad FROM events", file('bad.parquet'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryError);
    expect((err as QueryError).position?.line).toBe(2);
    const unknown = await engine
      .exportTo('SELECT nope FROM events', file('bad.csv'))
      .catch((e: unknown) => e);
    expect((unknown as QueryError).message).toBe('Column "nope" doesn\'t exist (line 1, col 8).');
    expect(readdirSync(tmp.path).filter((f) => f.startsWith('bad'))).toEqual([]);
  });

  it('picks the format from the extension; unknown ones list the four', () => {
    expect(exportFormatFor('/x/a.CSV')).toBe('csv');
    expect(exportFormatFor('/x/a.out', 'parquet')).toBe('parquet');
    expect(() => exportFormatFor('/x/a.txt')).toThrow(
      'Can\'t export to /x/a.txt: the extension ".txt" is not one Sightline can write.',
    );
    try {
      exportFormatFor('/x/a');
    } catch (e) {
      expect((e as SightlineError).hints).toEqual(['Use one of: .csv, .parquet, .json, .xlsx.']);
    }
  });
});
