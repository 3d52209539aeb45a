import type { JsonRow } from '@sightline/engine';
import { type FunnelExclusion, parseExclusion } from '@sightline/spec';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit.js';
import { type MetricFlags, type MetricTable, pct, runMetricCommand, shortDuration } from './metrics.js';

/** Flags of `sightline funnel`. */
export interface FunnelFlags extends MetricFlags {
  steps?: string;
  window?: string;
  order?: string;
  anchor?: string;
  by?: string;
  exclude?: string[];
  tiebreak?: string;
}

interface Step {
  name: string;
  users: number;
  conversion_from_start: number | null;
  conversion_from_previous: number | null;
  median_seconds_to_convert: number | null;
}

/** `sightline funnel --from T --steps a,b,c ...` (metrics.md section 1). */
export async function funnelCommand(ctx: CliContext, flags: FunnelFlags): Promise<void> {
  const steps = (flags.steps ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (steps.length < 2) {
    throw new UsageError('A funnel needs at least two steps: --steps first,second[,third...].', [
      'Example: sightline funnel --from events --steps signup,project_created,invite_sent',
    ]);
  }
  const exclusions = (flags.exclude ?? []).map(toExclusion);
  await runMetricCommand(
    ctx,
    'funnel',
    flags,
    {
      steps: steps.map((event) => ({ event })),
      window: flags.window,
      order: flags.order,
      anchor: flags.anchor,
      breakdown: flags.by,
      tiebreak: flags.tiebreak,
      exclusions: exclusions.length > 0 ? exclusions : undefined,
    },
    (output) => {
      const r = output.result as { steps: Step[]; groups?: { key: unknown; steps: Step[] }[] };
      const block = (heading: string | undefined, s: Step[]): MetricTable => ({
        heading,
        columns: [
          { name: 'step', type: 'VARCHAR' },
          { name: 'users', type: 'BIGINT' },
          { name: 'from start', type: 'DOUBLE' },
          { name: 'from previous', type: 'DOUBLE' },
          { name: 'median time', type: 'VARCHAR' },
        ],
        rows: s.map(
          (x, i): JsonRow => ({
            step: `${i + 1}. ${x.name}`,
            users: x.users,
            'from start': pct(x.conversion_from_start),
            'from previous': i === 0 ? '' : pct(x.conversion_from_previous),
            'median time': shortDuration(x.median_seconds_to_convert),
          }),
        ),
      });
      return [
        block(r.groups ? 'All users' : undefined, r.steps),
        ...(r.groups ?? []).map((g) =>
          block(`${flags.by} = ${g.key === null ? '(none)' : String(g.key)}`, g.steps),
        ),
      ];
    },
  );
}

function toExclusion(text: string): FunnelExclusion {
  const parsed = parseExclusion(text);
  if (!parsed.ok) {
    throw new UsageError(`--exclude ${parsed.error}.`, [
      'Example: --exclude churn:1:3 drops users who churned between step 1 and step 3.',
    ]);
  }
  return parsed.value;
}
