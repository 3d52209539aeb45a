import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportOutcome } from '@sightline/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { body, type TestServer, testServer } from '../test-support.js';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
  mkdirSync(s.workspace.filesDir, { recursive: true });
  writeFileSync(join(s.workspace.filesDir, 'plans.csv'), 'plan,price\nfree,0\npro,12\nteam,30\n');
  writeFileSync(join(s.workspace.filesDir, '.hidden'), 'x');
  mkdirSync(join(s.workspace.filesDir, 'folder'));
  writeFileSync(join(s.dir, 'outside.csv'), 'a\n1\n');
});
afterAll(async () => s.close());

it("lists the workspace's files in the catalog (no hidden files, no folders)", async () => {
  const cat = await body<{ files: { name: string; bytes: number; modified: string }[] }>(
    await s.call('/api/catalog'),
  );
  expect(cat.files).toEqual([
    {
      name: 'plans.csv',
      path: join(s.workspace.filesDir, 'plans.csv'),
      bytes: 33,
      modified: expect.stringMatching(/^\d{4}-/),
    },
  ]);
});

it('previews and imports a workspace file by name', async () => {
  const preview = await s.call('/api/imports/preview', { json: { file: 'plans.csv' } });
  expect(preview.status).toBe(200);
  expect((await body<{ columns: { name: string }[] }>(preview)).columns.map((c) => c.name)).toEqual([
    'plan',
    'price',
  ]);
  const made = await s.call('/api/imports', { json: { file: 'plans.csv' } });
  expect(made.status).toBe(200);
  const [outcome] = await body<ImportOutcome[]>(made);
  expect(outcome).toMatchObject({ table: 'plans', rows: 3, columns: 2, rejected: 0 });
});

it('refuses a name that leaves the files folder, and says which when one is missing', async () => {
  for (const name of ['../outside.csv', '.hidden', 'folder/../../outside.csv', 'nope.csv']) {
    const res = await s.call('/api/imports/preview', { json: { file: name } });
    expect(res.status, name).toBe(404);
    const err = (await body<{ error: { message: string } }>(res)).error;
    expect(err.message).toBe(`There is no file "${name}" in the workspace's files folder.`);
  }
  const two = await s.call('/api/imports', { json: { file: 'plans.csv', paths: ['x'] } });
  expect(two.status).toBe(400);
});

it("reports an import's progress under the id the client picked, and refuses a bad id", async () => {
  const made = await s.call('/api/imports', {
    json: { file: 'plans.csv', options: { as: 'plans_again' }, progressId: 'test-progress-1' },
  });
  expect(made.status).toBe(200);
  const p = await body<{ bytesRead: number; bytesTotal: number; done: boolean }>(
    await s.call('/api/imports/progress/test-progress-1'),
  );
  expect(p).toMatchObject({ bytesTotal: 33, done: true });
  expect(p.bytesRead).toBeLessThanOrEqual(33);
  expect((await s.call('/api/imports/progress/unknown-id-1')).status).toBe(404);
  const bad = await s.call('/api/imports', { json: { file: 'plans.csv', progressId: 'x y' } });
  expect(bad.status).toBe(400);
});
