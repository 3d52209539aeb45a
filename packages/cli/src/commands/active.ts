import type { JsonRow } from '@sightline/engine';
import type { CliContext } from '../context.js';
import { type MetricFlags, pct, runMetricCommand } from './metrics.js';

/** Flags of `sightline active`. */
export interface ActiveFlags extends MetricFlags {
  event?: string;
  histogram?: string;
}

interface Day {
  day: string;
  dau: number;
  wau: number;
  mau: number;
  stickiness: number | null;
  partial: boolean;
}

/** `sightline active --from T [--event E]`: DAU, WAU, MAU and stickiness per day (metrics.md section 3). */
export async function activeCommand(ctx: CliContext, flags: ActiveFlags): Promise<void> {
  await runMetricCommand(
    ctx,
    'active',
    flags,
    { event: flags.event === undefined ? undefined : { event: flags.event }, histogram: flags.histogram },
    (answer) => {
      const r = answer.result as {
        days: Day[];
        histogram?: { period: string; days: number; actors: number }[];
      };
      return [
        {
          columns: [
            { name: 'day', type: 'DATE' },
            { name: 'DAU', type: 'BIGINT' },
            { name: 'WAU', type: 'BIGINT' },
            { name: 'MAU', type: 'BIGINT' },
            { name: 'stickiness', type: 'DOUBLE' },
            { name: 'note', type: 'VARCHAR' },
          ],
          rows: r.days.map(
            (d): JsonRow => ({
              day: d.day,
              DAU: d.dau,
              WAU: d.wau,
              MAU: d.mau,
              stickiness: pct(d.stickiness),
              note: d.partial ? 'partial (less than 30 days of data before)' : '',
            }),
          ),
        },
      ];
    },
  );
}
