/** A timeline bucket width. */
export interface LogInterval {
  /** Short name, e.g. `5m`. */
  label: string;
  seconds: number;
}

const STEPS: [string, number][] = [
  ['1s', 1],
  ['2s', 2],
  ['5s', 5],
  ['10s', 10],
  ['15s', 15],
  ['30s', 30],
  ['1m', 60],
  ['2m', 120],
  ['5m', 300],
  ['10m', 600],
  ['15m', 900],
  ['30m', 1800],
  ['1h', 3600],
  ['2h', 7200],
  ['3h', 10800],
  ['6h', 21600],
  ['12h', 43200],
  ['1d', 86400],
  ['7d', 604800],
];
const MAX_BUCKETS = 120;

/** The narrowest bucket width that keeps `spanSeconds` within 120 buckets (so about 50-120 of them). */
export function autoInterval(spanSeconds: number): LogInterval {
  const step = STEPS.find(([, s]) => Math.ceil(spanSeconds / s) <= MAX_BUCKETS) ?? STEPS[STEPS.length - 1]!;
  return { label: step[0], seconds: step[1] };
}

/** A named width (`30s`, `5m`, `1h`, `1d`...), or undefined when the name is not one of the offered widths. */
export function namedInterval(label: string): LogInterval | undefined {
  const step = STEPS.find(([l]) => l === label);
  return step ? { label: step[0], seconds: step[1] } : undefined;
}

/** The widths the timeline offers, narrowest first. */
export function intervalLabels(): string[] {
  return STEPS.map(([l]) => l);
}
