import type { Parsed } from '../metrics/index.js';
import type { AbTestSpec } from './schema.js';
import { type SrmResult, srmTest, type VariantSummary, type WelchResult, welchTest } from './stats.js';
import { describeAbTest } from './summary.js';

/** One result row of `compileAbTest(spec).result`, as plain JS values. */
export interface AbTestRow {
  variant: string;
  n: number;
  mean: number | null;
  variance: number | null;
  non_binary: number;
}

/** One treatment-vs-control comparison of the JSON (cli.md field names, plus `se` and `t`). */
export interface AbTestComparison extends WelchResult {
  variant: string;
  control: string;
}

/** The A/B result as cli.md's JSON minus `options`. */
export interface AbTestResult {
  srm: SrmResult & { expected_shares: Record<string, number> | null };
  variants: { name: string; n: number; mean: number | null; variance: number | null }[];
  control: string | null;
  /** `conversion` when every value is 0 or 1 (rates in points), else `numeric`. */
  kind: 'conversion' | 'numeric';
  test: "Welch's t-test";
  confidence: number;
  comparisons: AbTestComparison[];
  summary: string;
  warnings: string[];
}

/** Byte order of UTF-8 strings (metrics.md: "the first in byte order"). */
export function compareBytes(a: string, b: string): number {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** The control variant: the one asked for, else one named `control`, else the first in byte order. */
export function chooseControl(names: string[], asked?: string): Parsed<string> {
  const sorted = [...names].sort(compareBytes);
  if (asked !== undefined) {
    if (names.includes(asked)) return { ok: true, value: asked };
    return {
      ok: false,
      error: `There is no variant "${asked}" to use as the control; the variants are ${sorted.map((n) => `"${n}"`).join(', ')}.`,
    };
  }
  const first = names.includes('control') ? 'control' : sorted[0];
  return first === undefined
    ? { ok: false, error: 'There are no rows with a variant and a metric value.' }
    : { ok: true, value: first };
}

/** Turns the per-variant rows into cli.md's A/B JSON: SRM, variants, Welch comparisons and a plain summary. */
export function abtestResultFromRows(rows: AbTestRow[], spec: AbTestSpec): AbTestResult {
  const sorted = [...rows].sort((a, b) => compareBytes(a.variant, b.variant));
  const summaries: VariantSummary[] = sorted.map((r) => ({
    name: r.variant,
    n: r.n,
    mean: r.mean,
    variance: r.n < 2 ? null : r.variance,
  }));
  const warnings: string[] = [];
  const control = sorted.length
    ? chooseControl(
        sorted.map((r) => r.variant),
        spec.control,
      )
    : null;
  if (control && !control.ok) throw new Error(control.error);
  const controlName = control?.ok ? control.value : null;
  const srm = srmFor(summaries, spec, warnings);
  const comparisons: AbTestComparison[] = [];
  const c = summaries.find((s) => s.name === controlName);
  if (c) {
    for (const t of summaries) {
      if (t.name === c.name) continue;
      comparisons.push({ variant: t.name, control: c.name, ...welchTest(t, c, spec.confidence) });
    }
  }
  const kind = sorted.every((r) => r.non_binary === 0) ? 'conversion' : 'numeric';
  const result: AbTestResult = {
    srm,
    variants: summaries.map((s) => ({ name: s.name, n: s.n, mean: s.mean, variance: s.variance })),
    control: controlName,
    kind,
    test: "Welch's t-test",
    confidence: spec.confidence,
    comparisons,
    summary: '',
    warnings,
  };
  result.summary = describeAbTest(result);
  return result;
}

function srmFor(summaries: VariantSummary[], spec: AbTestSpec, warnings: string[]): AbTestResult['srm'] {
  const counts = summaries.map((s) => s.n);
  if (!spec.weights) {
    const share = 1 / Math.max(summaries.length, 1);
    return { ...srmTest(counts), expected_shares: Object.fromEntries(summaries.map((s) => [s.name, share])) };
  }
  const weights = spec.weights;
  const missing = summaries.filter((s) => weights[s.name] === undefined).map((s) => `"${s.name}"`);
  if (missing.length) {
    warnings.push(
      `No expected weight was given for ${missing.join(', ')}, so the sample-ratio check was skipped; give a weight for every variant.`,
    );
    return {
      chi2: null,
      df: Math.max(summaries.length - 1, 0),
      p_value: null,
      flagged: false,
      expected_shares: null,
    };
  }
  const w = summaries.map((s) => weights[s.name]!);
  const total = w.reduce((a, b) => a + b, 0);
  return {
    ...srmTest(counts, w),
    expected_shares: Object.fromEntries(summaries.map((s, i) => [s.name, w[i]! / total])),
  };
}
