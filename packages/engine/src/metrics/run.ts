import {
  type AbTestRow,
  type AbTestSpec,
  AbTestSpecSchema,
  type ActiveDay,
  type ActiveSpec,
  ActiveSpecSchema,
  abtestResultFromRows,
  activeResultFromRows,
  chooseControl,
  compileAbTest,
  compileActive,
  compileFunnel,
  compileRetention,
  type FunnelSpec,
  FunnelSpecSchema,
  funnelResultFromRows,
  type HistogramBar,
  type RetentionSpec,
  RetentionSpecSchema,
  retentionHintQuery,
  retentionResultFromRows,
  splitStatsColumns,
} from '@sightline/spec';
import { type QueryNode, toSql } from '@sightline/sql';
import { QueryError } from '../core/query-error.js';
import { SightlineError } from '../errors.js';
import type { JsonRow, JsonValue } from '../types.js';
import type { ResolvedSource } from './source.js';
import type { MetricTarget } from './target.js';

/**
 * A metric's compiled queries: the result, one row of counts (rows considered, ignored and why...), and any
 * further parts of the answer (e.g. the stickiness histogram).
 */
type Compiled = {
  result: QueryNode;
  stats: QueryNode;
  /** Stats columns the result rows also carry (one query then gives both; `stats` runs only on an empty result). */
  statsInResult?: string[];
} & Record<string, QueryNode | string[] | undefined>;

/** The parts of a compiled metric besides its result and stats (e.g. the stickiness histogram). */
function extraParts(compiled: Compiled): [string, QueryNode][] {
  return Object.entries(compiled).filter(
    (e): e is [string, QueryNode] =>
      !['result', 'stats', 'statsInResult'].includes(e[0]) && e[1] !== undefined,
  );
}

/** How one metric validates, compiles and shapes its result; every metric registers the same way. */
interface MetricDef {
  parse(input: unknown): { success: true; data: unknown } | { success: false; error: { issues: Issue[] } };
  /** A query reading facts about the data that let `compile` pick a faster query (see RetentionHints). */
  hintQuery?(spec: unknown): QueryNode | null;
  compile(spec: unknown, hints?: JsonRow): Compiled;
  fromRows(rows: JsonRow[], spec: unknown, extra: Record<string, JsonRow[]>): object;
}

interface Issue {
  path: PropertyKey[];
  message: string;
}

const METRICS: Record<string, MetricDef> = {
  funnel: {
    parse: (input) => FunnelSpecSchema.safeParse(input),
    compile: (spec) => ({ ...compileFunnel(spec as FunnelSpec) }),
    fromRows: (rows, spec) => funnelResultFromRows(rows, spec as FunnelSpec),
  },
  retention: {
    parse: (input) => RetentionSpecSchema.safeParse(input),
    hintQuery: (spec) => retentionHintQuery(spec as RetentionSpec),
    compile: (spec, hints) => {
      // A BIGINT may come as a number or as its digits, depending on who read it.
      const span = hints?.period_span;
      const periodSpan = typeof span === 'number' || typeof span === 'string' ? Number(span) : Number.NaN;
      return compileRetention(spec as RetentionSpec, Number.isInteger(periodSpan) ? { periodSpan } : {});
    },
    fromRows: (rows, spec) => retentionResultFromRows(rows as never, spec as RetentionSpec),
  },
  active: {
    parse: (input) => ActiveSpecSchema.safeParse(input),
    compile: (spec) => compileActive(spec as ActiveSpec),
    fromRows: (rows, spec, extra) =>
      activeResultFromRows(
        rows as unknown as ActiveDay[],
        spec as ActiveSpec,
        extra.histogram as unknown as HistogramBar[] | undefined,
      ),
  },
  abtest: {
    parse: (input) => AbTestSpecSchema.safeParse(input),
    compile: (spec) => compileAbTest(spec as AbTestSpec),
    fromRows: (rows, spec) => {
      const s = spec as AbTestSpec;
      const control = chooseControl(
        rows.map((r) => String(r.variant)),
        s.control,
      );
      if (!control.ok)
        throw new SightlineError(control.error, { hints: ['Name one of them with --control.'] });
      if (rows.length === 0) {
        throw new SightlineError(
          'There are no variants to compare: no row has both a variant and a metric value.',
        );
      }
      return abtestResultFromRows(rows as unknown as AbTestRow[], s);
    },
  },
};

/** A metric spec as the CLI, server or a workbook writes it: `{ version: 1, metric: 'funnel', events, ... }`. */
export type MetricInput = { metric: string } & Record<string, unknown>;

/** A metric's answer with everything needed to trust it: options in force, counts, warnings and the SQL. */
export interface MetricOutput {
  metric: string;
  /** The validated spec (every default filled in). */
  spec: Record<string, unknown>;
  /** The shaped result (cli.md "JSON shapes of metric results", minus `options`). */
  result: Record<string, unknown>;
  /** Rows considered, rows ignored (actor NULL or empty) and the metric's own counts. */
  stats: JsonRow;
  warnings: string[];
  /** The SQL that produced the result and the counts, readable, one commented CTE per step. */
  sql: string;
  statsSql: string;
  /**
   * True when the rows were read from Sightline's actor-ordered copy of the table (same rows, faster; see
   * ActorOrderedCopies): `sql` names the table itself, and run on it gives the same answer.
   */
  readFromCopy: boolean;
  engine: string;
  elapsedMs: number;
}

/** Validates a metric spec; a bad one is a usage error naming each problem and where it is. */
export function parseMetric(input: MetricInput): { def: MetricDef; spec: Record<string, unknown> } {
  const def = METRICS[input.metric];
  if (!def) {
    throw new SightlineError(`"${input.metric}" is not a metric Sightline knows.`, {
      kind: 'usage',
      hints: [`Metrics: ${Object.keys(METRICS).join(', ')}.`],
    });
  }
  const parsed = def.parse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    throw new SightlineError(
      `The ${input.metric} options are not valid: ${issues.map((i) => describeIssue(i)).join('; ')}.`,
      { kind: 'usage' },
    );
  }
  return { def, spec: parsed.data as Record<string, unknown> };
}

function describeIssue(issue: Issue): string {
  const path = issue.path.filter((p) => typeof p !== 'symbol').join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** The SQL a metric would run on `target` (for `--sql` and "Open as SQL"), without running it. */
export async function metricSql(
  target: MetricTarget,
  input: MetricInput,
  opts: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<{ sql: string; statsSql: string; statsInResult: boolean }> {
  const { compiled, sql, statsSql } = await compileFor(target, input, opts);
  // True when the result rows carry the stats (statsSql then runs only on an empty result).
  return { sql, statsSql, statsInResult: (compiled.statsInResult?.length ?? 0) > 0 };
}

/** Validates, reads the hints, compiles and renders a metric for `target`: what both running and showing need. */
async function compileFor(
  target: MetricTarget,
  input: MetricInput,
  opts: { signal?: AbortSignal; timeoutMs?: number },
) {
  const { def, spec } = parseMetric(input);
  const hints = await readHints(target, def, spec, opts);
  const compiled = def.compile(spec, hints);
  return {
    def,
    spec,
    hints,
    compiled,
    sql: toSql(compiled.result, target.dialect, { pretty: true }),
    statsSql: toSql(compiled.stats, target.dialect, { pretty: true }),
  };
}

/**
 * Facts about the data the compiler may use (e.g. how many periods the rows span), read just before compiling. A
 * query built on them fails rather than answers wrongly should the data change in between (see RetentionHints).
 */
async function readHints(
  target: MetricTarget,
  def: MetricDef,
  spec: Record<string, unknown>,
  opts: { signal?: AbortSignal; timeoutMs?: number },
): Promise<JsonRow | undefined> {
  const q = def.hintQuery?.(spec);
  if (!q) return undefined;
  return (await target.query(toSql(q, target.dialect), opts)).rows[0];
}

/** Runs a metric on `target` (pushed down: the whole computation runs in that engine) and shapes the answer. */
export async function runMetric(
  target: MetricTarget,
  input: MetricInput,
  opts: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<MetricOutput> {
  const started = performance.now();
  const { def, spec, hints, compiled, sql, statsSql } = await compileFor(target, input, opts);
  // The same metric on the table's actor-ordered copy when a fresh one exists: same rows, so the same answer.
  const events = tableEvents(spec);
  const lease = events ? (target.copies?.lookup(events.schema, events.table, events.actor) ?? null) : null;
  let answer: RunAnswer | null = null;
  if (lease) {
    try {
      const onCopy = def.compile(
        { ...spec, events: { ...(spec.events as object), source: { sql: `SELECT * FROM ${lease.sql}` } } },
        hints,
      );
      answer = await runCompiled(target, onCopy, opts);
      // A write that began while the copy was read: the table may differ now, so its answer is not used.
      if (!lease.fresh()) answer = null;
    } catch (err) {
      // Stopped by the person or the timeout: stop. Anything else about the copy: the table answers below.
      if (opts.signal?.aborted || (err instanceof QueryError && err.errorClass === 'Interrupt Error'))
        throw err;
    } finally {
      lease.release();
    }
  }
  const readFromCopy = answer !== null;
  if (!answer) {
    answer = await runCompiled(target, compiled, opts, { result: sql, stats: statsSql });
    // A large table read directly gets a copy made in the background for the next metric on it.
    if (events) target.copies?.request(events.schema, events.table, events.actor);
  }
  const { rows, statsRow, extra } = answer;
  const shaped = def.fromRows(rows, spec, extra) as Record<string, unknown>;
  const warnings = Array.isArray(shaped.warnings) ? (shaped.warnings as string[]) : [];
  const ignored = Number(statsRow.ignored_rows ?? statsRow.rows_ignored ?? 0);
  if (ignored > 0) {
    warnings.push(
      `${ignored.toLocaleString('en-US')} ${ignored === 1 ? 'row was' : 'rows were'} ignored because the user (actor) column is empty.`,
    );
  }
  return {
    metric: input.metric,
    spec,
    result: shaped,
    stats: statsRow,
    warnings,
    sql,
    statsSql,
    readFromCopy,
    engine: target.engine,
    elapsedMs: performance.now() - started,
  };
}

/** A compiled metric's rows, counts and further parts, as run. */
interface RunAnswer {
  rows: JsonRow[];
  statsRow: JsonRow;
  extra: Record<string, JsonRow[]>;
}

/** Runs a compiled metric's queries (`text`: their SQL when already rendered) and splits off the counts. */
async function runCompiled(
  target: MetricTarget,
  compiled: Compiled,
  opts: { signal?: AbortSignal; timeoutMs?: number },
  text?: { result: string; stats: string },
): Promise<RunAnswer> {
  const render = (q: QueryNode) => toSql(q, target.dialect, { pretty: true });
  const statsSql = text?.stats ?? render(compiled.stats);
  const parts = extraParts(compiled);
  const inResult = compiled.statsInResult ?? [];
  const [result, statsRun, ...extras] = await Promise.all([
    target.query(text?.result ?? render(compiled.result), opts),
    inResult.length ? null : target.query(statsSql, opts),
    ...parts.map(([, q]) => target.query(render(q), opts)),
  ]);
  const extra = Object.fromEntries(parts.map(([k], i) => [k, extras[i]!.rows]));
  // Stats the result carries come from its first row; the stats query runs only when there is no row.
  const split = splitStatsColumns(result.rows, inResult);
  const statsRow: JsonRow = inResult.length
    ? ((split.stats ?? (await target.query(statsSql, opts)).rows[0] ?? {}) as JsonRow)
    : (statsRun?.rows[0] ?? {});
  return { rows: split.rows, statsRow, extra };
}

/** The workspace table a metric's events come from, and its actor column (none for files and SQL sources). */
function tableEvents(spec: Record<string, unknown>): { schema: string; table: string; actor: string } | null {
  const events = spec.events as { source?: ResolvedSource; actor?: string } | undefined;
  const source = events?.source;
  if (!source || !('table' in source) || source.schema === undefined || !events?.actor) return null;
  return { schema: source.schema, table: source.table, actor: events.actor };
}

/** Options of a metric result as cli.md's `options` object: the spec without its source, plus the roles. */
export function metricOptions(
  output: MetricOutput,
  extra: Record<string, JsonValue> = {},
): Record<string, JsonValue> {
  const {
    events,
    version: _v,
    metric: _m,
    ...rest
  } = output.spec as Record<string, unknown> & {
    events?: { actor: string; event: string; time: string; timeKind: string };
  };
  return {
    ...extra,
    ...(events
      ? {
          actor_col: events.actor,
          event_col: events.event,
          time_col: events.time,
          time_kind: events.timeKind,
        }
      : {}),
    ...(rest as Record<string, JsonValue>),
    engine: output.engine,
  };
}
