import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkbench, type Workbench } from './harness.js';

// The sample workspace at 30% of its full size (same shapes, a faster start); every number shown is checked
// against POST /api/metrics for the same options (the figures of docs/metrics.md are the full size's).
let wb: Workbench;
let page: Page;
const SHOTS = process.env.SIGHTLINE_SHOTS;

async function api<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${wb.origin}/api${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${wb.server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const out = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(`${path} failed: ${out.error?.message ?? res.status}`);
  return out;
}

async function shot(name: string): Promise<void> {
  if (!SHOTS) return;
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
  // The whole result: a tall window so that the area's own scrolling shows everything.
  await page.setViewportSize({ width: 1280, height: 2600 });
  await page.waitForTimeout(400);
  const result = page.locator('.metric-result');
  // Only when shown: the Metrics area keeps its result while another area (e.g. the SQL editor) is in front.
  if ((await result.count()) && (await result.isVisible()))
    await result.screenshot({ path: `${SHOTS}/${name}-result.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
}

const en = (n: number) => n.toLocaleString('en-US');

beforeAll(async () => {
  wb = await startWorkbench();
  await api('/sample', { scale: 0.3 });
  page = await wb.open('light');
  await page.getByRole('button', { name: 'Metrics', exact: true }).click();
  await page.getByRole('heading', { name: 'Funnel', level: 1 }).waitFor();
}, 90_000);
afterAll(async () => {
  await wb?.close();
});

describe('the Metrics area in Chromium on the sample workspace', () => {
  it("builds the signup -> project_created -> invite_sent funnel by clicking; the counts are the API's", async () => {
    // The events table and its columns are found without asking.
    const roles = page.getByTestId('roles');
    await roles.waitFor();
    expect(await page.getByRole('combobox', { name: /^Table/ }).inputValue()).toBe('events');
    expect(await roles.getByLabel('User id').locator('option:checked').textContent()).toBe(
      'user_id (detected)',
    );
    await page.getByLabel('Step 1', { exact: true }).selectOption('signup');
    await page.getByLabel('Step 2', { exact: true }).selectOption('project_created');
    await page.getByRole('button', { name: '+ Add step' }).click();
    await page.getByLabel('Step 3', { exact: true }).selectOption('invite_sent');
    await page.getByRole('button', { name: /^Run/ }).click();
    const users = page.getByTestId('funnel-users');
    await users.first().waitFor({ timeout: 30_000 });
    const shown = await users.allTextContents();
    const expected = await api<{ result: { steps: { users: number }[] } }>('/metrics', {
      metric: 'funnel',
      from: 'events',
      options: {
        steps: [{ event: 'signup' }, { event: 'project_created' }, { event: 'invite_sent' }],
        window: '14d',
      },
    });
    expect(shown).toEqual(expected.result.steps.map((s) => en(s.users)));
    expect(expected.result.steps[0]!.users).toBeGreaterThan(1000);
    await page.getByTestId('chart').locator('svg').first().waitFor({ timeout: 30_000 });
    // The counts behind it: the funnel reads the rows of its three events (none anonymous in the sample).
    await page.getByText(`${en(expected.result.steps[0]!.users)} users entered the funnel`).waitFor();
    await shot('funnel-light');

    await page.getByRole('button', { name: 'Explain' }).click();
    const explain = page.getByTestId('explain-panel');
    await explain
      .getByText(
        'A user converts when they do signup, then project_created, then invite_sent, within 14 days of signup.',
      )
      .waitFor();
    await explain.locator('.explain-steps li').first().waitFor({ timeout: 15_000 });
    await shot('funnel-explain-light');
  }, 90_000);

  it('opens a weekly retention table with shares, counts and empty incomplete cells', async () => {
    await page.getByRole('button', { name: /^Retention/ }).click();
    await page.getByLabel('Cohort: users who do').selectOption('signup');
    await page.getByRole('button', { name: /^Run/ }).click();
    const table = page.getByTestId('retention-table');
    await table.waitFor({ timeout: 30_000 });
    const expected = await api<{
      result: {
        cohorts: { cohort: string; size: number; retained: (number | null)[]; shares: (number | null)[] }[];
      };
    }>('/metrics', {
      metric: 'retention',
      from: 'events',
      options: { start: { event: 'signup' }, period: 'week' },
    });
    const first = expected.result.cohorts[0]!;
    const row = table.locator('tbody tr').first();
    expect(await row.locator('td').first().textContent()).toBe(en(first.size));
    const week1 = row.locator('[data-k="1"]');
    expect(await week1.textContent()).toBe(
      `${((first.shares[1] ?? 0) * 100).toFixed(1)}%${en(first.retained[1] ?? 0)}`,
    );
    const incomplete = table.locator('td.incomplete');
    expect(await incomplete.count()).toBe(
      expected.result.cohorts.reduce((n, c) => n + c.retained.filter((r) => r === null).length, 0),
    );
    expect(await incomplete.first().getAttribute('title')).toMatch(/^Not complete yet/);
    await shot('retention-light');
  }, 60_000);

  it('runs the checkout experiment and states the outcome in plain words', async () => {
    await page.getByRole('button', { name: /^A\/B test/ }).click();
    expect(await page.getByLabel('Who saw which variant (assignments)').inputValue()).toBe(
      'experiment_assignments',
    );
    await page.getByLabel('Converts when they do (after being assigned)').selectOption('checkout_completed');
    await page.getByRole('button', { name: /^Run/ }).click();
    const headline = page.getByTestId('ab-headline');
    await headline.waitFor({ timeout: 30_000 });
    const text = await headline.textContent();
    const expected = await api<{ result: { variants: { name: string; n: number; mean: number }[] } }>(
      '/metrics',
      {
        metric: 'abtest',
        from: 'events',
        assignments: { from: 'experiment_assignments' },
        options: { goal: { event: 'checkout_completed' } },
      },
    );
    const [a, b] = expected.result.variants;
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    // The outcome first, in words, with the interval and the p-value (the wording is tested in ab-card.test.tsx).
    expect(text?.startsWith(`B converts ${pct(b!.mean)} vs A ${pct(a!.mean)}: +`)).toBe(true);
    expect(text).toMatch(
      / points \(95% CI [-+][\d.]+ to \+[\d.]+\), p [=<] [\d.]+ — (likely a real difference|could be chance)/,
    );
    const rows = await page.getByTestId('ab-card').locator('tbody tr').allTextContents();
    expect(rows).toEqual([
      `A (control)${en(a!.n)}${en(Math.round(a!.mean * a!.n))}${pct(a!.mean)}`,
      `B${en(b!.n)}${en(Math.round(b!.mean * b!.n))}${pct(b!.mean)}`,
    ]);
    await page.getByTestId('ci-drawing').waitFor();
    expect(await page.getByTestId('ab-tests').textContent()).toContain("Welch's t-test");
    await shot('abtest-light');
  }, 60_000);

  it('shows active users and opens a result as SQL in the editor', async () => {
    await page.getByRole('button', { name: /^Active users/ }).click();
    await page.getByRole('button', { name: /^Run/ }).click();
    await page.getByTestId('active-figures').waitFor({ timeout: 30_000 });
    await shot('active-light');
    const sql = await api<{ sql: string }>('/metrics/sql', {
      metric: 'active',
      from: 'events',
      options: { histogram: 'week' },
    });
    await page.getByRole('button', { name: 'Open as SQL' }).click();
    // A new tab of the SQL area named after the metric, with the answer's SQL, run: one row per day.
    await page.locator('.tab.active .tab-title', { hasText: 'Active users' }).waitFor();
    const days = (await wb.sql(`SELECT count(DISTINCT CAST(ts AS DATE)) AS n FROM events`))[0]!.n as number;
    await page
      .getByText(`${en(days)} rows`)
      .first()
      .waitFor({ timeout: 30_000 });
    // biome-ignore lint/performance/useDomNodeTextContent: CodeMirror's lines are divs; only innerText keeps the breaks.
    const editor = (await page.locator('.cm-content').innerText()).replace(/\s+/g, ' ');
    expect(editor).toBe(sql.sql.replace(/\s+/g, ' '));
    await shot('open-as-sql-light');
  }, 60_000);

  it('looks right in the dark theme', async () => {
    if (!SHOTS) return;
    await page.getByRole('button', { name: 'Metrics', exact: true }).click();
    await page.getByRole('button', { name: /Switch to the dark theme/ }).click();
    for (const [metric, name] of [
      [/^Funnel/, 'funnel'],
      [/^Retention/, 'retention'],
      [/^A\/B test/, 'abtest'],
      [/^Active users/, 'active'],
    ] as const) {
      await page.getByRole('button', { name: metric }).click();
      if (name === 'funnel')
        await page.getByRole('combobox', { name: /^Break down by/ }).selectOption('device');
      await page.getByRole('button', { name: /^Run/ }).click();
      await page.waitForTimeout(1500);
      await shot(`${name}-dark`);
    }
  }, 60_000);
});
