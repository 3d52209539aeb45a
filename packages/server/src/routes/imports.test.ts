import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportOutcome, ImportPreview, RejectedRow } from '@sightline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, ORIGIN, type TestServer, testServer } from '../test-support.js';
import type { UploadInfo } from '../uploads.js';

// 20 data rows; line 4 (the header is line 1) has an amount that is not a number.
const CSV = `id;amount;day\n${Array.from({ length: 20 }, (_, i) => `${i + 1};${i === 2 ? 'oops' : `${i}.5`};2026-01-${String(i + 1).padStart(2, '0')}`).join('\n')}\n`;

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
});
afterAll(async () => s.close());

async function upload(name: string, content: string): Promise<UploadInfo> {
  const res = await s.call(`/api/uploads?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(Buffer.byteLength(content)),
    },
    body: content,
  });
  expect(res.status).toBe(201);
  return body<UploadInfo>(res);
}

describe('uploads', () => {
  it('streams the body to disk and reports its size', async () => {
    const info = await upload('../../etc/orders.csv', CSV);
    expect(info).toEqual({
      id: info.id,
      name: 'orders.csv',
      state: 'done',
      bytesReceived: Buffer.byteLength(CSV),
      bytesExpected: Buffer.byteLength(CSV),
    });
    expect(existsSync(join(s.workspace.tmpDir, 'uploads', info.id, 'orders.csv'))).toBe(true);
    expect(await body<UploadInfo>(await s.call(`/api/uploads/${info.id}`))).toEqual(info);
    expect((await s.call(`/api/uploads/${info.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await s.call(`/api/uploads/${info.id}`)).status).toBe(404);
  });

  it('is not held to the JSON body limit', async () => {
    const big = `id\n${Array.from({ length: 300_000 }, (_, i) => i).join('\n')}\n`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    const info = await upload('big.csv', big);
    expect(info.bytesReceived).toBe(Buffer.byteLength(big));
    const res = await s.call('/api/imports', { json: { upload: info.id } });
    expect(res.status).toBe(200);
    expect((await body<ImportOutcome[]>(res))[0]).toMatchObject({ table: 'big', rows: 300_000, rejected: 0 });
  });

  it('reports progress while the body is still arriving', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const stream = new ReadableStream<Uint8Array>({
      async start(c) {
        c.enqueue(new TextEncoder().encode('id\n1\n'));
        await gate;
        c.enqueue(new TextEncoder().encode('2\n'));
        c.close();
      },
    });
    const pending = s.call('/api/uploads?name=slow.csv', {
      method: 'POST',
      body: stream,
      headers: { 'content-length': '7' },
      duplex: 'half',
    } as RequestInit);
    let seen: UploadInfo | undefined;
    for (let i = 0; i < 200 && seen?.bytesReceived !== 5; i++) {
      await new Promise((r) => setTimeout(r, 10));
      seen = (await body<UploadInfo[]>(await s.call('/api/uploads'))).find((u) => u.name === 'slow.csv');
    }
    expect(seen).toEqual({
      id: seen?.id,
      name: 'slow.csv',
      state: 'receiving',
      bytesReceived: 5,
      bytesExpected: 7,
    });
    release();
    const done = await body<UploadInfo>(await pending);
    expect(done).toEqual({
      id: seen?.id,
      name: 'slow.csv',
      state: 'done',
      bytesReceived: 7,
      bytesExpected: 7,
    });
  });

  it('needs a name and the token', async () => {
    const res = await s.call('/api/uploads', { method: 'POST', body: 'x' });
    expect(res.status).toBe(400);
    expect((await body(res)).error.message).toBe(
      'The query string is not valid: "name": Invalid input: expected string, received undefined.',
    );
    const anon = await s.app.request(`${ORIGIN}/api/uploads?name=a.csv`, { method: 'POST', body: 'x' });
    expect(anon.status).toBe(401);
  });
});

describe('import preview and import', () => {
  it('previews an upload with overrides: sniffed options, types, sample rows and rejects with line numbers', async () => {
    const info = await upload('orders.csv', CSV);
    const res = await s.call('/api/imports/preview', {
      json: { upload: info.id, options: { columnTypes: { amount: 'DECIMAL(10,2)' } } },
    });
    expect(res.status).toBe(200);
    const preview = await body<ImportPreview>(res);
    expect(preview.detected).toMatchObject({ format: 'csv', delimiter: ';', header: true });
    expect(preview.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'amount', type: 'DECIMAL(10,2)' },
      { name: 'day', type: 'DATE' },
    ]);
    expect(preview.rows.length).toBe(19);
    // The engine's preview gives sample values as text (see the report); the types are in `columns`.
    expect(preview.rows[0]).toEqual({ id: '1', amount: '0.50', day: '2026-01-01' });
    expect(preview.rejects.map((r: RejectedRow) => [r.file, r.line, r.column])).toEqual([
      ['orders.csv', 4, 'amount'],
    ]);
    expect(
      (await body<unknown[]>(await s.call('/api/tables'))).some(
        (t) => (t as { table: string }).table === 'orders',
      ),
    ).toBe(false);
  });

  it('imports an upload with the user overrides, keeps rejects, and removes the upload', async () => {
    const info = await upload('orders.csv', CSV);
    const res = await s.call('/api/imports', {
      json: { upload: info.id, options: { as: 'orders', columnTypes: { amount: 'VARCHAR' } } },
    });
    expect(res.status).toBe(200);
    const [outcome] = await body<ImportOutcome[]>(res);
    expect(outcome).toMatchObject({
      table: 'orders',
      rows: 20,
      columns: 3,
      rejected: 0,
      files: ['orders.csv'],
    });
    expect(outcome!.detected.types).toEqual({ id: 'BIGINT', amount: 'VARCHAR', day: 'DATE' });
    expect((await s.call(`/api/uploads/${info.id}`)).status).toBe(404);
    const again = await s.call('/api/imports', { json: { upload: info.id } });
    expect(again.status).toBe(404);
  });

  it('imports a server-side path (the CLI route) and lists its rejects', async () => {
    const path = join(s.dir, 'files', 'sales.csv');
    writeFileSync(path, CSV);
    const res = await s.call('/api/imports', {
      json: { paths: [path], options: { columnTypes: { amount: 'DECIMAL(10,2)' } } },
    });
    expect(res.status).toBe(200);
    const [outcome] = await body<ImportOutcome[]>(res);
    expect(outcome).toMatchObject({ table: 'sales', rows: 19, rejected: 1 });
    const rejects = await body<RejectedRow[]>(await s.call('/api/tables/sales/rejects'));
    expect(rejects.map((r) => [r.line, r.column])).toEqual([[4, 'amount']]);
    expect((await s.call('/api/tables/nope/rejects')).status).toBe(404);
  });

  it('answers user mistakes in the error shape', async () => {
    const both = await s.call('/api/imports', { json: { upload: 'x', paths: ['y'] } });
    expect(both.status).toBe(400);
    expect((await body(both)).error.message).toBe(
      'Say what to import: one of "upload" (an upload id), "file" (a workspace file) or "paths".',
    );
    const missing = await s.call('/api/imports', { json: { paths: [join(s.dir, 'nope.csv')] } });
    expect(missing.status).toBe(400);
    expect((await body(missing)).error.code).toBe('user_error');
    const exists = await s.call('/api/imports', { json: { paths: [join(s.dir, 'files', 'sales.csv')] } });
    expect(exists.status).toBe(400);
    expect((await body(exists)).error.code).toBe('user_error');
    const badMode = await s.call('/api/imports', { json: { paths: ['a.csv'], options: { mode: 'merge' } } });
    expect(badMode.status).toBe(400);
    expect((await body(badMode)).error.code).toBe('bad_request');
    const unknownUpload = await s.call('/api/imports/preview', { json: { upload: 'nope' } });
    expect(unknownUpload.status).toBe(404);
  });
});
