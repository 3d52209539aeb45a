import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorkbench, type Workbench } from './harness.js';

let wb: Workbench;
beforeAll(async () => {
  wb = await startWorkbench();
  const res = await fetch(`${wb.origin}/api/sample`, {
    method: 'POST',
    headers: { authorization: `Bearer ${wb.server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ scale: 0.05 }),
  });
  if (res.status !== 201) throw new Error(`The sample data failed: ${res.status} ${await res.text()}`);
}, 60_000);
afterAll(async () => {
  await wb?.close();
});

const step = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Step ${n}: `) });

/** Builds "weekly signups by plan, for users who invited someone" by clicking; returns at the join doctor. */
async function buildQuestion(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Ask' }).click();
  await page
    .getByRole('list', { name: 'Tables to start from' })
    .getByRole('button', { name: /^users/ })
    .click();
  await page.getByRole('button', { name: '+ Join' }).click();
  const join = step(page, 1);
  await join.getByLabel('Join with').selectOption('table:events');
  // The key pair is suggested from names and values: user_id = user_id.
  await expect
    .poll(() => join.getByLabel('Key column of the joined table').inputValue(), { timeout: 15_000 })
    .toBe('user_id');
  expect(await join.getByLabel('Key column of the rows so far').inputValue()).toBe('user_id');
  await join.getByRole('button', { name: 'Only matches' }).click();
}

it('builds weekly signups by plan for users who invited someone by clicking; the SQL and figures are right', async () => {
  const page = await wb.open();
  await buildQuestion(page);
  // The join doctor warns before anything runs: users x events repeats users.
  const fanOut = step(page, 1).getByTestId('fan-out');
  await fanOut.waitFor({ timeout: 15_000 });
  const [users] = await wb.sql('SELECT count(*)::INT AS n FROM users');
  const [pairs] = await wb.sql('SELECT count(*)::INT AS n FROM users JOIN events USING (user_id)');
  const [matched] = await wb.sql(
    'SELECT count(*)::INT AS n FROM users WHERE user_id IN (SELECT user_id FROM events)',
  );
  const fmt = (v: unknown) => Number(v).toLocaleString('en-US');
  const matchedText =
    matched?.n === users?.n
      ? `${fmt(users?.n)} rows of users`
      : `the ${fmt(matched?.n)} rows of users that match`;
  expect(await fanOut.textContent()).toContain(`This join turns ${matchedText} into ${fmt(pairs?.n)} rows`);
  expect(await fanOut.textContent()).toContain(
    'appear more than once in events. Sums and counts of users columns will be inflated.',
  );

  await page.getByRole('button', { name: '+ Filter' }).click();
  const filter = step(page, 2);
  await filter.getByLabel('Filter column').selectOption('event');
  await filter.getByLabel('Value').fill('invite_sent');

  await page.getByRole('button', { name: '+ Summarise' }).click();
  const summary = step(page, 3);
  await summary.getByLabel('Calculation').selectOption('count_distinct');
  await summary.getByLabel('Column to calculate').selectOption('user_id');
  await summary.getByRole('button', { name: '+ Group' }).click();
  await summary.getByLabel('Group by column').first().selectOption('signup_at');
  expect(await summary.getByLabel('Date bucket').inputValue()).toBe('week');
  await summary.getByRole('button', { name: '+ Group' }).click();
  await summary.getByLabel('Group by column').nth(1).selectOption('plan');

  const sqlBox = page.getByTestId('ask-sql');
  await expect
    .poll(() => sqlBox.textContent(), { timeout: 5_000 })
    .toContain('-- Step 3: Summarise per signup_at by week, plan');
  const sql = (await sqlBox.textContent()) ?? '';
  expect(sql).toMatch(/^-- Step 1: Join events on user_id\.\nWITH "joined_events" AS \(/);
  expect(sql).toContain('-- Step 2: Keep the rows where event is "invite_sent".');
  expect(sql).toContain('"filtered" AS (');
  await page.screenshot({ path: '/tmp/ask-light.png' });

  await page.getByRole('button', { name: /^Run/ }).click();
  const status = page.getByTestId('result-status');
  await status.getByText(/ rows? ·/).waitFor({ timeout: 20_000 });

  const reference = await wb.sql(`SELECT u.plan, count(DISTINCT u.user_id)::INT AS n
    FROM users u JOIN events e ON e.user_id = u.user_id WHERE e.event = 'invite_sent'
    GROUP BY date_trunc('week', u.signup_at), u.plan`);
  expect(reference.length).toBeGreaterThan(3);
  expect(await status.textContent()).toContain(`${reference.length.toLocaleString('en-US')} rows`);
  const shown = await wb.sql(sql);
  const pairsOf = (rows: Record<string, unknown>[], count: string) =>
    rows.map((r) => `${r.plan}:${r[count]}`).sort();
  expect(pairsOf(shown, 'distinct_user_id')).toEqual(pairsOf(reference, 'n'));
  await page.screenshot({ path: '/tmp/ask-result-light.png' });
  // The workbench's chart suggestions work on the builder's result.
  await page.getByRole('tab', { name: 'Chart' }).click();
  await page.getByTestId('chart-panel').waitFor({ timeout: 15_000 });
  await page.locator('.chart-canvas svg, .chart-canvas canvas').first().waitFor({ timeout: 20_000 });
  await page.screenshot({ path: '/tmp/ask-chart-light.png' });
  await page.getByRole('tab', { name: 'Table' }).click();

  // Saved in the workspace, and the SQL reads back into the same three steps.
  await page.getByLabel('Name of this question').fill('weekly inviters');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved as "weekly inviters".').waitFor();
  const saved = await fetch(`${wb.origin}/api/builder/saved`, {
    headers: { authorization: `Bearer ${wb.server.token}` },
  });
  const list = ((await saved.json()) as { saved: { name: string; query: { steps: unknown[] } }[] }).saved;
  expect(list.map((q) => [q.name, q.query.steps.length])).toEqual([['weekly inviters', 3]]);
  await page.getByRole('button', { name: 'Edit as SQL' }).click();
  await page.getByRole('button', { name: 'Turn into steps' }).click();
  await page.getByTestId('ask-sql').waitFor();
  expect(await page.getByTestId('ask-step').count()).toBe(3);
  expect(await page.getByTestId('ask-sql').textContent()).toBe(sql);
  await page.context().close();
}, 60_000);

it('looks finished in the dark theme too (screenshot)', async () => {
  const page = await wb.open('dark');
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Ask' }).click();
  // The draft of the previous page was kept in this browser context's storage only: this one starts afresh.
  await page.getByRole('list', { name: 'Tables to start from' }).waitFor();
  await page.screenshot({ path: '/tmp/ask-start-dark.png' });
  await page
    .getByRole('list', { name: 'Tables to start from' })
    .getByRole('button', { name: /^users/ })
    .click();
  await page.getByRole('button', { name: '+ Join' }).click();
  await step(page, 1).getByLabel('Join with').selectOption('table:events');
  await step(page, 1).getByTestId('fan-out').waitFor({ timeout: 15_000 });
  await page.screenshot({ path: '/tmp/ask-dark.png' });
  await page.context().close();
}, 60_000);

it("'Pro ' vs 'pro': the join doctor's fix is one click, adds the fixed key as a step and every row then matches", async () => {
  await wb.sql(`CREATE TABLE crm AS SELECT * FROM (VALUES (1, 'Pro '), (2, 'Free'), (3, 'Team'), (4, 'pro')) t(id, plan);
    CREATE TABLE billing AS SELECT * FROM (VALUES ('pro', 20), ('free', 0), ('team', 50), ('enterprise', 90)) t(plan, price)`);
  const page = await wb.open();
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Ask' }).click();
  await page
    .getByRole('list', { name: 'Tables to start from' })
    .getByRole('button', { name: /^crm/ })
    .click();
  await page.getByRole('button', { name: '+ Join' }).click();
  await step(page, 1).getByLabel('Join with').selectOption('table:billing');
  const mismatch = step(page, 1).getByTestId('jd-mismatch');
  await mismatch.waitFor({ timeout: 15_000 });
  expect(await mismatch.textContent()).toContain(
    'crm.plan and billing.plan write some values with different capitals. For example Free vs free.',
  );
  expect(await step(page, 1).getByTestId('join-doctor').textContent()).toContain(
    '25% of crm rows find a match in billing (1 of 4)',
  );
  await mismatch.getByRole('button', { name: 'Ignore capitals (lower)' }).click();

  // The fix is a custom column before the join, which now joins on the fixed keys.
  expect(await step(page, 1).getByLabel('Formula').inputValue()).toBe('LOWER(TRIM([plan]))');
  await step(page, 2)
    .getByTestId('join-doctor')
    .getByText('100% of crm rows find a match in billing')
    .waitFor({ timeout: 15_000 });
  expect(await step(page, 2).getByTestId('jd-mismatch').count()).toBe(0);
  // The formula's type is read from the engine: the fixed key shows as text.
  await step(page, 2).locator('.ask-column').first().getByRole('img', { name: 'text' }).waitFor();
  const sql = (await page.getByTestId('ask-sql').textContent()) ?? '';
  expect(sql).toContain('lower(trim("plan")) AS "plan_key"');
  expect(sql).toContain(`SELECT *, lower("plan") AS "plan_key" FROM "billing"`);
  await page.getByRole('button', { name: /^Run/ }).click();
  await page.getByTestId('result-status').getByText('4 rows').waitFor({ timeout: 15_000 });
  const rows = await wb.sql(sql);
  expect(rows.map((r) => [r.id, r.price]).sort()).toEqual([
    [1, 20],
    [2, 0],
    [3, 50],
    [4, 20],
  ]);
  await page.screenshot({ path: '/tmp/ask-fix-light.png' });
  await page.context().close();
}, 60_000);
