// @vitest-environment happy-dom
import { type AbTestRow, type AbTestSpec, abtestResultFromRows } from '@sightline/spec';
import { describe, expect, it } from 'vitest';
import { render } from '../test-support/render.js';
import { AbTestCard } from './ab-card.js';

/** A conversion variant: `k` of `n` users converted (sample variance with n - 1, as the engine's SQL computes it). */
const conv = (variant: string, n: number, k: number): AbTestRow => ({
  variant,
  n,
  mean: k / n,
  variance: (k * (n - k)) / (n * (n - 1)),
  non_binary: 0,
});
const spec = { confidence: 0.95 } as AbTestSpec;

describe('AbTestCard', () => {
  it('states the outcome first in plain words, draws the interval and names the test', async () => {
    const result = abtestResultFromRows([conv('A', 3037, 304), conv('B', 3037, 367)], spec);
    const r = await render(<AbTestCard result={result} />);
    const c = r.container;
    expect(c.querySelector('[data-testid=notice]')).toBeNull();
    expect(c.querySelector('[data-testid=ab-headline]')?.textContent).toBe(
      'B converts 12.1% vs A 10.0%: +2.1 points (95% CI +0.5 to +3.7), p = 0.0099 — likely a real difference',
    );
    expect(c.querySelector('.ab-comparison .muted')?.textContent).toBe(
      'Relative lift +21% (95% CI +3.4% to +38%)',
    );
    const svg = c.querySelector('[data-testid=ci-drawing]');
    expect(svg?.getAttribute('aria-label')).toBe(
      '95% interval of the difference: +0.5 pts to +3.7 pts; zero is no difference',
    );
    // The bar spans the interval, the dot sits on the estimate, and zero is left of both.
    const bar = svg?.querySelector('.ci-bar.significant');
    const dot = svg?.querySelector('.ci-point');
    const zero = svg?.querySelector('.ci-zero');
    const x = (el: Element | null | undefined, a: string) => Number(el?.getAttribute(a));
    expect(x(zero, 'x1')).toBeLessThan(x(bar, 'x1'));
    expect(x(bar, 'x1')).toBeLessThan(x(dot, 'cx'));
    expect(x(dot, 'cx')).toBeLessThan(x(bar, 'x2'));
    expect(c.querySelector('[data-testid=ab-tests]')?.textContent).toBe(
      "Tests: Welch's t-test (two-sided, unequal variances); sample-ratio check: chi-square goodness of fit, p = 1 (no mismatch).",
    );
    const rows = [...c.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((td) => td.textContent),
    );
    expect(rows).toEqual([
      ['A (control)', '3,037', '304', '10.0%'],
      ['B', '3,037', '367', '12.1%'],
    ]);
    await r.unmount();
  });

  it('shows a sample ratio mismatch before anything else, and says when a difference could be chance', async () => {
    const result = abtestResultFromRows([conv('A', 3500, 350), conv('B', 2574, 260)], spec);
    const r = await render(<AbTestCard result={result} />);
    const card = r.container.querySelector('[data-testid=ab-card]')!;
    const first = card.firstElementChild;
    expect(first?.getAttribute('data-testid')).toBe('notice');
    expect(first?.querySelector('.error-title')?.textContent).toBe(
      'iSample ratio mismatch: the variant sizes (A 3,500, B 2,574) are unlikely under the expected split (p < 0.001, chi-square test). Check how users were assigned before trusting the result below.',
    );
    expect(card.querySelector('[data-testid=ab-headline]')?.textContent).toBe(
      'B converts 10.1% vs A 10.0%: +0.1 points (95% CI -1.4 to +1.6), p = 0.9 — could be chance (the 95% interval includes no difference)',
    );
    expect(card.querySelector('.ci-bar')?.classList.contains('significant')).toBe(false);
    await r.unmount();
  });

  it('words a numeric metric as an average and names the control it was compared with', async () => {
    const result = abtestResultFromRows(
      [
        { variant: 'control', n: 500, mean: 41.2, variance: 90, non_binary: 500 },
        { variant: 'new', n: 480, mean: 43.9, variance: 110, non_binary: 480 },
      ],
      spec,
    );
    const r = await render(<AbTestCard result={result} />);
    expect(r.container.querySelector('[data-testid=ab-headline]')?.textContent).toBe(
      'new averages 43.9 vs control 41.2: +2.7 (95% CI +1.44 to +3.96), p < 0.001 — likely a real difference',
    );
    expect([...r.container.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Variant',
      'Users',
      'Mean',
    ]);
    await r.unmount();
  });

  it('explains when there is nothing to test', async () => {
    const result = abtestResultFromRows([conv('A', 1, 1), conv('B', 1, 0)], spec);
    const r = await render(<AbTestCard result={result} />);
    expect(r.container.querySelector('[data-testid=ab-headline]')?.textContent).toBe(
      'B converts 0.0% vs A 100.0%: too few users to test the difference (at least 2 per variant are needed).',
    );
    expect(r.container.querySelector('[data-testid=ci-drawing]')).toBeNull();
    await r.unmount();
  });
});
