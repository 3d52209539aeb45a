import { type BuilderSource, type ColumnInfo, compileBuilder, describeSource } from '@sightline/spec';
import { duckdbDialect } from '@sightline/sql';
import { type CompileContext, columnsOf, compileDraft } from './compile-draft.js';
import type { AskDraft } from './draft.js';
import type { DoctorSource } from './join-editor.js';

/** The rows flowing into the join step at `index`, as the join doctor reads them (a table, or the SQL so far). */
export function leftSide(draft: AskDraft, index: number, ctx: CompileContext): DoctorSource | null {
  const source = draft.source;
  if (!source) return null;
  if (index === 0 && source.kind === 'table') return { table: source.name };
  const r = compileDraft(draft, ctx, index);
  if (!r.ok) return null;
  // The rows so far are still the source's rows (filtered, with more columns): they read best under its name.
  return { sql: r.sql, label: describeSource(source) };
}

/** A name for SQL that reads one table (`... FROM "billing"`, as a key fix writes it), else `the joined SQL`. */
export function sqlLabel(sql: string): string {
  const m = /\bFROM\s+"((?:[^"]|"")+)"\s*$/i.exec(sql);
  return m?.[1] ? m[1].replaceAll('""', '"') : 'the joined SQL';
}

/** What a join step joins, as the join doctor reads it. */
export function rightSide(w: BuilderSource, ctx: CompileContext): DoctorSource | null {
  switch (w.kind) {
    case 'table':
      return w.name === '' ? null : { table: w.name };
    case 'file':
      return { table: w.path };
    case 'sql':
      return { sql: w.sql, label: sqlLabel(w.sql) };
    case 'query': {
      const saved = ctx.saved[w.id];
      if (!saved) return null;
      const r = compileBuilder(saved, duckdbDialect(), {
        columnsOf: (s) => columnsOf(s, ctx),
        savedQuery: (id) => ctx.saved[id],
      });
      return r.ok ? { sql: r.value.sql, label: w.id } : null;
    }
  }
}

/** The columns of what a join step joins, when known. */
export function rightColumns(w: BuilderSource, ctx: CompileContext): ColumnInfo[] {
  if (w.kind !== 'query') return columnsOf(w, ctx) ?? [];
  const saved = ctx.saved[w.id];
  if (!saved) return [];
  const r = compileBuilder(saved, duckdbDialect(), {
    columnsOf: (s) => columnsOf(s, ctx),
    savedQuery: (id) => ctx.saved[id],
  });
  return r.ok ? (r.value.columns ?? []) : [];
}
