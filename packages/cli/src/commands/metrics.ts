import type { JsonRow, JsonValue, MetricInput, MetricOutput, MetricTarget } from '@sightline/engine';
import {
  describeEventSource,
  duckdbTarget,
  liveTarget,
  metricOptions,
  metricSql,
  runMetric,
} from '@sightline/engine';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit.js';
import { plural } from '../output/human.js';
import { openNamedConnection } from './live.js';

/** Flags every metric command takes (shared spec/cli.md). */
export interface MetricFlags {
  from?: string;
  since?: string;
  until?: string;
  tz?: string;
  actorCol?: string;
  eventCol?: string;
  timeCol?: string;
  on?: string;
  sql?: boolean;
}

/** A metric's rows for table/csv/markdown output: columns and rows, plus an optional heading per block. */
export interface MetricTable {
  heading?: string;
  columns: { name: string; type: string }[];
  rows: JsonRow[];
}

/**
 * Runs a metric command: resolves the source and its column roles on the chosen engine, builds the spec with
 * `build`, then prints the SQL (`--sql`) or the result (one JSON object, or readable tables via `tables`).
 */
export async function runMetricCommand(
  ctx: CliContext,
  metric: string,
  flags: MetricFlags,
  build: (events: Record<string, unknown>) => Record<string, unknown>,
  tables: (output: MetricOutput) => MetricTable[],
): Promise<void> {
  if (!flags.from)
    throw new UsageError(`Say which table holds the events with --from TABLE.`, [
      `Example: sightline ${metric} --from events ...`,
    ]);
  const conn = flags.on ? await openNamedConnection(ctx, flags.on) : undefined;
  try {
    const target: MetricTarget = conn ? liveTarget(conn) : duckdbTarget(await ctx.backend());
    const source = await describeEventSource(target, flags.from, {
      actor: flags.actorCol,
      event: flags.eventCol,
      time: flags.timeCol,
    });
    const events = {
      source: source.source,
      actor: source.roles.actor,
      event: source.roles.event,
      time: source.roles.time,
      timeKind: source.roles.timeKind,
    };
    const range = { since: flags.since, until: flags.until, tz: flags.tz };
    const input: MetricInput = {
      version: 1,
      metric,
      events,
      ...dropUndefined(range),
      ...dropUndefined(build(events)),
    };
    if (flags.sql) {
      await ctx.out(`${metricSql(target, input).sql}\n`);
      return;
    }
    const output = await runMetric(target, input);
    const options = metricOptions(output, { from: flags.from });
    for (const w of output.warnings) ctx.note(`warning: ${w}`);
    if (ctx.format === 'json' || ctx.format === 'ndjson') {
      const body = { options, ...output.result, stats: output.stats, sql: output.sql } as Record<
        string,
        JsonValue
      >;
      await ctx.out(`${JSON.stringify(body, null, ctx.format === 'json' ? 2 : undefined)}\n`);
      return;
    }
    const blocks = tables(output);
    for (const [i, block] of blocks.entries()) {
      if (block.heading && ctx.format !== 'csv') await ctx.out(`${i > 0 ? '\n' : ''}${block.heading}\n`);
      await ctx.printRows(block.columns, [block.rows], { footer: false });
    }
    if (ctx.format === 'table') {
      ctx.note(`\n${source.roles.reasons.join('; ')}.`);
      ctx.note(statsLine(output));
      ctx.note('See the SQL with --sql; get every figure with --format json.');
    }
  } finally {
    await conn?.close();
  }
}

function statsLine(output: MetricOutput): string {
  const s = output.stats;
  const rows = Number(s.rows_considered ?? s.rows ?? 0);
  const ignored = Number(s.rows_ignored ?? s.ignored_rows ?? 0);
  const actors = Number(s.actors_considered ?? s.actors ?? 0);
  return `Computed in ${output.engine} from ${plural(rows, 'row')} (${plural(actors, 'user')}; ${plural(ignored, 'row')} ignored: no user id) in ${Math.round(output.elapsedMs)} ms.`;
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** A share as a percentage with one decimal, or empty for null. */
export function pct(x: JsonValue | undefined): string {
  return typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : '';
}

/** Seconds as a short duration ("1 h 5 min", "3 d 4 h"), or empty for null. */
export function shortDuration(seconds: JsonValue | undefined): string {
  if (typeof seconds !== 'number') return '';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86_400)} d ${Math.round((seconds % 86_400) / 3600)} h`;
}
