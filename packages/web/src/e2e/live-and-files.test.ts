import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PgCluster, startPostgres } from '@sightline/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkbench, type Workbench } from './harness.js';

let wb: Workbench;
let pg: PgCluster;

beforeAll(async () => {
  [wb, pg] = await Promise.all([startWorkbench(), startPostgres()]);
  // A table in the live database, made through Sightline itself (pushed down).
  const conf = join(wb.workspaceDir, 'sightline.json');
  const config = JSON.parse(readFileSync(conf, 'utf8')) as { connections: Record<string, unknown> };
  config.connections.warehouse = { kind: 'postgres', url: pg.url };
  writeFileSync(conf, JSON.stringify(config), { mode: 0o600 });
  mkdirSync(join(wb.workspaceDir, 'files'), { recursive: true });
  writeFileSync(join(wb.workspaceDir, 'files', 'plans.csv'), 'plan,price\nfree,0\npro,12\nteam,30\n');
}, 60_000);
afterAll(async () => {
  await wb?.close();
  await pg?.stop();
});

async function statusText(page: Page): Promise<string> {
  return (await page.getByTestId('result-status').textContent()) ?? '';
}

describe('live connections and workspace files in the catalog', () => {
  it('runs SQL on a live PostgreSQL connection from the editor, pushed down, with its dialect for sorting', async () => {
    const page = await wb.open();
    // Create data in PostgreSQL through the UI: a tab that runs on the connection.
    await page.getByRole('combobox', { name: 'Run on' }).selectOption('warehouse');
    const editor = page.locator('.cm-content');
    await editor.click();
    await editor.fill(
      "CREATE TABLE deals AS SELECT g AS id, (ARRAY['won','lost','open'])[1 + g % 3] AS stage, g * 10 AS amount FROM generate_series(1, 30) g",
    );
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => statusText(page)).toContain('ran on warehouse');

    // The catalog lists the connection's tables; clicking one opens a tab that runs there.
    await page.getByRole('button', { name: 'Show tables of warehouse' }).click();
    await page.getByRole('button', { name: /^deals/ }).click();
    await expect.poll(() => statusText(page)).toMatch(/30\s*rows.*ran on warehouse/);
    expect(await page.getByRole('combobox', { name: 'Run on' }).inputValue()).toBe('warehouse');

    // current_setting() exists only in PostgreSQL: the query ran there.
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await editor.fill(
      "SELECT stage, sum(amount)::int AS total, current_setting('server_version_num') AS pg FROM deals GROUP BY stage",
    );
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => statusText(page)).toMatch(/3\s*rows/);
    await expect.poll(() => page.getByRole('gridcell').allTextContents()).toContain('won');
    // Sorting re-runs the query there, ordered by the engine.
    await page
      .getByRole('button', { name: /Sort by total/ })
      .first()
      .click();
    await expect.poll(() => statusText(page)).toContain('sorted by total');
    const rows = await Promise.all(
      [2, 3, 4].map((i) =>
        page.locator(`[role=row][aria-rowindex="${i}"] [role=gridcell]`).allTextContents(),
      ),
    );
    // sum(g * 10) per stage for g = 1..30: lost (g % 3 = 1) 1,450; open 1,550; won 1,650.
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['lost', '1,450'],
      ['open', '1,550'],
      ['won', '1,650'],
    ]);
  });

  it('asks a question of a live PostgreSQL table by clicking: its SQL is written for PostgreSQL and runs there', async () => {
    const page = await wb.open();
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Ask' }).click();
    // `deals` was made in the warehouse by the first test.
    await page
      .getByRole('region', { name: 'Tables of warehouse' })
      .getByRole('button', { name: 'List the tables of warehouse' })
      .click();
    await page
      .getByRole('list', { name: 'Tables of warehouse to start from' })
      .getByRole('button', { name: /^deals/ })
      .click();
    await expect.poll(() => page.locator('.ask-source').textContent()).toContain('on warehouse');
    await expect.poll(() => page.locator('.ask-source').textContent()).toContain('3 columns');

    await page.getByRole('button', { name: '+ Summarise' }).click();
    const summary = page.getByRole('region', { name: /^Step 1: / });
    await summary.getByLabel('Calculation').selectOption('sum');
    await summary.getByLabel('Column to calculate').selectOption('amount');
    await summary.getByRole('button', { name: '+ Group' }).click();
    await summary.getByLabel('Group by column').first().selectOption('stage');
    await expect.poll(() => page.getByTestId('ask-sql').textContent()).toContain('FROM "public"."deals"');

    await page.getByRole('main', { name: 'ask' }).getByRole('button', { name: /^Run/ }).click();
    const status = page.getByRole('main', { name: 'ask' }).getByTestId('result-status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/3\s*rows.*ran on warehouse/);
    // sum(g * 10) per stage for g = 1..30: lost 1,450; open 1,550; won 1,650.
    const cells = await page.getByRole('main', { name: 'ask' }).getByRole('gridcell').allTextContents();
    for (const v of ['lost', 'open', 'won', '1,450', '1,550', '1,650']) expect(cells).toContain(v);
    // The workspace has no table deals: the answer can only have come from PostgreSQL.
    expect(await wb.sql(`SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name = 'deals'`)).toEqual(
      [{ n: 0 }],
    );
  });

  it('lists workspace files and imports one in a click', async () => {
    const page = await wb.open();
    await page.getByRole('button', { name: 'plans.csv' }).click();
    await page
      .getByRole('button', { name: /^Import/ })
      .last()
      .click();
    await expect.poll(() => statusText(page)).toMatch(/3\s*rows/);
    const rows = await wb.sql('SELECT plan, price FROM plans ORDER BY price');
    expect(rows).toEqual([
      { plan: 'free', price: 0 },
      { plan: 'pro', price: 12 },
      { plan: 'team', price: 30 },
    ]);
  });
});
