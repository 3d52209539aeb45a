import type { JsonRow } from '@sightline/engine';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit.js';
import { type MetricFlags, runMetricCommand } from './metrics.js';

/** Flags of `sightline abtest`. */
export interface AbTestFlags extends MetricFlags {
  variant?: string;
  metric?: string;
  control?: string;
  confidence?: string;
  assignments?: string;
  goal?: string;
  window?: string;
}

interface Variant {
  name: string;
  n: number;
  mean: number | null;
}

interface Comparison {
  variant: string;
  control: string;
  diff: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p_value: number | null;
  lift: number | null;
}

/** `sightline abtest --from T --variant COL --metric COL [--control V]` (metrics.md section 4). */
export async function abtestCommand(ctx: CliContext, flags: AbTestFlags): Promise<void> {
  const eventForm = flags.assignments !== undefined;
  if (eventForm && (!flags.goal || flags.metric)) {
    throw new UsageError(
      'With --assignments, name the goal event with --goal EVENT (a user converts with a goal row after assignment).',
      [
        'Example: sightline abtest --from events --assignments experiment_assignments --goal checkout_completed',
      ],
    );
  }
  if (!eventForm && (flags.goal || flags.window)) {
    throw new UsageError('--goal and --window need --assignments TABLE (who got which variant, and when).', [
      'Example: sightline abtest --from events --assignments experiment_assignments --goal checkout_completed',
    ]);
  }
  if (!eventForm && (!flags.variant || !flags.metric)) {
    throw new UsageError('Name the variant column and the metric column: --variant COL --metric COL.', [
      'Example: sightline abtest --from checkout_results --variant variant --metric converted',
    ]);
  }
  const confidence = flags.confidence === undefined ? undefined : Number(flags.confidence);
  if (confidence !== undefined && !(confidence > 0 && confidence < 1)) {
    throw new UsageError(
      `--confidence needs a number between 0 and 1 (e.g. 0.95), not "${flags.confidence}".`,
    );
  }
  const options = eventForm
    ? { goal: { event: flags.goal }, window: flags.window, control: flags.control, confidence }
    : { variant: flags.variant, outcome: flags.metric, control: flags.control, confidence };
  await runMetricCommand(
    ctx,
    'abtest',
    flags,
    options,
    (answer) => {
      const r = answer.result as { variants: Variant[]; comparisons: Comparison[]; summary: string };
      const num = (x: number | null, digits = 4) => (x === null ? '' : Number(x.toPrecision(digits)));
      return [
        {
          heading: r.summary,
          columns: [
            { name: 'variant', type: 'VARCHAR' },
            { name: 'users', type: 'BIGINT' },
            { name: 'mean', type: 'DOUBLE' },
          ],
          rows: r.variants.map((v): JsonRow => ({ variant: v.name, users: v.n, mean: num(v.mean) })),
        },
        {
          heading: 'Against the control:',
          columns: [
            { name: 'variant', type: 'VARCHAR' },
            { name: 'difference', type: 'DOUBLE' },
            { name: 'interval', type: 'VARCHAR' },
            { name: 'lift', type: 'VARCHAR' },
            { name: 'p', type: 'DOUBLE' },
          ],
          rows: r.comparisons.map(
            (c): JsonRow => ({
              variant: `${c.variant} vs ${c.control}`,
              difference: num(c.diff),
              interval: c.ci_low === null ? '' : `${num(c.ci_low)} to ${num(c.ci_high)}`,
              lift: c.lift === null ? '' : `${(c.lift * 100).toFixed(1)}%`,
              p: num(c.p_value, 3),
            }),
          ),
        },
      ];
    },
    eventForm
      ? {
          assignments: {
            from: flags.assignments as string,
            ...(flags.variant ? { variantCol: flags.variant } : {}),
          },
        }
      : {},
  );
}
