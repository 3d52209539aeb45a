import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, type TestServer, testServer } from '../test-support.js';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
  await s.workspace.engine.query(
    "CREATE TABLE orders AS SELECT * FROM (VALUES (1, 'EU', 10.5), (2, 'US', NULL)) t(id, region, amount)",
  );
});
afterAll(async () => s.close());

describe('export downloads', () => {
  it('streams a table as CSV with a download name and leaves no temp file', async () => {
    const res = await s.call('/api/export', { json: { table: 'orders', format: 'csv' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''orders.csv");
    expect(await res.text()).toBe('id,region,amount\n1,EU,10.5\n2,US,\n');
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(join(s.workspace.tmpDir, 'exports'))).toEqual([]);
  });

  it('exports the result of SQL as JSON following the value rules', async () => {
    const res = await s.call('/api/export', {
      json: {
        sql: 'SELECT id, 9007199254740993::BIGINT AS big FROM orders ORDER BY id',
        format: 'json',
        filename: 'mine.json',
      },
    });
    expect(res.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''mine.json");
    expect(JSON.parse(await res.text())).toEqual([
      { id: 1, big: '9007199254740993' },
      { id: 2, big: '9007199254740993' },
    ]);
  });

  it('streams Parquet and XLSX files', async () => {
    const parquet = new Uint8Array(
      await (await s.call('/api/export', { json: { table: 'orders', format: 'parquet' } })).arrayBuffer(),
    );
    expect(Buffer.from(parquet.subarray(0, 4)).toString()).toBe('PAR1');
    const xlsx = await s.call('/api/export', { json: { table: 'orders', format: 'xlsx' } });
    expect(xlsx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 2)).toString()).toBe('PK');
    expect(Number(xlsx.headers.get('content-length'))).toBe(bytes.length);
  });

  it('answers an unknown table with 404, bad SQL with query_error, and a bad format with 400', async () => {
    const missing = await s.call('/api/export', { json: { table: 'ordrs', format: 'csv' } });
    expect(missing.status).toBe(404);
    expect((await body(missing)).error.message).toBe(
      'Table "ordrs" doesn\'t exist in this workspace. Did you mean "orders"?',
    );
    const bad = await s.call('/api/export', { json: { sql: 'SELEC 1', format: 'csv' } });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.code).toBe('query_error');
    const format = await s.call('/api/export', { json: { table: 'orders', format: 'pdf' } });
    expect(format.status).toBe(400);
    expect((await body(format)).error.code).toBe('bad_request');
    const neither = await s.call('/api/export', { json: { format: 'csv' } });
    expect((await body(neither)).error.message).toBe('Say what to export: either "table" or "sql".');
  });
});

describe('export to a server-side file (the CLI route)', () => {
  it('writes the file and answers what it wrote', async () => {
    const to = join(s.dir, 'files', 'out.csv');
    const res = await s.call('/api/export/file', { json: { table: 'orders', to } });
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ rows: 2, path: to, format: 'csv' });
    expect(readFileSync(to, 'utf8')).toBe('id,region,amount\n1,EU,10.5\n2,US,\n');
  });

  it('refuses an unknown extension in the error shape', async () => {
    const to = join(s.dir, 'files', 'out.pdf');
    const res = await s.call('/api/export/file', { json: { table: 'orders', to } });
    expect(res.status).toBe(400);
    expect((await body(res)).error).toEqual({
      code: 'user_error',
      message: `Can't export to ${to}: the extension ".pdf" is not one Sightline can write.`,
      hints: ['Use one of: .csv, .parquet, .json, .xlsx.'],
    });
    expect(existsSync(to)).toBe(false);
  });
});
