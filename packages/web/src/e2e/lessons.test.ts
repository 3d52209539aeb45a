import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorkbench, type Workbench } from './harness.js';

// Its own server: the lessons start on an empty workspace, so the first screen offers the sample data.
let wb: Workbench;
beforeAll(async () => {
  wb = await startWorkbench();
});
afterAll(async () => {
  await wb?.close();
});

it('a new learner is offered the sample data, misses, sees what differs, passes lesson 1, and keeps it after a reload', async () => {
  const page = await wb.open();
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page.getByRole('button', { name: 'Create the sample data' }).waitFor();
  await page.screenshot({ path: '/tmp/lessons-empty-light.png' });
  // The button makes the full sample (about 4 s on an idle laptop); a tenth of it keeps this test quick.
  const made = await fetch(`${wb.origin}/api/sample`, {
    method: 'POST',
    headers: { authorization: `Bearer ${wb.server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ scale: 0.1 }),
  });
  expect(made.status).toBe(201);
  await page.reload();
  const editor = page.getByRole('textbox', { name: 'SQL for lesson 1' });
  await editor.waitFor({ timeout: 30_000 });
  await page.getByRole('heading', { name: 'Pick columns and rows: SELECT and WHERE' }).waitFor();
  await page.getByText('0 of 13 done').waitFor();
  await page.screenshot({ path: '/tmp/lessons-start-light.png' });

  // The starter keeps every German user: the check says what differs and asks about the missing filter.
  await page.getByRole('button', { name: 'Check my answer' }).click();
  const verdict = page.getByTestId('verdict');
  await verdict
    .getByText(/^You have [\d,]+ rows, the answer has \d+: did you filter on plan as well as country\?$/)
    .waitFor({ timeout: 30_000 });
  expect(await verdict.textContent()).toMatch(/^→Not yet\. /);
  await page.getByRole('button', { name: /^Show a hint/ }).click();
  await page.getByText('The starter already keeps German users. Add a second condition with AND.').waitFor();
  await page
    .getByTestId('result-status')
    .getByText(/^[\d,]+ rows/)
    .waitFor({ timeout: 30_000 });
  await page.screenshot({ path: '/tmp/lessons-miss-light.png' });

  await editor.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await editor.fill("SELECT user_id, plan, country\nFROM users\nWHERE plan = 'pro' AND country = 'DE'");
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await verdict.getByText(/^Your \d+ rows match the answer\.$/).waitFor({ timeout: 30_000 });
  const next = page.getByRole('button', {
    name: 'Next lesson: Sort and keep the top rows: ORDER BY and LIMIT →',
  });
  await next.waitFor();
  await page.getByText('1 of 13 done').waitFor();
  await page.screenshot({ path: '/tmp/lessons-pass-light.png' });

  await page.reload();
  await page.getByText('1 of 13 done').waitFor({ timeout: 30_000 });
  const first = page
    .getByRole('navigation', { name: 'Lessons' })
    .getByRole('button', { name: /SELECT and WHERE/ });
  expect(await first.textContent()).toContain('(done)');
  await page.getByText('✓ Done').waitFor();
  await page.close();
}, 90_000);

it('a mistake in the SQL is explained by the error teacher and fixed in one click; lessons 2 and 3 are completed', async () => {
  const page = await wb.open('dark');
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page
    .getByRole('navigation', { name: 'Lessons' })
    .getByRole('button', { name: /ORDER BY and LIMIT/ })
    .click();
  const editor = page.getByRole('textbox', { name: 'SQL for lesson 2' });
  await editor.waitFor({ timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await editor.fill('SELECT user_id, signup_at, contry FROM users ORDER BY signup_at LIMIT 10');
  await page.getByRole('button', { name: 'Check my answer' }).click();
  const error = page.getByTestId('error').first();
  await error
    .getByText('Column "contry" doesn\'t exist in users (line 1, col 28).')
    .waitFor({ timeout: 30_000 });
  expect(await page.locator('.cm-sql-error').first().textContent()).toBe('contry');
  await page.screenshot({ path: '/tmp/lessons-error-dark.png' });
  await page.getByRole('button', { name: 'Use country' }).click();
  expect(await editor.textContent()).toBe(
    'SELECT user_id, signup_at, country FROM users ORDER BY signup_at LIMIT 10',
  );
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await page.getByTestId('verdict').getByText('Your 10 rows match the answer.').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: '/tmp/lessons-pass-dark.png' });
  await page.getByRole('button', { name: /^Next lesson: Count per group/ }).click();
  await page.getByRole('heading', { name: 'Count per group: GROUP BY' }).waitFor();
  await page.getByText('2 of 13 done').waitFor();
  // The third lesson: its starter fails (a column neither grouped nor counted); the learner adds GROUP BY.
  const third = page.getByRole('textbox', { name: 'SQL for lesson 3' });
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await page
    .getByTestId('error')
    .first()
    .getByText('Column "plan" is shown but not grouped or summarised (line 1, col 8).')
    .waitFor({ timeout: 30_000 });
  await third.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nGROUP BY plan');
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await page.getByTestId('verdict').getByText('Your 3 rows match the answer.').waitFor({ timeout: 30_000 });
  await page.getByText('3 of 13 done').waitFor();
  await page.getByText('3 rows').first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: '/tmp/lessons-third-dark.png' });
  await page.close();
}, 90_000);
