import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../format/format.js';
import { scrollTopForRow } from '../grid/virtual-window.js';
import { startWorkbench, type Workbench } from './harness.js';

let wb: Workbench;

beforeAll(async () => {
  wb = await startWorkbench();
  await wb.sql(`CREATE TABLE orders AS SELECT i AS id, DATE '2026-03-01' + (i % 3)::INTEGER AS day,
    ['north', 'south', 'east', 'west'][1 + i % 4] AS region, (i * 37 % 100) / 4 AS amount FROM range(1, 41) t(i)`);
});
afterAll(async () => {
  await wb?.close();
});

async function runSql(page: Page, sql: string): Promise<void> {
  const editor = page.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await editor.fill(sql);
  await page.keyboard.press('Control+Enter');
}

function cells(page: Page, rowIndex: number) {
  return page.locator(`[role=row][aria-rowindex="${rowIndex + 2}"] [role=gridcell]`).allTextContents();
}

describe('the web workbench in Chromium', () => {
  it('opens with the token link, keeps it out of the address bar, and loads under 400 KB of JavaScript', async () => {
    const context = await wb.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('response', (res) => {
      if (res.url().endsWith('.js')) scripts.push(res.url());
    });
    await page.goto(wb.server.url);
    await page.getByRole('button', { name: 'orders', exact: true }).waitFor();
    expect(page.url()).toBe(`${wb.origin}/`);
    const cookie = (await context.cookies()).find((c) => c.name === 'sightline_token');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await page.getByText('40', { exact: true }).first().waitFor();

    let gzipped = 0;
    for (const url of scripts) {
      const file = new URL(url).pathname;
      gzipped += gzipSync(readFileSync(`${wb.dist}${file}`)).length;
    }
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.some((s) => /embed|vega/i.test(s))).toBe(false);
    expect(gzipped).toBeLessThan(400 * 1024);
    await context.close();
  });

  it('refuses requests without the token and requests from a foreign Origin', async () => {
    const anonymous = await fetch(`${wb.origin}/api/catalog`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const foreign = await fetch(`${wb.origin}/api/catalog`, {
      headers: { authorization: `Bearer ${wb.server.token}`, origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('forbidden_origin');
    const page = await wb.open();
    // The page's own origin works with the cookie alone.
    const status = await page.evaluate(async () => (await fetch('/api/tables')).status);
    expect(status).toBe(200);
    await page.context().close();
  });

  it('runs SQL with Ctrl+Enter, shows the right rows, underlines an error, and exports the CSV', async () => {
    const page = await wb.open();
    const grouped =
      'SELECT region, count(*) AS orders, sum(id) AS ids FROM orders GROUP BY region ORDER BY region';
    await runSql(page, grouped);
    await page.getByTestId('result-status').getByText('4 rows').waitFor();
    await page.locator('[aria-rowindex="5"] [role=gridcell]').first().waitFor();
    expect(await wb.sql(grouped)).toEqual([
      { region: 'east', orders: 10, ids: 200 },
      { region: 'north', orders: 10, ids: 220 },
      { region: 'south', orders: 10, ids: 190 },
      { region: 'west', orders: 10, ids: 210 },
    ]);
    await expect.poll(() => cells(page, 0)).toEqual(['east', '10', '200']);
    expect(await cells(page, 3)).toEqual(['west', '10', '210']);

    // Run only the selected second statement: the underline lands on its error, offset by the selection.
    await runSql(page, 'SELECT 1 AS one;\nSELECT regoin FROM orders');
    await page.getByTestId('error').waitFor();
    expect(await page.locator('.cm-sql-error').textContent()).toBe('regoin');
    await page.locator('.cm-line').nth(0).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('result-status').getByText('1 row').waitFor();
    expect(await page.locator('.cm-sql-error').count()).toBe(0);
    await page.locator('.cm-line').nth(1).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('error').waitFor();
    expect(await page.locator('.cm-sql-error').textContent()).toBe('regoin');
    expect(await page.locator('.cm-sql-error').evaluate((el) => el.closest('.cm-line')?.textContent)).toBe(
      'SELECT regoin FROM orders',
    );
    expect(await page.getByTestId('error').textContent()).toMatch(/regoin/);
    await page.getByRole('button', { name: 'Use region' }).click();
    expect(await page.locator('.cm-line').nth(1).textContent()).toBe('SELECT region FROM orders');

    await runSql(page, 'SELECT id, day, region FROM orders WHERE id <= 3 ORDER BY id');
    await page.getByTestId('result-status').getByText('3 rows').waitFor();
    await expect.poll(() => cells(page, 0)).toEqual(['1', 'Mon 2 Mar 2026', 'south']);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    expect(readFileSync(file, 'utf8')).toBe(
      'id,day,region\n1,2026-03-02,south\n2,2026-03-03,east\n3,2026-03-01,west\n',
    );
    await page.context().close();
  });

  it('uploads a messy CSV by dropping it on the page, fixes a column type, imports, and opens the table', async () => {
    const page = await wb.open();
    const csv = [
      'order id;customer;ordered on;amount',
      '1;Ann;2026-01-05;10,50',
      '2;Bob;2026-01-06;7,00',
      '3;Cy;2026-01-07;3,25;oops',
      ...Array.from(
        { length: 12 },
        (_, i) => `${i + 4};P${i};2026-01-${String(i + 8).padStart(2, '0')};1,00`,
      ),
    ].join('\n');
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'Orders (EU).csv', { type: 'text/csv' }));
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    }, csv);
    const screen = page.getByTestId('import-screen');
    await screen.locator('.import-summary').waitFor();
    expect(await screen.getByRole('heading', { name: /rejected/ }).textContent()).toBe(
      "Rows that don't fit (rejected): 1",
    );
    expect(await screen.getByTestId('rejects').locator('tbody td').first().textContent()).toBe('4');
    const idType = screen.getByLabel('Type of order id');
    expect(await idType.inputValue()).toBe('BIGINT');
    await idType.selectOption('VARCHAR');
    await screen.locator('select.overridden').waitFor();
    await screen.getByRole('button', { name: 'Import as orders_eu' }).click();
    await page.getByRole('tab', { name: 'orders_eu' }).waitFor();
    await page.getByTestId('result-status').getByText('14 rows').waitFor();
    const rows = await wb.sql(`SELECT typeof("order id") AS t, count(*) AS n FROM orders_eu GROUP BY 1`);
    expect(rows).toEqual([{ t: 'VARCHAR', n: 14 }]);
    await page.locator('.catalog-name', { hasText: 'orders_eu' }).waitFor();
    await page.context().close();
  });

  it('shows the progress of a large upload with a number, and cancels it', async () => {
    const page = await wb.open();
    // Slow the browser's uploads to 400 KB/s so a 1.3 MB file takes about 3 s.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 400_000,
    });
    const body = `id,name\n${Array.from({ length: 80_000 }, (_, i) => `${i},name ${i}`).join('\n')}\n`;
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(body) });
    const progress = page.getByTestId('upload-progress');
    await expect
      .poll(async () => (await progress.textContent()) ?? '', { timeout: 10_000 })
      .toMatch(
        new RegExp(`^Uploading big\\.csv: \\d+\\.\\d KB of ${formatBytes(body.length)} \\([1-9]\\d?%\\) · `),
      );
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('The upload of big.csv was cancelled; nothing was imported.').waitFor();
    expect(await progress.count()).toBe(0);
    await page.context().close();
  });

  it('scrolls to row 1,000,000 of a 10-million-row result', async () => {
    const page = await wb.open();
    await runSql(page, 'SELECT i AS n, i % 7 AS bucket FROM range(10000000) t(i)');
    await page.getByTestId('result-status').getByText('10,000,000 rows').waitFor({ timeout: 30_000 });
    const grid = page.getByTestId('result-grid');
    const viewport = await grid.evaluate((el) => el.clientHeight - 44);
    const target = 999_999; // the row labelled 1,000,000
    await grid.evaluate(
      (el, top) => {
        el.scrollTop = top;
      },
      scrollTopForRow(target, 10_000_000, 28, viewport),
    );
    await page
      .locator(`[role=row][aria-rowindex="${target + 2}"] [role=gridcell]`)
      .first()
      .waitFor();
    await expect.poll(() => cells(page, target)).toEqual(['999,999', '0']);
    expect(await page.locator(`[aria-rowindex="${target + 2}"] [role=rowheader]`).textContent()).toBe(
      '1,000,000',
    );
    await page.context().close();
  });

  it('makes a bar chart from a result (aggregated by the engine) and draws it with Vega-Lite', async () => {
    const page = await wb.open();
    await runSql(page, 'SELECT region, amount FROM orders');
    await page.getByTestId('result-status').getByText('40 rows').waitFor();
    await page.getByRole('tab', { name: 'Chart' }).click();
    const panel = page.getByTestId('chart-panel');
    expect(await panel.getByLabel('Chart', { exact: true }).inputValue()).toBe('bar');
    expect(await panel.getByLabel('X axis').inputValue()).toBe('region');
    await panel.locator('[data-testid=chart] svg .mark-rect path').first().waitFor({ timeout: 20_000 });
    expect(await panel.locator('[data-testid=chart] svg .mark-rect path').count()).toBe(4);
    const svg = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'SVG' }).click();
    const saved = await svg;
    expect(saved.suggestedFilename()).toBe('chart.svg');
    expect(readFileSync(await saved.path(), 'utf8')).toMatch(/^<svg[\s\S]*north[\s\S]*<\/svg>$/);
    await page.context().close();
  });

  it('refreshes the catalog after SQL that creates a table', async () => {
    const page = await wb.open();
    await runSql(page, 'CREATE TABLE made_in_editor AS SELECT 1 AS x');
    await page.locator('.catalog-name', { hasText: 'made_in_editor' }).waitFor();
    await page.context().close();
  });

  it('keeps the tabs and their SQL across a reload', async () => {
    const page = await wb.open();
    await runSql(page, 'SELECT 1 AS first_tab');
    await page.getByRole('button', { name: 'New query tab' }).click();
    await page.locator('.cm-content').fill('SELECT 2 AS second_tab');
    await page.waitForTimeout(500); // tabs are saved 300 ms after the last change
    await page.reload();
    await page.getByRole('tab', { name: 'Query 2' }).waitFor();
    expect(await page.locator('.cm-content').textContent()).toBe('SELECT 2 AS second_tab');
    await page.getByRole('tab', { name: 'Query 1' }).click();
    expect(await page.locator('.cm-content').textContent()).toBe('SELECT 1 AS first_tab');
    await page.context().close();
  });

  it('opens a table from the command palette (Ctrl+K)', async () => {
    const page = await wb.open();
    await page.locator('.catalog-name', { hasText: 'orders' }).first().waitFor();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
    await page.keyboard.type('open orders');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: 'orders' }).waitFor();
    await page.getByTestId('result-status').getByText('40 rows').waitFor();
    await page.context().close();
  });

  it('shows a running query with progress and cancels it with Esc', async () => {
    const page = await wb.open();
    await runSql(page, 'SELECT count(*) FROM range(100000000000) t(i) WHERE i % 7 = 3');
    await page.getByRole('button', { name: /Cancel/ }).waitFor();
    expect(await page.getByTestId('result-status').textContent()).toMatch(/^Running…/);
    await page.keyboard.press('Escape');
    await page.getByText(/^Cancelled after/).waitFor({ timeout: 10_000 });
    await page.context().close();
  });
});
