import type { AbTestComparison, AbTestResult } from '@sightline/spec';
import { count, num, pct, pValue, signed } from './metric-format.js';

/** The confidence level as people write it: 0.95 -> "95%". */
export function confidenceLabel(confidence: number): string {
  return `${Number((confidence * 100).toFixed(1))}%`;
}

/** Whether the difference is unlikely to be chance at the chosen confidence (the interval excludes 0). */
export function isSignificant(c: AbTestComparison, confidence: number): boolean {
  return c.p_value !== null && c.p_value < 1 - confidence;
}

/**
 * One comparison in plain words, the answer first: "B converts 12.1% vs A 10.0%: +2.1 points (95% CI +0.6 to
 * +3.6), p = 0.004 — likely a real difference".
 */
export function headline(c: AbTestComparison, r: AbTestResult): string {
  const t = r.variants.find((v) => v.name === c.variant);
  const k = r.variants.find((v) => v.name === c.control);
  if (!t || !k || t.mean === null || k.mean === null) {
    return `${c.variant} has no users to compare with ${c.control}.`;
  }
  const conversion = r.kind === 'conversion';
  const level = (m: number) => (conversion ? pct(m) : num(m));
  const start = conversion
    ? `${c.variant} converts ${level(t.mean)} vs ${c.control} ${level(k.mean)}`
    : `${c.variant} averages ${level(t.mean)} vs ${c.control} ${level(k.mean)}`;
  if (c.diff === null || c.ci_low === null || c.ci_high === null || c.p_value === null) {
    const why =
      t.n < 2 || k.n < 2
        ? 'too few users to test the difference (at least 2 per variant are needed)'
        : 'every value is the same within each variant, so there is nothing to test';
    return `${start}: ${why}.`;
  }
  const amount = (x: number) => (conversion ? signed(x * 100) : signedNumber(x));
  const unit = conversion ? ' points' : '';
  const conf = confidenceLabel(r.confidence);
  const verdict = isSignificant(c, r.confidence)
    ? 'likely a real difference'
    : `could be chance (the ${conf} interval includes no difference)`;
  return `${start}: ${amount(c.diff)}${unit} (${conf} CI ${amount(c.ci_low)} to ${amount(c.ci_high)}), ${pValue(c.p_value)} — ${verdict}`;
}

function signedNumber(x: number): string {
  const text = num(Math.abs(x));
  return x > 0 ? `+${text}` : x < 0 ? `-${text}` : text;
}

/** The relative lift line: "Relative lift +21% (95% CI +3% to +39%)", or null when it is not defined. */
export function liftLine(c: AbTestComparison, confidence: number): string | null {
  if (c.lift === null) return null;
  const p = (x: number) => `${signed(x * 100, Math.abs(x) >= 0.1 ? 0 : 1)}%`;
  const ci =
    c.lift_ci_low === null || c.lift_ci_high === null
      ? ''
      : ` (${confidenceLabel(confidence)} CI ${p(c.lift_ci_low)} to ${p(c.lift_ci_high)})`;
  return `Relative lift ${p(c.lift)}${ci}`;
}

/** The sample-ratio warning, shown before anything else when the split is off (metrics.md section 4). */
export function srmWarning(r: AbTestResult): string | null {
  if (!r.srm.flagged || r.srm.p_value === null) return null;
  const sizes = r.variants.map((v) => `${v.name} ${count(v.n)}`).join(', ');
  return `Sample ratio mismatch: the variant sizes (${sizes}) are unlikely under the expected split (${pValue(r.srm.p_value)}, chi-square test). Check how users were assigned before trusting the result below.`;
}

/** The tests used, named: Welch's t-test for the difference, chi-square for the split. */
export function testsLine(r: AbTestResult): string {
  const srm =
    r.srm.p_value === null
      ? 'the sample-ratio check was skipped'
      : `sample-ratio check: chi-square goodness of fit, ${pValue(r.srm.p_value)}${r.srm.flagged ? ' (mismatch)' : ' (no mismatch)'}`;
  return `${r.test} (two-sided, unequal variances); ${srm}.`;
}
