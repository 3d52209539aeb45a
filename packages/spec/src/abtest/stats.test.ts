import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { chiSquareSf, studentQuantile, studentTwoSided } from './special.js';
import { srmTest, summarize, type VariantSummary, welchTest } from './stats.js';

interface FixtureCase {
  name: string;
  confidence: number;
  weights: number[] | null;
  control: string;
  variants: VariantSummary[];
  comparisons: Record<string, number | string>[];
  srm: { chi2: number; p_value: number };
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/welch-scipy.json', import.meta.url), 'utf8')) as {
  cases: FixtureCase[];
};

/** Relative error, absolute near zero (a difference of ~1e-17 on a value that should be 0 is not an error). */
function close(actual: number | null, expected: number, tol = 1e-9): void {
  expect(actual).not.toBeNull();
  const err = Math.abs((actual as number) - expected) / Math.max(Math.abs(expected), 1e-12);
  if (err > tol) expect.fail(`${actual} vs scipy ${expected}: relative error ${err.toExponential(2)}`);
}

describe('Welch t-test and SRM match scipy to 1e-9 relative', () => {
  test('the fixture has the cases the issue asks for', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(20);
    expect(fixture.cases.some((c) => c.variants.length >= 3)).toBe(true);
    expect(fixture.cases.some((c) => c.srm.p_value < 0.001)).toBe(true);
  });
  test.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const control = c.variants.find((v) => v.name === c.control)!;
    for (const expected of c.comparisons) {
      const treatment = c.variants.find((v) => v.name === expected.variant)!;
      const r = welchTest(treatment, control, c.confidence);
      for (const key of [
        't',
        'p_value',
        'df',
        'se',
        'diff',
        'ci_low',
        'ci_high',
        'lift',
        'lift_ci_low',
        'lift_ci_high',
      ] as const) {
        close(r[key], expected[key] as number);
      }
      close(studentQuantile(1 - (1 - c.confidence) / 2, r.df!), expected.t_quantile as number);
      // scipy 1.10's t.ppf is good to ~4e-10; against a 40-digit mpmath root ours is far closer.
      close(studentQuantile(1 - (1 - c.confidence) / 2, r.df!), expected.t_quantile_mpmath as number, 1e-13);
    }
    const srm = srmTest(
      c.variants.map((v) => v.n),
      c.weights ?? undefined,
    );
    close(srm.chi2, c.srm.chi2);
    close(srm.p_value, c.srm.p_value);
    expect(srm.flagged).toBe(c.srm.p_value < 0.001);
  });
});

describe('distribution functions', () => {
  test('known values', () => {
    // t with 1 df is Cauchy: P(|T| > 1) = 0.5 exactly; quantile of 0.975 is tan(0.475 pi).
    close(studentTwoSided(1, 1), 0.5, 1e-13);
    close(studentQuantile(0.975, 1), Math.tan(0.475 * Math.PI), 1e-12);
    // t with 2 df has a closed form: P(|T| > t) = 1 - t / sqrt(2 + t^2).
    close(studentTwoSided(3, 2), 1 - 3 / Math.sqrt(11), 1e-13);
    // chi-square with 2 df is exponential: P(X > x) = exp(-x / 2).
    close(chiSquareSf(7.3, 2), Math.exp(-3.65), 1e-13);
    close(chiSquareSf(80, 2), Math.exp(-40), 1e-12);
    expect(studentQuantile(0.5, 7)).toBe(0);
    close(studentQuantile(0.025, 7), -studentQuantile(0.975, 7), 1e-15);
  });
  test('huge df approaches the normal distribution', () => {
    close(studentQuantile(0.975, 1e9), 1.959963984540054, 1e-8);
  });
});

describe('edge cases', () => {
  const a = summarize('A', [1, 2, 3]);
  test('fewer than two rows: the difference only', () => {
    const r = welchTest(summarize('B', [5]), a, 0.95);
    expect(r).toEqual({
      diff: 3,
      se: null,
      t: null,
      df: null,
      p_value: null,
      ci_low: null,
      ci_high: null,
      lift: 1.5,
      lift_ci_low: null,
      lift_ci_high: null,
    });
  });
  test('zero variance in both groups: no test', () => {
    const r = welchTest(summarize('B', [2, 2]), summarize('A', [1, 1]), 0.95);
    expect(r.diff).toBe(1);
    expect(r.se).toBe(0);
    expect(r.p_value).toBeNull();
    expect(r.ci_low).toBeNull();
  });
  test('zero variance in one group: df is the other group n - 1', () => {
    const r = welchTest(summarize('B', [1, 2, 3, 4]), summarize('A', [1, 1, 1]), 0.95);
    expect(r.df).toBeCloseTo(3, 12);
  });
  test('a control mean of 0 has no lift', () => {
    const r = welchTest(summarize('B', [0, 1]), summarize('A', [0, 0, 0]), 0.95);
    expect(r.lift).toBeNull();
    expect(r.lift_ci_low).toBeNull();
    expect(r.diff).toBe(0.5);
  });
  test('an empty group has no mean', () => {
    expect(welchTest(summarize('B', []), a, 0.95).diff).toBeNull();
  });
  test('a single variant has no SRM test', () => {
    expect(srmTest([100])).toEqual({ chi2: null, df: 0, p_value: null, flagged: false });
    expect(srmTest([0, 0])).toEqual({ chi2: null, df: 1, p_value: null, flagged: false });
  });
  test('an exact split gives chi2 0 and p 1', () => {
    expect(srmTest([500, 500])).toEqual({ chi2: 0, df: 1, p_value: 1, flagged: false });
  });
});
