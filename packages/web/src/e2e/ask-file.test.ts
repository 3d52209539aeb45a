import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorkbench, type Workbench } from './harness.js';

let wb: Workbench;
beforeAll(async () => {
  wb = await startWorkbench();
  mkdirSync(join(wb.workspaceDir, 'files'), { recursive: true });
  writeFileSync(
    join(wb.workspaceDir, 'files', 'plans.csv'),
    'plan,price,seats\nfree,0,1\npro,12,5\nteam,30,20\n',
  );
});
afterAll(async () => {
  await wb?.close();
});

it('asks a question of a workspace file without importing it', async () => {
  const page = await wb.open();
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Ask' }).click();
  await page
    .getByRole('list', { name: 'Files to start from' })
    .getByRole('button', { name: /plans\.csv/ })
    .click();
  await expect.poll(() => page.locator('.ask-source').textContent()).toContain('3 columns');
  await page.getByRole('button', { name: /^Run/ }).click();
  await page.getByTestId('result-status').getByText('3 rows').waitFor({ timeout: 15_000 });
  const sql = await page.locator('.ask').textContent();
  expect(sql).toContain(join(wb.workspaceDir, 'files', 'plans.csv'));
  // The answer is still there after a visit to the SQL area.
  const areas = page.getByRole('navigation', { name: 'Areas' });
  await areas.getByRole('button', { name: 'SQL' }).click();
  await areas.getByRole('button', { name: 'Ask' }).click();
  expect(await page.getByRole('main', { name: 'ask' }).getByTestId('result-status').textContent()).toContain(
    '3 rows',
  );
  // Nothing was imported: the catalog has no table.
  expect(await wb.sql('SELECT count(*) AS n FROM duckdb_tables() WHERE NOT internal')).toEqual([{ n: 0 }]);
});
