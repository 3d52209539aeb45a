import {
  type BuilderCompileError,
  type BuilderQuery,
  type BuilderSource,
  type ColumnInfo,
  type CompiledBuilder,
  compileBuilder,
} from '@sightline/spec';
import { rawQuery, select, subqueryRef, table, toSql } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import type { MetricTarget } from '../metrics/index.js';
import type { QueryResult } from '../types.js';
import type { SavedBuilderQueries } from './saved.js';

/** A builder query that does not compile: the plain error plus where (0-based step, character of a formula). */
export class BuilderCompileFailure extends SightlineError {
  readonly step: number | undefined;
  readonly position: number | undefined;
  constructor(error: BuilderCompileError) {
    super(error.message, { kind: 'usage', hints: error.hints });
    this.step = error.step;
    this.position = error.position;
  }
}

/** Options of `compileBuilderFor` and `runBuilder`. */
export interface BuilderRunOptions {
  /** Where saved queries (`{kind: 'query'}` sources) are read from. */
  saved?: SavedBuilderQueries;
  /** The moment date presets count from (ISO); default the engine's clock. */
  now?: string;
  /** Skip asking the target for the sources' columns (no column checks, no default join columns). */
  skipColumns?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}

function sourceKey(s: BuilderSource): string {
  return JSON.stringify(s);
}

function sourcesOf(query: BuilderQuery): BuilderSource[] {
  return [query.source, ...query.steps.flatMap((s) => (s.type === 'join' ? [s.with] : []))];
}

/** The saved queries a query reads (transitively) and its other sources. */
function gather(
  query: BuilderQuery,
  saved: SavedBuilderQueries | undefined,
  found: Map<string, BuilderQuery>,
  sources: Map<string, BuilderSource>,
): void {
  for (const s of sourcesOf(query)) {
    if (s.kind !== 'query') {
      sources.set(sourceKey(s), s);
      continue;
    }
    if (found.has(s.id) || !saved) continue;
    const q = saved.find(s.id)?.query;
    if (!q) continue; // the compiler says it is missing, at the right step
    found.set(s.id, q);
    gather(q, saved, found, sources);
  }
}

async function columnsOf(
  target: MetricTarget,
  source: BuilderSource,
  opts: BuilderRunOptions,
): Promise<ColumnInfo[] | undefined> {
  let from: ReturnType<typeof table> | ReturnType<typeof subqueryRef>;
  if (source.kind === 'table')
    from = table(source.schema === undefined ? source.name : [source.schema, source.name]);
  else if (source.kind === 'file') {
    if (!target.readsFiles) return undefined; // the compiler explains that files are read by DuckDB only
    from = table(source.path);
  } else if (source.kind === 'sql') from = subqueryRef(rawQuery(source.sql), 'source');
  else return undefined;
  const sql = toSql(select().from(from).limit(0), target.dialect);
  const result = await target.query(sql, {
    ...(opts.signal ? { signal: opts.signal } : {}),
    timeoutMs: opts.timeoutMs ?? 30_000,
  });
  return result.columns;
}

/** Compiles a builder query for `target`, checking columns against the target's tables; errors say step and character. */
export async function compileBuilderFor(
  target: MetricTarget,
  query: BuilderQuery,
  opts: BuilderRunOptions = {},
): Promise<CompiledBuilder> {
  const savedQueries = new Map<string, BuilderQuery>();
  const sources = new Map<string, BuilderSource>();
  gather(query, opts.saved, savedQueries, sources);
  const columns = new Map<string, ColumnInfo[] | undefined>();
  if (!opts.skipColumns) {
    const found = await Promise.all(
      [...sources].map(async ([key, source]) => [key, await columnsOf(target, source, opts)] as const),
    );
    for (const [key, cols] of found) columns.set(key, cols);
  }
  const compiled = compileBuilder(query, target.dialect, {
    columnsOf: (s) => columns.get(sourceKey(s)),
    savedQuery: (id) => savedQueries.get(id),
    ...(opts.now === undefined ? {} : { now: opts.now }),
  });
  if (!compiled.ok) throw new BuilderCompileFailure(compiled.error);
  return compiled.value;
}

/** Runs a builder query on `target` (the workspace's DuckDB, or pushed down to a live database) with its SQL. */
export async function runBuilder(
  target: MetricTarget,
  query: BuilderQuery,
  opts: BuilderRunOptions = {},
): Promise<QueryResult & { sql: string }> {
  const compiled = await compileBuilderFor(target, query, opts);
  const result = await target.query(compiled.sql, {
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
  });
  return { ...result, sql: compiled.sql };
}
