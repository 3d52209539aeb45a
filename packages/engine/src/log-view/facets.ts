import { asc, column, count, desc, duckdbDialect, over, select, sum, table, toSql } from '@sightline/sql';
import type { Engine } from '../core/engine.js';
import type { RunOptions } from '../core/query-watch.js';
import type { JsonValue } from '../types.js';
import type { ResolvedLogRequest } from './types.js';
import { whereOf } from './where.js';

/** One facet: its most frequent values under the view's other filters, with counts. */
export interface LogFacet {
  column: string;
  values: { value: JsonValue; count: number }[];
  /** Distinct values in all (the list shows the top ones). */
  distinct: number;
  /** Lines counted (the view without this facet's own selection). */
  total: number;
}

/**
 * Top values of each facet column. A facet's own selection is left out of its counts (so ticking `500` still shows
 * how many `404`s there are to add), the way faceted search works elsewhere.
 */
export async function logFacets(
  engine: Engine,
  req: ResolvedLogRequest,
  options: RunOptions & { top?: number } = {},
): Promise<LogFacet[]> {
  const top = options.top ?? 8;
  return Promise.all(
    req.roles.facets.map(async (name): Promise<LogFacet> => {
      const q = select({
        value: column(name),
        n: count(),
        distinct: over(count()),
        total: over(sum(count())),
      })
        .from(table(req.table))
        .where(...whereOf(req, { exceptFacet: name }))
        .groupBy(column(name))
        .orderBy(desc(column('n')), asc(column('value')))
        .limit(top);
      const res = await engine.query(toSql(q, duckdbDialect()), options);
      const first = res.rows[0];
      return {
        column: name,
        values: res.rows.map((r) => ({ value: r.value ?? null, count: Number(r.n) })),
        distinct: first ? Number(first.distinct) : 0,
        total: first ? Number(first.total) : 0,
      };
    }),
  );
}
