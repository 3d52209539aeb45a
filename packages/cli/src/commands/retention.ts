import type { JsonRow } from '@sightline/engine';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit.js';
import { type MetricFlags, pct, runMetricCommand } from './metrics.js';

/** Flags of `sightline retention`. */
export interface RetentionFlags extends MetricFlags {
  start?: string;
  return?: string;
  period?: string;
  periods?: string;
  cohort?: string;
  criterion?: string;
}

interface Cohort {
  cohort: string;
  size: number;
  retained: (number | null)[];
  shares?: (number | null)[];
}

/** `sightline retention --from T --start E ...` (metrics.md section 2). */
export async function retentionCommand(ctx: CliContext, flags: RetentionFlags): Promise<void> {
  if (!flags.start) {
    throw new UsageError('Say which event puts a user in a cohort with --start EVENT.', [
      'Example: sightline retention --from events --start signup --period week',
    ]);
  }
  const periods = flags.periods === undefined ? undefined : Number(flags.periods);
  if (periods !== undefined && (!Number.isInteger(periods) || periods < 0)) {
    throw new UsageError(`--periods needs a whole number, not "${flags.periods}".`);
  }
  await runMetricCommand(
    ctx,
    'retention',
    flags,
    {
      start: { event: flags.start },
      return: flags.return === undefined || flags.return === 'any' ? flags.return : { event: flags.return },
      period: flags.period,
      periods,
      cohort: flags.cohort,
      criterion: flags.criterion,
    },
    (output) => {
      const r = output.result as { cohorts: Cohort[] };
      const n = ((output.options.periods as number | undefined) ?? 8) + 1;
      const unit = (output.options.period as string | undefined) ?? 'week';
      const ks = Array.from({ length: n }, (_, k) => `${unit} ${k}`);
      return [
        {
          columns: [
            { name: 'cohort', type: 'DATE' },
            { name: 'users', type: 'BIGINT' },
            ...ks.map((name) => ({ name, type: 'DOUBLE' })),
          ],
          rows: r.cohorts.map((c): JsonRow => {
            const row: JsonRow = { cohort: c.cohort, users: c.size };
            ks.forEach((name, k) => {
              const kept = c.retained[k];
              row[name] = kept === null || kept === undefined ? '' : pct(kept / c.size);
            });
            return row;
          }),
        },
      ];
    },
  );
}
