import {
  type BuilderCompileError,
  type BuilderQuery,
  type BuilderSource,
  type ColumnInfo,
  compileBuilder,
  parseBuilderQuery,
} from '@sightline/spec';
import { type Dialect, duckdbDialect } from '@sightline/sql';
import type { Catalog, LiveTable } from '../api/types.js';
import type { AskDraft } from './draft.js';

/** What the compiler needs to know about the workspace: table columns, SQL sources' columns, saved queries. */
export interface CompileContext {
  catalog: Catalog | null;
  /** Columns read from the engine so far, by SQL text: SQL sources, and steps whose types the compiler can't know. */
  sqlColumns: Record<string, ColumnInfo[]>;
  saved: Record<string, BuilderQuery>;
  /** A live connection's tables, when the question reads one (then the only tables there are). */
  live?: LiveTable[];
  /** The SQL dialect to write (the live connection's; DuckDB for the workspace). */
  dialect?: Dialect;
}

/** A compiled draft: the SQL and its columns, or why it can't compile (which step, what to do). */
export type DraftResult =
  | { ok: true; sql: string; columns: ColumnInfo[] | undefined }
  | { ok: false; error: BuilderCompileError };

/** The columns of a source when known. */
export function columnsOf(source: BuilderSource, ctx: CompileContext): ColumnInfo[] | undefined {
  switch (source.kind) {
    case 'table':
      if (ctx.live) return liveTable(ctx.live, source.name, source.schema)?.columns;
      return ctx.catalog?.tables.find((t) => t.table === source.name)?.columns;
    case 'sql':
      return ctx.sqlColumns[source.sql];
    case 'file':
      return ctx.sqlColumns[source.path];
    case 'query':
      return undefined;
  }
}

/** Compiles the draft's source and its first `upTo` steps (all by default) in the browser. */
export function compileDraft(draft: AskDraft, ctx: CompileContext, upTo = draft.steps.length): DraftResult {
  if (!draft.source) return { ok: false, error: { message: 'Pick a table to start from.', hints: [] } };
  const parsed = parseBuilderQuery({ version: 1, source: draft.source, steps: draft.steps.slice(0, upTo) });
  if (!parsed.ok) return { ok: false, error: { message: parsed.error, hints: [] } };
  const compiled = compileBuilder(parsed.value, ctx.dialect ?? duckdbDialect(), {
    columnsOf: (s) => columnsOf(s, ctx),
    savedQuery: (id) => ctx.saved[id],
  });
  if (!compiled.ok) return compiled;
  return { ok: true, sql: compiled.value.sql, columns: compiled.value.columns };
}

/**
 * The columns flowing into each step (index i: the columns step i sees) and after the last one. An unfinished step
 * passes on the columns it received, so the steps after it can still be edited.
 */
export function columnsPerStep(draft: AskDraft, ctx: CompileContext): ColumnInfo[][] {
  const start = draft.source ? (columnsFromSource(draft.source, ctx) ?? []) : [];
  const out: ColumnInfo[][] = [start];
  for (let i = 1; i <= draft.steps.length; i++) {
    const r = compileDraft(draft, ctx, i);
    // Types the compiler can't know (a formula's) come from the engine once the step's SQL was read.
    const read = r.ok ? ctx.sqlColumns[r.sql] : undefined;
    out.push(read && read.length > 0 ? read : r.ok && r.columns ? r.columns : (out[i - 1] ?? []));
  }
  return out;
}

/** SQL of the steps whose output has columns of unknown type (to read them from the engine with LIMIT 0). */
export function untypedStepSql(draft: AskDraft, ctx: CompileContext): string[] {
  const out: string[] = [];
  for (let i = 1; i <= draft.steps.length; i++) {
    const r = compileDraft(draft, ctx, i);
    if (r.ok && r.columns?.some((c) => c.type === undefined) && !(r.sql in ctx.sqlColumns)) out.push(r.sql);
  }
  return out;
}

function columnsFromSource(source: BuilderSource, ctx: CompileContext): ColumnInfo[] | undefined {
  if (source.kind !== 'query') return columnsOf(source, ctx);
  const saved = ctx.saved[source.id];
  if (!saved) return undefined;
  const r = compileBuilder(saved, ctx.dialect ?? duckdbDialect(), {
    columnsOf: (s) => columnsOf(s, ctx),
    savedQuery: (id) => ctx.saved[id],
  });
  return r.ok ? r.value.columns : undefined;
}

/** A live table by name; without a schema, the one in `public` first (PostgreSQL's default search path). */
export function liveTable(tables: LiveTable[], name: string, schema?: string): LiveTable | undefined {
  const named = tables.filter((t) => t.table === name);
  if (schema !== undefined) return named.find((t) => t.schema === schema);
  return named.find((t) => t.schema === 'public') ?? named[0];
}
