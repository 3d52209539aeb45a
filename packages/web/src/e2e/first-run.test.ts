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
