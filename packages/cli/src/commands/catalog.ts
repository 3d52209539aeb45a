import type { ColumnProfile, JsonRow, RejectedRow, TableInfo } from '@sightline/engine';
import type { CliContext } from '../context.js';
import { withNamedConnection } from './live.js';

/** `sightline tables [--on NAME]`: table, rows, columns. */
export async function tablesCommand(ctx: CliContext, opts: { on?: string }): Promise<void> {
  const tables: TableInfo[] = opts.on
    ? await withNamedConnection(ctx, opts.on, (conn) => conn.tables())
    : await (await ctx.backend()).tables();
  const live = tables.some((t) => t.schema !== undefined);
  const rows = tables.map(
    (t): JsonRow =>
      live
        ? { schema: t.schema ?? null, table: t.table, rows: t.rows, columns: t.columns }
        : { table: t.table, rows: t.rows, columns: t.columns },
  );
  const columns = [
    ...(live ? [{ name: 'schema', type: 'VARCHAR' }] : []),
    { name: 'table', type: 'VARCHAR' },
    { name: 'rows', type: 'BIGINT' },
    { name: 'columns', type: 'BIGINT' },
  ];
  await ctx.printRows(columns, [rows], { footer: false });
  if (tables.some((t) => t.estimated) && ctx.format === 'table') {
    ctx.note(
      'Row counts of large tables are the database\'s estimate; use query "SELECT count(*) ..." for an exact one.',
    );
  }
  if (tables.length === 0 && ctx.format === 'table') {
    ctx.note(
      opts.on
        ? 'This database has no tables you can read.'
        : 'This workspace has no tables yet. Try: sightline import my-export.csv   or   sightline sample',
    );
  }
}

/** `sightline describe TABLE [--on NAME]`: one row per column with its profile. */
export async function describeCommand(ctx: CliContext, table: string, opts: { on?: string }): Promise<void> {
  const profile: ColumnProfile[] = opts.on
    ? await withNamedConnection(ctx, opts.on, (conn) => conn.describe(table))
    : await (await ctx.backend()).describe(table);
  const table_ = ctx.format === 'table' || ctx.format === 'csv' || ctx.format === 'markdown';
  const rows: JsonRow[] = profile.map((p) => ({
    column: p.column,
    type: p.type,
    nulls: p.nulls,
    distinct: p.distinct,
    min: p.min,
    max: p.max,
    top: table_ ? p.top.map((t) => `${formatTop(t.value)} (${t.count})`).join(', ') : p.top,
  }));
  await ctx.printRows(
    [
      { name: 'column', type: 'VARCHAR' },
      { name: 'type', type: 'VARCHAR' },
      { name: 'nulls', type: 'BIGINT' },
      { name: 'distinct', type: 'BIGINT' },
      { name: 'min', type: 'VARCHAR' },
      { name: 'max', type: 'VARCHAR' },
      { name: 'top', type: 'VARCHAR' },
    ],
    [rows],
    { footer: false },
  );
}

function formatTop(value: unknown): string {
  return value === null ? 'null' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** `sightline rejects TABLE`: rows that didn't fit when TABLE was imported. */
export async function rejectsCommand(ctx: CliContext, table: string): Promise<void> {
  const rejects: RejectedRow[] = await (await ctx.backend()).rejects(table);
  await ctx.printRows(
    [
      { name: 'file', type: 'VARCHAR' },
      { name: 'line', type: 'BIGINT' },
      { name: 'column', type: 'VARCHAR' },
      { name: 'reason', type: 'VARCHAR' },
      { name: 'raw', type: 'VARCHAR' },
    ],
    [rejects.map((r) => ({ file: r.file, line: r.line, column: r.column, reason: r.reason, raw: r.raw }))],
    { footer: false },
  );
  if (ctx.format === 'table') {
    ctx.note(
      rejects.length === 0
        ? `No rows were rejected when "${table}" was imported.`
        : `(${rejects.length} rejected)`,
    );
  }
}
