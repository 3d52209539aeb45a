import type { JsonRow, JsonValue, MetricAnswer, MetricRequest, MetricTarget } from '@sightline/engine';
import { answerMetric, duckdbTarget, liveTarget, metricRequestSql } from '@sightline/engine';
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
 * Runs a metric command on the workspace or, with --on, inside a live database: prints the SQL (`--sql`), one
 * JSON object (json/ndjson), or readable tables made by `tables` with notes on how it was computed.
 */
export async function runMetricCommand(
  ctx: CliContext,
  metric: string,
  flags: MetricFlags,
  options: Record<string, unknown>,
  tables: (answer: MetricAnswer) => MetricTable[],
  extra: Pick<MetricRequest, 'assignments'> = {},
): Promise<void> {
  if (!flags.from) {
    throw new UsageError('Say which table holds the events with --from TABLE.', [
      `Example: sightline ${metric} --from events ...`,
    ]);
  }
  const request: MetricRequest = {
    metric,
    from: flags.from,
    actorCol: flags.actorCol,
    eventCol: flags.eventCol,
    timeCol: flags.timeCol,
    since: flags.since,
    until: flags.until,
    tz: flags.tz,
    options,
    ...extra,
  };
  const conn = flags.on ? await openNamedConnection(ctx, flags.on) : undefined;
  try {
    const target: MetricTarget = conn ? liveTarget(conn) : duckdbTarget(await ctx.backend());
    if (flags.sql) {
      await ctx.out(`${await metricRequestSql(target, request)}\n`);
      return;
    }
    const answer = await answerMetric(target, request);
    for (const w of answer.warnings) ctx.note(`warning: ${w}`);
    if (ctx.format === 'json' || ctx.format === 'ndjson') {
      const body = { options: answer.options, ...answer.result, stats: answer.stats, sql: answer.sql };
      await ctx.out(`${JSON.stringify(body, null, ctx.format === 'json' ? 2 : undefined)}\n`);
      return;
    }
    const blocks = tables(answer);
    for (const [i, block] of blocks.entries()) {
      if (block.heading && ctx.format !== 'csv') await ctx.out(`${i > 0 ? '\n' : ''}${block.heading}\n`);
      await ctx.printRows(block.columns, [block.rows], { footer: false });
    }
    if (ctx.format === 'table') {
      if (answer.roles.length > 0) ctx.note(`\n${answer.roles.join('; ')}.`);
      ctx.note(statsLine(answer));
      ctx.note('See the SQL with --sql; get every figure with --format json.');
    }
  } finally {
    await conn?.close();
  }
}

function statsLine(answer: MetricAnswer): string {
  const s = answer.stats;
  const rows = Number(s.rows_considered ?? s.rows ?? 0);
  const ignored = Number(s.rows_ignored ?? s.ignored_rows ?? 0);
  const actors = s.actors_considered ?? s.actors;
  const who = actors === undefined || actors === null ? '' : `${plural(Number(actors), 'user')}; `;
  const engine = String(answer.options.engine);
  return `Computed in ${engine} from ${plural(rows, 'row')} (${who}${plural(ignored, 'row')} ignored: no user id) in ${Math.round(answer.elapsedMs)} ms.`;
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
