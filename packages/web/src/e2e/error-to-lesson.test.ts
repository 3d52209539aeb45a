import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorkbench, type Workbench } from './harness.js';

let wb: Workbench;
beforeAll(async () => {
  wb = await startWorkbench();
  const made = await fetch(`${wb.origin}/api/sample`, {
    method: 'POST',
    headers: { authorization: `Bearer ${wb.server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ scale: 0.05 }),
  });
  expect(made.status).toBe(201);
}, 120_000);
afterAll(async () => {
  await wb?.close();
});

it('a taught error in the SQL editor opens the lesson that covers it', async () => {
  const page = await wb.open();
  const editor = page.locator('.cm-content');
  await editor.click();
  await editor.fill('SELECT plan, count(*) AS users FROM users');
  await page.keyboard.press('Control+Enter');
  const error = page.getByTestId('error');
  await error.waitFor();
  expect(await error.textContent()).toMatch(/GROUP BY/);
  await error.getByRole('button', { name: 'Learn this in a short lesson →' }).click();
  await page.getByRole('heading', { name: 'Count per group: GROUP BY' }).waitFor({ timeout: 30_000 });
  expect(
    await page
      .getByRole('navigation', { name: 'Areas' })
      .getByRole('button', { name: 'Lessons' })
      .getAttribute('aria-current'),
  ).toBe('page');
});

it('explains a query clause by clause, in plain words, without running it', async () => {
  const page = await wb.open();
  const editor = page.locator('.cm-content');
  await editor.click();
  await editor.fill(
    "SELECT plan, count(*) AS users\nFROM users\nWHERE country = 'DE'\nGROUP BY plan\nORDER BY users DESC",
  );
  await page.getByRole('button', { name: 'Explain', exact: true }).click();
  const panel = page.getByTestId('explain-panel');
  await panel.locator('.explain-steps li').first().waitFor();
  const clauses = await panel.locator('.explain-clause').allTextContents();
  expect(clauses).toEqual(expect.arrayContaining(['From', 'Where', 'Group by', 'Order by']));
  expect(await panel.textContent()).toContain('country');
  // Nothing ran: the result area still invites a first run.
  expect(await page.getByTestId('result-status').count()).toBe(0);
  await panel.getByRole('button', { name: 'Close the explanation' }).click();
  expect(await panel.count()).toBe(0);
});
