import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorkbench, type Workbench } from './harness.js';

// Its own server: the workspace must start empty.
let wb: Workbench;
beforeAll(async () => {
  wb = await startWorkbench();
});
afterAll(async () => {
  await wb?.close();
});

it('the first run on an empty workspace offers the sample data in one click, then shows it', async () => {
  const page = await wb.open();
  const load = page.getByRole('button', { name: 'Load sample data' });
  await load.waitFor();
  await load.click();
  await page.getByRole('button', { name: 'events', exact: true }).waitFor({ timeout: 30_000 });
  await page.getByText('page_view').first().waitFor({ timeout: 15_000 });
  const tables = (await wb.sql('SELECT count(*) AS n FROM users'))[0];
  expect(tables).toEqual({ n: 20_000 });
  await page.close();
}, 60_000);

it('a failed query teaches in plain words and its fix is one click away', async () => {
  const page = await wb.open();
  const editor = page.locator('.cm-content');
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await editor.fill('SELECT country, count(*) FROM users');
  await page.keyboard.press('Control+Enter');
  const error = page.getByTestId('error');
  await error.getByText('Column "country" is shown but not grouped or summarised (line 1, col 8).').waitFor();
  await page.getByRole('button', { name: 'Group by country too' }).click();
  expect(await editor.textContent()).toBe('SELECT country, count(*) FROM users GROUP BY country');
  await page.keyboard.press('Control+Enter');
  await page.getByText('21 rows').first().waitFor({ timeout: 15_000 });
  await page.close();
}, 60_000);
