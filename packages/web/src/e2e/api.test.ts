import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkbench, type Workbench } from './harness.js';

const TOKEN = 's3cret-token-4711';
const CUSTOMERS = Array.from({ length: 8 }, (_, i) => ({
  id: 100 + i,
  name: `Customer ${i + 1}`,
  plan: { name: i % 2 === 0 ? 'pro' : 'free', seats: i + 1 },
}));
const PER_PAGE = 3;

let wb: Workbench;
let api: Server;
let apiUrl: string;
const seen: { url: string; auth: string | undefined }[] = [];
/** How the slow endpoint's calls ended: `closed` when the caller hung up before the answer. */
const slowCalls: ('closed' | 'answered')[] = [];

/** A small JSON API: bearer auth, customers paged with a Link header (3 pages of 3, 3 and 2). */
function answer(req: IncomingMessage, res: import('node:http').ServerResponse) {
  const url = new URL(req.url ?? '/', apiUrl);
  seen.push({ url: url.pathname + url.search, auth: req.headers.authorization });
  if (url.pathname === '/v1/slow') {
    const timer = setTimeout(() => res.end('{}'), 20_000);
    res.on('close', () => {
      clearTimeout(timer);
      slowCalls.push(res.writableFinished ? 'answered' : 'closed');
    });
    return;
  }
  if (req.headers.authorization !== `Bearer ${TOKEN}`) {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'a valid bearer token is required' }));
    return;
  }
  if (url.pathname !== '/v1/customers') {
    res.writeHead(404).end();
    return;
  }
  const page = Number(url.searchParams.get('page') ?? '1');
  const items = CUSTOMERS.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (page * PER_PAGE < CUSTOMERS.length) {
    headers.link = `<${apiUrl}/v1/customers?page=${page + 1}&per_page=${PER_PAGE}>; rel="next"`;
  }
  res.writeHead(200, headers);
  res.end(JSON.stringify({ data: items, meta: { page, total: CUSTOMERS.length } }));
}

beforeAll(async () => {
  api = createServer(answer);
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  wb = await startWorkbench();
  await wb.sql(`CREATE TABLE accounts AS SELECT 100 + i AS customer_id, CASE WHEN i < 5 THEN 'EU' ELSE 'US' END AS region,
    (i + 1) * 10 AS mrr FROM range(0, 8) t(i)`);
});
afterAll(async () => {
  await wb?.close();
  await new Promise((resolve) => api?.close(resolve));
});

/** Saves a screenshot for review when SIGHTLINE_SHOTS names a folder (nothing otherwise). */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SIGHTLINE_SHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

async function openApiArea(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'API', exact: true }).click();
  await page.getByRole('textbox', { name: 'URL' }).waitFor();
}

describe('the API area in Chromium', () => {
  it('turns a pasted cURL command into a request, sends it with a secret from an environment, and shows the timing', async () => {
    const page = await wb.open();
    await openApiArea(page);
    await page.getByText('Call an API and turn its answer into a table').waitFor();

    // An environment with the token as a secret (as the engineer's command expects $API_TOKEN).
    await page.getByRole('button', { name: 'Add an environment…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Environment' });
    await dialog.getByLabel('Name', { exact: true }).fill('local');
    await dialog.getByLabel('Variable 1 name').fill('API_TOKEN');
    await dialog.getByLabel('API_TOKEN is a secret').check();
    await dialog.getByLabel('API_TOKEN value').fill(TOKEN);
    expect(await dialog.getByLabel('API_TOKEN value').getAttribute('type')).toBe('password');
    await shot(page, 'api-env-light');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The list of environments is read again after the save: the picker shows the new one once it is there.
    await expect.poll(() => page.getByRole('combobox', { name: 'Environment' }).inputValue()).toBe('local');

    // The engineer's command, pasted into the URL field.
    const curl = `curl '${apiUrl}/v1/customers?page=1&per_page=${PER_PAGE}' \\\n  -H 'Accept: application/json' \\\n  -H "Authorization: Bearer $API_TOKEN" \\\n  --compressed`;
    await page.evaluate((text) => navigator.clipboard.writeText(text), curl);
    await page.getByRole('textbox', { name: 'URL' }).click();
    await page.keyboard.press('Control+V');
    await page.getByText('Filled in from the cURL command').waitFor();
    expect(await page.getByRole('textbox', { name: 'URL' }).inputValue()).toBe(
      `${apiUrl}/v1/customers?page=1&per_page=${PER_PAGE}`,
    );
    expect(await page.getByRole('combobox', { name: 'Method' }).inputValue()).toBe('GET');
    await page.getByRole('tab', { name: /Auth/ }).click();
    expect(await page.getByRole('textbox', { name: 'Bearer token' }).inputValue()).toBe('{{API_TOKEN}}');
    expect(await page.locator('.template-backdrop mark.var-known').first().textContent()).toBe(
      '{{API_TOKEN}}',
    );

    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('http-status').getByText('200 OK').waitFor();
    expect(seen.at(-1)).toEqual({
      url: `/v1/customers?page=1&per_page=${PER_PAGE}`,
      auth: `Bearer ${TOKEN}`,
    });
    const phases = await page
      .locator('.timing-item')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-phase') ?? 'total'));
    expect(phases).toEqual(['connect', 'wait', 'download', 'total']);
    expect(await page.locator('.timing-item.total strong').textContent()).toMatch(
      /^\d+(\.\d)? ms$|^\d\.\d s$/,
    );
    // The body as a tree: the list is open and its items are listed.
    await page.getByRole('treeitem', { name: /"data": \[3 items\]/ }).waitFor();
    expect(await page.getByRole('treeitem').count()).toBe(8);
    await shot(page, 'api-light');

    // The secret never reached the page, its storage or the history the server keeps.
    expect(await page.content()).not.toContain(TOKEN);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain(TOKEN);
    expect(stored).toContain('{{API_TOKEN}}');
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('.side-item').first().getByText('200').waitFor();

    // Copy as cURL: the secret is a shell variable, never its value.
    await page.getByRole('button', { name: 'Copy as cURL' }).click();
    await page.getByText(/^Copied the cURL command/).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`${apiUrl}/v1/customers?page=1&per_page=${PER_PAGE}`);
    expect(copied).toMatch(/Authorization: Bearer \$\{?API_TOKEN\}?/);
    expect(copied).not.toContain(TOKEN);

    // The request being edited is kept across a reload (the secret stays a reference).
    await page.reload();
    await openApiArea(page);
    expect(await page.getByRole('textbox', { name: 'URL' }).inputValue()).toBe(
      `${apiUrl}/v1/customers?page=1&per_page=${PER_PAGE}`,
    );
    await expect.poll(() => page.getByRole('combobox', { name: 'Environment' }).inputValue()).toBe('local');
    await page.context().close();
  });

  it('saves all pages of the list as a table and joins it with product data in the SQL area', async () => {
    const page = await wb.open('dark');
    await openApiArea(page);
    // A new browser: the request comes back from the history the workspace keeps.
    expect(await page.getByRole('textbox', { name: 'URL' }).inputValue()).toBe('');
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('.side-item').first().click();
    expect(await page.getByRole('textbox', { name: 'URL' }).inputValue()).toBe(
      `${apiUrl}/v1/customers?page=1&per_page=${PER_PAGE}`,
    );
    await expect.poll(() => page.getByRole('combobox', { name: 'Environment' }).inputValue()).toBe('local');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('http-status').getByText('200 OK').waitFor();
    if (process.env.SIGHTLINE_SHOTS) {
      await page.getByRole('tab', { name: /^Headers \(/ }).click();
      await shot(page, 'api-headers-dark');
      await page.getByRole('region', { name: 'Response' }).getByRole('tab', { name: 'Body' }).click();
    }
    await page.getByRole('button', { name: 'Save as table…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save as table' });
    expect(await dialog.getByLabel('Table name').inputValue()).toBe('customers');
    expect(await dialog.getByRole('radio', { name: /\$\.data/ }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Pagination').inputValue()).toBe('link');
    await shot(page, 'api-save-dark');
    const before = seen.length;
    await dialog.getByRole('button', { name: 'Save table' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Three requests, following the Link header.
    expect(seen.slice(before).map((s) => s.url)).toEqual([
      `/v1/customers?page=1&per_page=${PER_PAGE}`,
      `/v1/customers?page=2&per_page=${PER_PAGE}`,
      `/v1/customers?page=3&per_page=${PER_PAGE}`,
    ]);

    // The table opens in the SQL area with every page's rows.
    await page.getByTestId('result-status').getByText('8 rows').waitFor();
    expect(await page.locator('.cm-line').allTextContents()).toEqual([
      '-- Saved 8 rows from 3 pages into customers (stopped: the last page said there was no next one).',
      'SELECT * FROM "customers"',
    ]);
    await page.getByRole('button', { name: 'customers', exact: true }).waitFor();
    expect(await wb.sql('SELECT id, name, plan_name, plan_seats, _page FROM customers ORDER BY id')).toEqual(
      CUSTOMERS.map((c, i) => ({
        id: c.id,
        name: c.name,
        plan_name: c.plan.name,
        plan_seats: c.plan.seats,
        _page: Math.floor(i / PER_PAGE) + 1,
      })),
    );

    const editor = page.locator('.cm-content');
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await editor.fill(
      'SELECT a.region, count(*) AS customers, sum(a.mrr) AS mrr FROM customers c JOIN accounts a ON a.customer_id = c.id GROUP BY a.region ORDER BY a.region',
    );
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('result-status').getByText('2 rows').waitFor();
    await expect
      .poll(() => page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').allTextContents())
      .toEqual(['EU', '5', '150']);
    expect(await page.locator('[role=row][aria-rowindex="3"] [role=gridcell]').allTextContents()).toEqual([
      'US',
      '3',
      '210',
    ]);
    await page.context().close();
  });

  it('lists the operations of an OpenAPI document, points {{base_url}} at its server, and explains a failed request', async () => {
    const page = await wb.open();
    await openApiArea(page);
    const doc = {
      openapi: '3.0.3',
      info: { title: 'Customers API', version: '2.1.0' },
      servers: [{ url: `${apiUrl}/v1` }],
      paths: {
        '/customers': {
          get: {
            operationId: 'listCustomers',
            summary: 'List customers',
            parameters: [
              { name: 'per_page', in: 'query', required: true, example: 2, schema: { type: 'integer' } },
            ],
          },
          post: { operationId: 'createCustomer', summary: 'Create a customer' },
        },
      },
    };
    await page.getByRole('tab', { name: 'OpenAPI' }).click();
    await page.getByRole('button', { name: 'Paste the document' }).click();
    await page.getByRole('textbox', { name: 'OpenAPI document' }).fill(JSON.stringify(doc, null, 2));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const ops = page.locator('.api-side .side-item');
    await expect
      .poll(() => ops.allTextContents())
      .toEqual(['GET/customersList customers', 'POST/customersCreate a customer']);
    await page.getByRole('button', { name: 'Use as {{base_url}}' }).click();
    await page.getByText(`{{base_url}} is ${apiUrl}/v1 in the environment "Customers API".`).waitFor();
    await ops.first().click();
    expect(await page.getByRole('textbox', { name: 'URL' }).inputValue()).toBe(
      '{{base_url}}/customers?per_page=2',
    );
    expect(await page.locator('.url-field mark.var-known').textContent()).toBe('{{base_url}}');

    // The API answers 401 (no token in this request): an answer, shown as a client error.
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('http-status').getByText('401 Unauthorized').waitFor();
    expect(await page.getByTestId('http-status').getAttribute('class')).toBe('status-pill client-error');
    expect(seen.at(-1)).toEqual({ url: '/v1/customers?per_page=2', auth: undefined });
    await shot(page, 'api-openapi-light');

    // A slow API: the wait shows its time and Esc cancels; the outgoing request is closed too.
    const url = page.getByRole('textbox', { name: 'URL' });
    await url.fill(`${apiUrl}/v1/slow`);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Waiting for the answer…').waitFor();
    await page.keyboard.press('Escape');
    await page.getByText('Cancelled: the request was stopped before an answer came back.').waitFor();
    await expect.poll(() => slowCalls).toEqual(['closed']);

    // A command with a password typed in: kept in memory only, until stored as a secret in one click.
    await page.evaluate(
      (text) => navigator.clipboard.writeText(text),
      `curl -u ada:hunter2 ${apiUrl}/v1/customers`,
    );
    await url.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    await page
      .getByText('The credentials typed into this request are kept only until you reload the page')
      .waitFor();
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('hunter2');
    await shot(page, 'api-typed-secret-light');
    if (process.env.SIGHTLINE_SHOTS) {
      await page.getByTitle('Light or dark theme').click();
      await shot(page, 'api-typed-secret-dark');
    }
    await page.getByRole('button', { name: 'Store as secrets of “Customers API”' }).click();
    await page
      .getByText('Stored as a secret in the environment "Customers API": the request now uses {{password}}.')
      .waitFor();
    const envs = await page.evaluate(async () => (await fetch('/api/http/environments')).text());
    expect(envs).toContain('"name":"password","value":"••••••","secret":true');
    expect(envs).not.toContain('hunter2');
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).toContain('{{password}}');

    // No answer at all: the reason in plain words, where the response would be.
    await url.fill('http://127.0.0.1:9/nothing-listens-here');
    await page.keyboard.press('Control+Enter');
    const error = page.getByTestId('error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/127\.0\.0\.1/);
    expect(await page.getByTestId('http-status').count()).toBe(0);
    await shot(page, 'api-error-light');
    await page.context().close();
  });
});
