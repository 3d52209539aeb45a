import { desc, duckdbDialect, raw, type SelectBuilder, select, table, toSql } from '@sightline/sql';
import type { Engine } from '../core/engine.js';
import type { RunOptions } from '../core/query-watch.js';
import type { ColumnInfo, JsonRow } from '../types.js';
import { timeExpr } from './log-exprs.js';
import type { ResolvedLogRequest } from './types.js';
import { whereOf } from './where.js';

/** One page of matching lines, newest first. */
export interface LogRowsPage {
  columns: ColumnInfo[];
  rows: JsonRow[];
  offset: number;
  /** True when more lines follow this page. */
  more: boolean;
}

/** The query behind the view's lines: every column of the matching lines, newest first. */
export function logRowsQuery(req: ResolvedLogRequest): SelectBuilder {
  const t = timeExpr(req.roles);
  const q = select(raw('*'))
    .from(table(req.table))
    .where(...whereOf(req));
  return t ? q.orderBy(desc(t)) : q;
}

/** A page of the matching lines (`limit` default 100). */
export async function logRows(
  engine: Engine,
  req: ResolvedLogRequest,
  options: RunOptions & { offset?: number; limit?: number } = {},
): Promise<LogRowsPage> {
  const offset = options.offset ?? 0;
  const limit = options.limit ?? 100;
  const q = logRowsQuery(req)
    .limit(limit + 1)
    .offset(offset);
  const res = await engine.query(toSql(q, duckdbDialect()), options);
  return {
    columns: res.columns,
    rows: res.rows.slice(0, limit),
    offset,
    more: res.rows.length > limit,
  };
}

/** The SQL behind the view, to open in the editor ("Open as SQL"). */
export function logViewSql(req: ResolvedLogRequest): string {
  return toSql(logRowsQuery(req), duckdbDialect(), { pretty: true });
}
