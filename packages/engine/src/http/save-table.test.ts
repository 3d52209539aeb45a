import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { emptyHttpRequest, type HttpSaveTableSpecInput, HttpSaveTableSpecSchema } from '@sightline/spec';
import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Workspace } from '../core/workspace.js';
import { saveHttpAsTable } from './save-table.js';
import { startTestApi, type TestApi } from './test-api.test-support.js';

let api: TestApi;
let ws: Workspace;
let dir: { path: string; cleanup: () => void };

beforeAll(async () => {
  api = await startTestApi();
  dir = tempDir();
  ws = await Workspace.open(dir.path, { threads: 1, memoryLimit: '512MB' });
});
afterAll(async () => {
  await ws.close();
  await api.close();
  dir.cleanup();
});

const save = (path: string, more: Partial<HttpSaveTableSpecInput> & { table: string }) =>
  saveHttpAsTable(ws, HttpSaveTableSpecSchema.parse({ request: emptyHttpRequest(api.url + path), ...more }), {
    allowPrivate: true,
  });
const rows = async (sql: string) => (await ws.engine.query(sql)).rows;
const perPage = (table: string) =>
  rows(`SELECT _page, count(*)::INT AS n FROM ${table} GROUP BY 1 ORDER BY 1`);

describe('saveHttpAsTable', () => {
  test('Link rel="next": every page into one table, nested objects flattened, a _page column', async () => {
    const r = await save('/link', { table: 'by_link', paginate: { kind: 'link' } });
    expect(r).toEqual({
      table: 'by_link',
      rows: 7,
      pages: 4,
      columns: ['id', 'name', 'address_city', 'address_zip', '_page'],
      arrayPath: '$',
      stoppedBy: 'last-page',
      message: 'Saved 7 rows from 4 pages into by_link (stopped: the last page said there was no next one).',
    });
    expect(await perPage('by_link')).toEqual([
      { _page: 1, n: 2 },
      { _page: 2, n: 2 },
      { _page: 3, n: 2 },
      { _page: 4, n: 1 },
    ]);
    expect(await rows('SELECT id, name, address_city FROM by_link WHERE id = 2')).toEqual([
      { id: 2, name: 'person 2', address_city: 'Lyon' },
    ]);
  });

  test('a next-cursor field, sent back as a query parameter; the array is suggested', async () => {
    const r = await save('/cursor', {
      table: 'by_cursor',
      paginate: { kind: 'cursor', cursorPath: '$.meta.next_cursor', param: 'cursor' },
    });
    expect([r.rows, r.pages, r.arrayPath, r.stoppedBy]).toEqual([7, 3, '$.items', 'last-page']);
    expect(await perPage('by_cursor')).toEqual([
      { _page: 1, n: 3 },
      { _page: 2, n: 3 },
      { _page: 3, n: 1 },
    ]);
  });

  test('a cursor that is a whole URL is followed as is', async () => {
    const r = await save('/next-url', {
      table: 'by_url',
      paginate: { kind: 'cursor', cursorPath: '$.next', param: 'x' },
    });
    expect([r.rows, r.pages, r.arrayPath, r.stoppedBy]).toEqual([7, 2, '$.results', 'last-page']);
  });

  test('a page number counts up until a page comes back empty', async () => {
    const r = await save('/pages', { table: 'by_page', paginate: { kind: 'page', param: 'page' } });
    expect([r.rows, r.pages, r.stoppedBy]).toEqual([7, 3, 'empty-page']);
    expect((await rows('SELECT list(id ORDER BY id) AS ids FROM by_page'))[0]!.ids).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  test('an offset counts up by the page size; a short page is the last', async () => {
    const r = await save('/offset', {
      table: 'by_offset',
      paginate: { kind: 'offset', param: 'offset', limitParam: 'limit', pageSize: 3 },
    });
    expect([r.rows, r.pages, r.stoppedBy]).toEqual([7, 3, 'last-page']);
    expect(await perPage('by_offset')).toEqual([
      { _page: 1, n: 3 },
      { _page: 2, n: 3 },
      { _page: 3, n: 1 },
    ]);
  });

  test('the page limit stops an endless API and says so', async () => {
    const r = await save('/forever', {
      table: 'capped',
      paginate: { kind: 'page', param: 'page' },
      maxPages: 5,
    });
    expect([r.rows, r.pages, r.stoppedBy]).toEqual([5, 5, 'max-pages']);
    expect(r.message).toBe(
      'Saved 5 rows from 5 pages into capped (stopped: the page limit was reached; there are more pages).',
    );
  });

  test('without flatten nested objects stay STRUCTs; an array of scalars goes into "value"', async () => {
    await save('/people', { table: 'nested', flatten: false });
    const types = await rows(
      "SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = 'nested' ORDER BY ordinal_position",
    );
    expect(types.map((t) => t.c)).toEqual(['id', 'name', 'address', '_page']);
    expect(String(types[2]!.t)).toMatch(/^STRUCT/);
    const r = await save('/list', { table: 'scalars', arrayPath: '$' });
    expect(r.columns).toEqual(['value', '_page']);
    expect(await rows('SELECT value FROM scalars ORDER BY value')).toEqual([
      { value: 1 },
      { value: 2 },
      { value: 3 },
    ]);
  });

  test('integers beyond 2^53 are saved exactly', async () => {
    const r = await save('/bigids', { table: 'bigids' });
    expect(r.arrayPath).toBe('$.data');
    const got = await rows('SELECT id::VARCHAR AS id, typeof(id) AS t FROM bigids ORDER BY n');
    expect(got.map((g) => g.id)).toEqual(['9007199254740993', '-9223372036854775808']);
    expect(['BIGINT', 'HUGEINT']).toContain(got[0]!.t);
  });

  test('a failing page changes nothing; the table and its mode behave like an import', async () => {
    await expect(
      save('/flaky', { table: 'flaky', paginate: { kind: 'page', param: 'page' } }),
    ).rejects.toThrow(
      `Page 3 of ${api.url}/flaky?page=3 answered 500 Internal Server Error; nothing was saved.`,
    );
    expect(await rows("SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name = 'flaky'")).toEqual([
      { n: 0 },
    ]);
    await expect(save('/people', { table: 'by_link' })).rejects.toThrow('Table "by_link" already exists.');
    const replaced = await save('/people', { table: 'by_link', mode: 'replace' });
    expect(replaced.rows).toBe(7);
    const appended = await save('/people', { table: 'by_link', mode: 'append' });
    expect(appended.rows).toBe(7);
    expect(await rows('SELECT count(*)::INT AS n FROM by_link')).toEqual([{ n: 14 }]);
    await expect(save('/people', { table: 'x', arrayPath: '$.nope' })).rejects.toThrow(
      'The answer has no array at $.nope.',
    );
    await expect(save('/text', { table: 'x' })).rejects.toThrow(/isn't JSON \(text\/plain; charset=utf-8\)/);
    const scratch = join(dir.path, 'tmp', 'http');
    expect(existsSync(scratch) ? readdirSync(scratch) : []).toEqual([]);
  });
});
