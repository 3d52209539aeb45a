import type { Page } from 'playwright-core';
import { median } from './stats.js';

/** The path of a page resource inside the built app (`/assets/x.js`). */
export function fromUrl(url: string): string {
  return new URL(url).pathname;
}

/** The p-th percentile (0..1) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const ROW_HEIGHT = 28;
const HEADER = 44;
const MAX_SCROLL_HEIGHT = 15_000_000;

/** Drives the workbench page the way a person does: the editor, Run, the grid, the import screen. */
export function uiPage(page: Page) {
  let lastEngineMs = 0;
  page.on('response', async (res) => {
    if (!/\/api\/queries\/[^/]+$/.test(new URL(res.url()).pathname) || res.request().method() !== 'GET')
      return;
    try {
      const body = (await res.json()) as { state?: string; elapsedMs?: number };
      if (body.state === 'done' && typeof body.elapsedMs === 'number') lastEngineMs = body.elapsedMs;
    } catch {
      // Not JSON (the page went away): ignored.
    }
  });

  const setSql = async (sql: string) => {
    const editor = page.locator('.cm-content');
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await editor.fill(sql);
  };

  return {
    /** Clicks Run and times it until a cell of the new result is painted (next animation frame). */
    async runToFirstRows(sql: string, marker: string): Promise<{ totalMs: number; engineMs: number }> {
      await setSql(`SELECT '${marker}' AS marker, * FROM (${sql}) q`);
      lastEngineMs = -1;
      const totalMs = await page.evaluate(
        (m) =>
          new Promise<number>((resolve) => {
            const run = [...document.querySelectorAll('button')].find((b) =>
              b.title.startsWith('Run the selection'),
            );
            const t0 = performance.now();
            run?.click();
            const tick = () => {
              const cell = document.querySelector('[role=row][aria-rowindex="2"] [role=gridcell]');
              if (cell?.textContent === m) requestAnimationFrame(() => resolve(performance.now() - t0));
              else requestAnimationFrame(tick);
            };
            tick();
          }),
        marker,
      );
      for (let i = 0; i < 50 && lastEngineMs < 0; i++) await page.waitForTimeout(20);
      return { totalMs, engineMs: Math.max(lastEngineMs, 0) };
    },

    /** Runs `sql`, then jumps to random rows of its result and times the page fetches and the rows appearing. */
    async scrollJumps(sql: string, rowCount: number, jumps: number) {
      await setSql(sql);
      await page.keyboard.press('Control+Enter');
      await page
        .getByTestId('result-status')
        .getByText(`${rowCount.toLocaleString('en-US')} rows`)
        .waitFor({ timeout: 120_000 });
      const grid = page.getByTestId('result-grid');
      const viewport = await grid.evaluate((el, h) => el.clientHeight - h, HEADER);
      await page.evaluate(() => performance.clearResourceTimings());
      let seed = 42;
      const jumpsMs: number[] = [];
      for (let i = 0; i < jumps; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const target = seed % (rowCount - 50);
        const totalHeight = Math.min(rowCount * ROW_HEIGHT, MAX_SCROLL_HEIGHT);
        const top = (target / (rowCount - viewport / ROW_HEIGHT)) * (totalHeight - viewport);
        const t0 = Date.now();
        await grid.evaluate((el, t) => {
          el.scrollTop = t;
        }, top);
        await page.locator('[role=row] [role=gridcell]').first().waitFor();
        await page.waitForFunction(() => !document.querySelector('[data-testid=result-grid] .grid-loading'));
        jumpsMs.push(Date.now() - t0);
      }
      const fetches = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes('/rows?'))
          .map((e) => (e as PerformanceResourceTiming).responseEnd - e.startTime),
      );
      return {
        pageFetchMedianMs: median(fetches) ?? 0,
        pageFetchP95Ms: percentile(fetches, 0.95),
        jumpToRowsMedianMs: median(jumpsMs) ?? 0,
        jumps: fetches.length,
      };
    },

    /** Picks the file in the page's file input, waits for the preview, imports, and waits for the new table's rows. */
    async uploadAndImport(file: string, table: string, rows: number) {
      const t0 = Date.now();
      await page.getByTestId('file-input').setInputFiles(file);
      const importButton = page.getByRole('button', { name: /^Import as / });
      await importButton.waitFor({ timeout: 30 * 60_000 });
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('button')].some(
            (b) => b.textContent?.startsWith('Import as ') && !(b as HTMLButtonElement).disabled,
          ),
        undefined,
        { timeout: 30 * 60_000 },
      );
      const t1 = Date.now();
      const name = page.getByLabel(/table name/i);
      if ((await name.count()) > 0) await name.first().fill(table);
      await importButton.click();
      await page
        .getByTestId('result-status')
        .getByText(`${rows.toLocaleString('en-US')} rows`)
        .waitFor({ timeout: 30 * 60_000 });
      const t2 = Date.now();
      return { uploadAndPreviewMs: t1 - t0, importMs: t2 - t1, totalMs: t2 - t0 };
    },
  };
}
