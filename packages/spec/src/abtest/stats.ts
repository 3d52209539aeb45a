import { chiSquareSf, studentQuantile, studentTwoSided } from './special.js';

/** Summary of one variant: count, mean and sample variance (n - 1 denominator; null when n < 2). */
export interface VariantSummary {
  name: string;
  n: number;
  mean: number | null;
  variance: number | null;
}

/** Welch's t-test of a treatment against the control (metrics.md section 4); null where undefined. */
export interface WelchResult {
  diff: number | null;
  se: number | null;
  t: number | null;
  df: number | null;
  p_value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  lift: number | null;
  lift_ci_low: number | null;
  lift_ci_high: number | null;
}

/** Sample-ratio-mismatch check: Pearson chi-square of the counts against the expected split. */
export interface SrmResult {
  chi2: number | null;
  df: number;
  p_value: number | null;
  flagged: boolean;
}

/** SRM is flagged below this p-value (metrics.md section 4). */
export const SRM_THRESHOLD = 0.001;

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Welch's unequal-variance t-test with Welch-Satterthwaite df, its interval, and the delta-method lift interval. */
export function welchTest(
  treatment: VariantSummary,
  control: VariantSummary,
  confidence: number,
): WelchResult {
  const none: WelchResult = {
    diff: null,
    se: null,
    t: null,
    df: null,
    p_value: null,
    ci_low: null,
    ci_high: null,
    lift: null,
    lift_ci_low: null,
    lift_ci_high: null,
  };
  const { mean: mt, variance: vt, n: nt } = treatment;
  const { mean: mc, variance: vc, n: nc } = control;
  if (mt === null || mc === null) return none;
  const diff = mt - mc;
  const lift = mc === 0 ? null : diff / mc;
  if (vt === null || vc === null || nt < 2 || nc < 2) return { ...none, diff, lift };
  const at = vt / nt;
  const ac = vc / nc;
  const se2 = at + ac;
  const se = Math.sqrt(se2);
  const df = (se2 * se2) / ((at * at) / (nt - 1) + (ac * ac) / (nc - 1));
  if (!(se > 0) || !Number.isFinite(df)) return { ...none, diff, se, lift };
  const t = diff / se;
  const p = studentTwoSided(t, df);
  const q = studentQuantile(1 - (1 - confidence) / 2, df);
  const out: WelchResult = {
    diff,
    se,
    t,
    df,
    p_value: finite(p),
    ci_low: diff - q * se,
    ci_high: diff + q * se,
    lift,
    lift_ci_low: null,
    lift_ci_high: null,
  };
  if (lift !== null) {
    const liftVar = vt / (nt * mc * mc) + (mt * mt * vc) / (nc * mc ** 4);
    const half = q * Math.sqrt(liftVar);
    out.lift_ci_low = lift - half;
    out.lift_ci_high = lift + half;
  }
  return out;
}

/**
 * Pearson chi-square goodness of fit of the observed counts against `weights` (equal when omitted), df = k - 1.
 * With fewer than two groups or no rows there is nothing to test (p null, not flagged).
 */
export function srmTest(counts: number[], weights?: number[]): SrmResult {
  const k = counts.length;
  const total = counts.reduce((a, b) => a + b, 0);
  if (k < 2 || total === 0) return { chi2: null, df: Math.max(k - 1, 0), p_value: null, flagged: false };
  const w = weights ?? counts.map(() => 1);
  const wTotal = w.reduce((a, b) => a + b, 0);
  let chi2 = 0;
  for (let i = 0; i < k; i++) {
    const expected = (total * w[i]!) / wTotal;
    chi2 += (counts[i]! - expected) ** 2 / expected;
  }
  const p = chiSquareSf(chi2, k - 1);
  return { chi2, df: k - 1, p_value: p, flagged: p < SRM_THRESHOLD };
}

/** Mean and sample variance of raw values (used by tests and the reference; the engine uses SQL aggregates). */
export function summarize(name: string, values: number[]): VariantSummary {
  const n = values.length;
  if (n === 0) return { name, n, mean: null, variance: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { name, n, mean, variance: null };
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { name, n, mean, variance: ss / (n - 1) };
}
