import type { AbTestComparison, AbTestResult } from './result.js';

const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const signed = (text: string, x: number) =>
  x > 0 ? `+${text}` : x < 0 && !text.startsWith('-') ? `-${text}` : text;

/** A number for people: 3 significant digits, whole numbers with separators from 100 up. */
export function formatNumber(x: number): string {
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-US');
  return Number(x.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 20 });
}

/** `p = 0.013` (two significant digits), or `p < 0.001`. */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${Number(p.toPrecision(2))}`;
}

function formatLift(lift: number): string {
  const v = Math.abs(lift * 100);
  return signed(`${v >= 10 ? Math.round(v) : Number(v.toFixed(1))}%`, lift);
}

function sentence(c: AbTestComparison, r: AbTestResult): string {
  const t = r.variants.find((v) => v.name === c.variant)!;
  const k = r.variants.find((v) => v.name === c.control)!;
  if (t.mean === null || k.mean === null) return `${c.variant} has no rows to compare with ${c.control}.`;
  const conversion = r.kind === 'conversion';
  const level = (m: number) => (conversion ? pct(m) : formatNumber(m));
  let s = conversion
    ? `${c.variant} converts ${level(t.mean)} vs ${level(k.mean)} for ${c.control}`
    : `${c.variant} averages ${level(t.mean)} vs ${level(k.mean)} for ${c.control}`;
  if (c.lift !== null) s += `, ${formatLift(c.lift)} relative`;
  if (c.ci_low === null || c.ci_high === null || c.p_value === null) {
    const why =
      t.n < 2 || k.n < 2
        ? 'too few actors to test the difference (at least 2 per variant are needed)'
        : 'every value is the same within each variant, so there is no spread to test against';
    return `${s}; ${why}.`;
  }
  const conf = `${Number((r.confidence * 100).toFixed(1))}%`;
  const ends = conversion
    ? [c.ci_low, c.ci_high].map((x) => signed(Math.abs(x * 100).toFixed(1), x))
    : [c.ci_low, c.ci_high].map((x) => signed(formatNumber(Math.abs(x)), x));
  s += `; the ${conf} interval for the difference is ${ends[0]} to ${ends[1]}${conversion ? ' points' : ''}; ${formatP(c.p_value)} (Welch's t-test).`;
  return s;
}

/** The plain-words summary (metrics.md section 4): a flagged SRM first, then one sentence per treatment. */
export function describeAbTest(r: AbTestResult): string {
  const parts: string[] = [];
  if (r.srm.flagged && r.srm.p_value !== null) {
    const sizes = r.variants.map((v) => `${v.name} ${v.n.toLocaleString('en-US')}`).join(', ');
    parts.push(
      `Sample ratio mismatch: the variant sizes (${sizes}) are unlikely under the expected split (${formatP(r.srm.p_value)}); ` +
        'check how actors were assigned before trusting the comparison below.',
    );
  }
  if (r.variants.length === 0) parts.push('There are no rows with a variant and a metric value.');
  else if (r.variants.length === 1)
    parts.push(`Only one variant (${r.variants[0]!.name}) is in the data: there is nothing to compare.`);
  for (const c of r.comparisons) parts.push(sentence(c, r));
  return parts.join(' ');
}
