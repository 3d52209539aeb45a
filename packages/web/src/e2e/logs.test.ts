import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorkbench, type Workbench } from './harness.js';

let wb: Workbench;
beforeAll(async () => {
  wb = await startWorkbench();
});
afterAll(async () => {
  await wb?.close();
});

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');
const nginxTime = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
};

/** 4,000 requests in nginx "combined" format, one every 43 s over two days, with a burst of 502s on day two. */
function accessLog(): string {
  const start = Date.parse('2026-10-30T00:00:00Z');
  const paths = ['/', '/pricing', '/api/projects/{id}', '/app/reports/{id}', '/static/app.js'];
  const lines: string[] = [];
  for (let i = 0; i < 4000; i++) {
    const burst = i >= 2600 && i < 2700;
    const path = burst ? '/api/checkout' : paths[i % paths.length]!.replace('{id}', String((i * 7) % 91));
    const method = i % 9 === 0 ? 'POST' : 'GET';
    const status = burst && i % 2 === 0 ? 502 : i % 29 === 0 ? 404 : 200;
    const agent =
      i % 3 === 0 ? 'curl/8.5.0' : 'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0';
    lines.push(
      `10.0.${i % 5}.${(i % 200) + 1} - - [${nginxTime(start + i * 43_000)}] "${method} ${path} HTTP/1.1" ${status} ${200 + ((i * 37) % 4000)} "-" "${agent}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const countOf = (text: string | null) =>
  Number((text ?? '').match(/^([\d,]+) lines/)?.[1]?.replaceAll(',', ''));

it('imports an nginx log, shows its timeline and facets, brushes a span and filters to a pattern', async () => {
  const page = await wb.open();
  await page.getByTestId('file-input').setInputFiles({
    name: 'access.log',
    mimeType: 'text/plain',
    buffer: Buffer.from(accessLog()),
  });
  const screen = page.getByTestId('import-screen');
  await screen.getByRole('button', { name: /^Import as access/ }).click({ timeout: 20_000 });
  await page.locator('.catalog-name', { hasText: 'access' }).first().waitFor({ timeout: 20_000 });
  expect(await wb.sql('SELECT count(*) AS n, count(*) FILTER (status = 502) AS e FROM access')).toEqual([
    { n: 4000, e: 50 },
  ]);

  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Logs' }).click();
  const counts = page.getByTestId('log-counts');
  await counts.getByText('4,000').waitFor({ timeout: 20_000 });
  expect(await counts.textContent()).toMatch(/^4,000 lines50 errors\d+ warnings· 30-minute bars, UTC$/);
  const timeline = page.getByTestId('log-timeline');
  await timeline.waitFor();

  // Facets count what SQL counts.
  const statusFacet = page.locator('[data-facet="status"]');
  const facetText = await statusFacet.locator('.log-facet-value').allTextContents();
  const byStatus = await wb.sql('SELECT status, count(*) AS n FROM access GROUP BY 1 ORDER BY 2 DESC, 1');
  expect(facetText).toEqual(byStatus.map((r) => `${r.status}${Number(r.n).toLocaleString('en-US')}`));

  // Brush: drag across the middle of the timeline; everything narrows to that span.
  const box = (await timeline.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.45, box.y + 60);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + 60, { steps: 5 });
  await page.mouse.up();
  await page.locator('.logs-chip', { hasText: '–' }).waitFor();
  const wrap = page.locator('.log-timeline');
  await expect.poll(async () => countOf(await counts.textContent())).toBeLessThan(4000);
  const from = await wrap.getAttribute('data-from');
  const to = await wrap.getAttribute('data-to');
  expect(Date.parse(to!) - Date.parse(from!)).toBeGreaterThan(0);
  const [inRange] = await wb.sql(
    `SELECT count(*) AS n, max(ts) AS last FROM access WHERE ts >= '${from}'::TIMESTAMPTZ AND ts < '${to}'::TIMESTAMPTZ`,
  );
  await expect.poll(async () => countOf(await counts.textContent())).toBe(inRange!.n);
  await page.screenshot({ path: '/tmp/logs-brushed-light.png' });
  await page.getByRole('tab', { name: /^Lines/ }).click();
  const firstTime = page.getByTestId('log-rows').locator('tbody tr').first().locator('td').nth(1);
  await expect.poll(async () => firstTime.textContent()).toBe(formatUtc(String(inRange!.last)));
  await page.getByRole('button', { name: 'Show all fields' }).first().click();
  await page.screenshot({ path: '/tmp/logs-lines-light.png' });
  expect(await page.locator('.log-rows-foot').textContent()).toContain(
    `of ${Number(inRange!.n).toLocaleString('en-US')} lines`,
  );

  // Zoom back out, then click a pattern: the view narrows to its lines.
  await timeline.dblclick();
  await expect.poll(async () => countOf(await counts.textContent())).toBe(4000);
  await page.getByRole('tab', { name: /^Patterns/ }).click();
  const pattern = page.locator('.log-pattern', { hasText: 'GET /api/checkout' });
  await pattern.waitFor();
  const patternCount = Number(
    (await pattern.locator('.log-pattern-count').textContent())!.replaceAll(',', ''),
  );
  const [checkout] = await wb.sql(
    `SELECT count(*) AS n FROM access WHERE method = 'GET' AND path = '/api/checkout'`,
  );
  expect(patternCount).toBe(checkout!.n);
  await pattern.click();
  await expect.poll(async () => countOf(await counts.textContent())).toBe(checkout!.n);
  await expect.poll(async () => page.locator('.log-pattern').count()).toBe(1);
  await page.screenshot({ path: '/tmp/logs-pattern-light.png' });
  await page.context().close();

  const dark = await wb.open('dark');
  await dark.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Logs' }).click();
  await dark.getByTestId('log-counts').getByText('4,000').waitFor({ timeout: 20_000 });
  await dark.locator('.log-pattern').first().waitFor();
  await dark.screenshot({ path: '/tmp/logs-dark.png' });
  await dark.locator('[data-facet="status"] label', { hasText: '502' }).click();
  await expect.poll(async () => countOf(await dark.getByTestId('log-counts').textContent())).toBe(50);
  await dark.screenshot({ path: '/tmp/logs-dark-502.png' });
  await dark.context().close();
}, 90_000);

function formatUtc(iso: string): string {
  const d = new Date(iso);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return `${days[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** 3,000 JSON-lines app log entries, one every 30 s, with a run of payment timeouts (errors) in the middle. */
function appLog(): string {
  const start = Date.parse('2026-10-30T00:00:00Z');
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const ts = new Date(start + i * 30_000).toISOString();
    const entry =
      i >= 1500 && i < 1560
        ? {
            ts,
            level: 'error',
            service: 'billing',
            msg: `payment provider did not answer within ${8000 + i} ms`,
          }
        : i % 4 === 0
          ? { ts, level: 'warn', service: 'api', msg: `slow request ${i} took ${100 + (i % 900)} ms` }
          : {
              ts,
              level: 'info',
              service: i % 3 ? 'api' : 'worker',
              msg: `user ${1000 + (i % 97)} opened project ${i % 13}`,
            };
    lines.push(JSON.stringify(entry));
  }
  return `${lines.join('\n')}\n`;
}

it('a JSON app log: error spike and top patterns, then the view opens as SQL with the same lines', async () => {
  const page = await wb.open();
  await page.getByTestId('file-input').setInputFiles({
    name: 'app.log.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(appLog()),
  });
  await page
    .getByTestId('import-screen')
    .getByRole('button', { name: /^Import as / })
    .click({ timeout: 20_000 });
  await page.locator('.catalog-name', { hasText: /^app/ }).first().waitFor({ timeout: 20_000 });
  const table = String(
    (await wb.sql(`SELECT table_name AS t FROM information_schema.tables WHERE table_name LIKE 'app%'`))[0]!
      .t,
  );

  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Logs' }).click();
  await page.getByLabel('Log table').selectOption(table);
  const counts = page.getByTestId('log-counts');
  await counts.getByText('3,000').waitFor({ timeout: 20_000 });
  expect(await counts.textContent()).toMatch(/^3,000 lines60 errors735 warnings· /);
  const patterns = page.locator('.log-pattern');
  await patterns.first().waitFor();
  expect(await patterns.locator('.log-template').allTextContents()).toEqual([
    'user <NUM> opened project <NUM>',
    'slow request <NUM> took <NUM> ms',
    'payment provider did not answer within <NUM> ms',
  ]);
  await page.screenshot({ path: '/tmp/logs-app-light.png' });

  await page.getByLabel('Search the lines').fill('level:error');
  await page.getByLabel('Search the lines').press('Enter');
  await expect.poll(async () => countOf(await counts.textContent())).toBe(60);
  await page.getByRole('button', { name: 'Open as SQL' }).click();
  await page.getByTestId('result-status').getByText('60 rows').waitFor({ timeout: 20_000 });
  expect(await page.locator('.cm-content').textContent()).toContain(`ILIKE 'error' ESCAPE`);
  await page.context().close();
}, 90_000);

it('the sample workspace: its access and app logs show their error spikes and patterns (light and dark)', async () => {
  // Its own workspace: the sample's app_log would clash with the app_log imported above.
  const own = await startWorkbench();
  try {
    await sampleScreens(own);
  } finally {
    await own.close();
  }
}, 90_000);

async function sampleScreens(wb: Workbench) {
  const res = await fetch(`${wb.origin}/api/sample`, {
    method: 'POST',
    headers: { authorization: `Bearer ${wb.server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ scale: 0.2 }),
  });
  expect(res.status).toBe(201);
  for (const theme of ['light', 'dark'] as const) {
    const page = await wb.open(theme);
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Logs' }).click();
    for (const table of ['access_log', 'app_log']) {
      await page.getByLabel('Log table').selectOption(table);
      const [truth] = await wb.sql(
        table === 'access_log'
          ? 'SELECT count(*) AS n, count(*) FILTER (status >= 500) AS e FROM access_log'
          : `SELECT count(*) AS n, count(*) FILTER (lower(level) IN ('error', 'fatal')) AS e FROM app_log`,
      );
      const counts = page.getByTestId('log-counts');
      await expect
        .poll(async () => counts.textContent(), { timeout: 20_000 })
        .toMatch(
          new RegExp(
            `^${Number(truth!.n).toLocaleString('en-US')} lines${Number(truth!.e).toLocaleString('en-US')} errors`,
          ),
        );
      await page.locator('.log-pattern').first().waitFor();
      await page.screenshot({ path: `/tmp/logs-sample-${table}-${theme}.png` });
    }
    // What was inferred is shown, with why.
    await page.getByText('How this table was read').click();
    await page
      .getByText('Severity: "level" (error, fatal and critical count as errors; warn as warnings).')
      .waitFor();
    await page.screenshot({ path: `/tmp/logs-sample-roles-${theme}.png` });
    await page.getByText('How this table was read').click();
    await page.getByText('Search help').click();
    await page.screenshot({ path: `/tmp/logs-sample-help-${theme}.png` });
    await page.getByText('Search help').click();
    // A table that is not a log says so, and how to fix it, but still shows what it can.
    await page.getByLabel('Log table').selectOption('users');
    await page
      .getByTestId('notice')
      .getByText('"users" doesn\'t look like a log', { exact: false })
      .waitFor();
    await page.screenshot({ path: `/tmp/logs-sample-users-${theme}.png` });
    await page.context().close();
  }
}
