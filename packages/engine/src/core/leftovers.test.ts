import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sightline/testkit';
import { afterAll, expect, test } from 'vitest';
import { Workspace } from './workspace.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

test('opening a workspace removes what a killed import left behind, and keeps the user tables', async () => {
  const root = join(dir.path, 'ws');
  let ws = await Workspace.open(root);
  await ws.engine.query('CREATE TABLE orders AS SELECT 1 AS id');
  await ws.engine.query('CREATE TABLE __sightline_import_abc AS SELECT 1 AS half_done');
  expect((await ws.engine.tables()).map((t) => t.table)).toEqual(['orders']);
  await ws.close();
  mkdirSync(join(root, 'tmp', 'import-xyz'), { recursive: true });
  writeFileSync(join(root, 'tmp', 'import-xyz', 'part.txt'), 'half');
  writeFileSync(join(root, 'tmp', 'keep-me.txt'), 'not ours to remove');

  ws = await Workspace.open(root);
  const left = await ws.engine.query(
    "SELECT count(*) AS n FROM duckdb_tables() WHERE starts_with(table_name, '__sightline_')",
  );
  expect(left.rows).toEqual([{ n: 0 }]);
  expect((await ws.engine.tables()).map((t) => t.table)).toEqual(['orders']);
  expect(existsSync(join(root, 'tmp', 'import-xyz'))).toBe(false);
  expect(existsSync(join(root, 'tmp', 'keep-me.txt'))).toBe(true);
  await ws.close();
});
