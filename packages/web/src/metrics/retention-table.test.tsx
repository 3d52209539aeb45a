// @vitest-environment happy-dom
import { type RetentionSpec, retentionResultFromRows } from '@sightline/spec';
import { describe, expect, it } from 'vitest';
import { render } from '../test-support/render.js';
import { RetentionTable } from './retention-table.js';

const spec = { periods: 2 } as RetentionSpec;
// Two weekly cohorts: the second one's week 2 is not over in the data (null, never 0).
const result = retentionResultFromRows(
  [
    { cohort: '2026-10-05', k: 0, size: 200, retained: 200, left_censored: true },
    { cohort: '2026-10-05', k: 1, size: 200, retained: 91, left_censored: true },
    { cohort: '2026-10-05', k: 2, size: 200, retained: 0, left_censored: true },
    { cohort: '2026-10-12', k: 0, size: 1000, retained: 1000, left_censored: false },
    { cohort: '2026-10-12', k: 1, size: 1000, retained: 465, left_censored: false },
    { cohort: '2026-10-12', k: 2, size: 1000, retained: null, left_censored: false },
  ],
  spec,
);

describe('RetentionTable (the cohort heat map)', () => {
  it('shows the share and the count in each cell, shaded by the share', async () => {
    const r = await render(<RetentionTable result={result} period="week" />);
    const rows = [...r.container.querySelectorAll('tbody tr')];
    expect(rows.map((tr) => tr.querySelector('th')?.textContent)).toEqual(['5 Oct *', '12 Oct']);
    const cells = (tr: Element) =>
      [...tr.querySelectorAll('[data-testid=retention-cell]')].map((td) => td.textContent);
    expect(cells(rows[0]!)).toEqual(['100%200', '45.5%91', '0.0%0']);
    expect(cells(rows[1]!)).toEqual(['100%1,000', '46.5%465', 'not complete yet']);
    expect(rows[0]!.querySelector('[data-k="1"]')?.getAttribute('title')).toBe(
      '91 of 200 users (45.5%) in week 1',
    );
    const shade = (tr: Element, k: number) =>
      (tr.querySelector(`[data-k="${k}"]`) as HTMLElement).style.getPropertyValue('--share');
    expect([0, 1, 2].map((k) => shade(rows[0]!, k))).toEqual(['1.000', '0.455', '0.000']);
    await r.unmount();
  });

  it('leaves an incomplete cell visibly empty (not 0) and says why in its tooltip', async () => {
    const r = await render(<RetentionTable result={result} period="week" />);
    const incomplete = [...r.container.querySelectorAll('td.incomplete')];
    expect(incomplete).toHaveLength(1);
    expect(incomplete[0]!.getAttribute('data-k')).toBe('2');
    expect(incomplete[0]!.getAttribute('title')).toBe(
      "Not complete yet: week 2 of this cohort isn't over in the data, so it is left empty rather than shown too low.",
    );
    expect((incomplete[0] as HTMLElement).style.getPropertyValue('--share')).toBe('');
    await r.unmount();
  });

  it('averages complete cells weighted by cohort size, and marks cohorts cut by the data start', async () => {
    const r = await render(<RetentionTable result={result} period="month" />);
    const means = [...r.container.querySelectorAll('[data-testid=retention-mean]')].map(
      (td) => td.textContent,
    );
    // Week 1: (91 + 465) / 1200; week 2: only the first cohort is complete.
    expect(means).toEqual(['100.0%', '46.3%', '0.0%']);
    const heads = [...r.container.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(heads).toEqual(['Month of (2026)', 'Users', 'Month 0', 'Month 1', 'Month 2']);
    expect(r.container.querySelector('.censored')?.getAttribute('title')).toMatch(
      /^This cohort starts at the beginning/,
    );
    await r.unmount();
  });
});
