import {
  add,
  and,
  asc,
  avg,
  cast,
  coalesce,
  column,
  count,
  countDistinct,
  cte,
  type Dialect,
  dateTrunc,
  desc,
  div,
  duckdbDialect,
  type ExprNode,
  fn,
  isNotNull,
  least,
  max,
  min,
  mul,
  nullif,
  rawQuery,
  type SelectBuilder,
  select,
  sub,
  sum,
  toSql,
} from '@sightline/sql';
import type { Aggregate, ChartSpec } from './chart-spec.js';

/** Most groups or points a chart asks for; one more is fetched to know when it was cut. */
export const CHART_ROW_LIMIT = 5000;
const PIE_SLICES = 12;
const BAR_CATEGORIES = 50;

/** The aggregate SQL behind a chart, or why the chart cannot be drawn yet. */
export type ChartSql = { ok: true; sql: string; limit: number } | { ok: false; error: string };

function measure(aggregate: Aggregate, col: string | null): ExprNode | null {
  if (aggregate === 'count') return count();
  if (col === null) return null;
  const c = column(col);
  switch (aggregate) {
    case 'sum':
      return sum(c);
    case 'avg':
      return avg(c);
    case 'min':
      return min(c);
    case 'max':
      return max(c);
    case 'count_distinct':
      return countDistinct(c);
  }
}

function xExpr(spec: ChartSpec, x: string): ExprNode {
  return spec.timeUnit === 'none' ? column(x) : dateTrunc(spec.timeUnit, column(x));
}

/**
 * Builds the SQL that computes a chart's data from the user's SQL, so the engine aggregates and only the groups
 * (at most CHART_ROW_LIMIT) reach the browser. Output columns are always named `x`, `y` (and `color`, `x2`).
 */
export function chartSql(userSql: string, spec: ChartSpec, dialect: Dialect = duckdbDialect()): ChartSql {
  const { x, y, color } = spec;
  if (x === null) return { ok: false, error: 'Choose a column for the x axis.' };
  const ctes = [cte('src', rawQuery(userSql))];
  let query: SelectBuilder;
  let limit = CHART_ROW_LIMIT;
  switch (spec.mark) {
    case 'line':
    case 'area':
    case 'bar':
    case 'pie': {
      const m = measure(spec.aggregate, y);
      if (m === null)
        return {
          ok: false,
          error: `Choose the column to ${spec.aggregate === 'avg' ? 'average' : 'add up'}.`,
        };
      const xe = xExpr(spec, x);
      const groupColor = color !== null && spec.mark !== 'pie';
      query = select({ x: xe, ...(groupColor ? { color: column(color) } : {}), y: m })
        .from('src')
        .groupBy(...(groupColor ? [column('x'), column('color')] : [column('x')]));
      if (spec.mark === 'pie' || (spec.mark === 'bar' && spec.timeUnit === 'none' && !groupColor)) {
        limit = spec.mark === 'pie' ? PIE_SLICES : BAR_CATEGORIES;
        query = query.orderBy(desc(column('y')), asc(column('x')));
      } else {
        query = query.orderBy(asc(column('x')), ...(groupColor ? [asc(column('color'))] : []));
      }
      break;
    }
    case 'scatter': {
      if (y === null) return { ok: false, error: 'Choose a column for the y axis.' };
      query = select({ x: column(x), y: column(y), ...(color !== null ? { color: column(color) } : {}) })
        .from('src')
        .where(and(isNotNull(column(x)), isNotNull(column(y))));
      break;
    }
    case 'heatmap': {
      if (y === null) return { ok: false, error: 'Choose a column for the y axis.' };
      const m = measure(spec.aggregate, color);
      if (m === null) return { ok: false, error: 'Choose the column whose values colour the cells.' };
      query = select({ x: xExpr(spec, x), y: column(y), color: m })
        .from('src')
        .groupBy(column('x'), column('y'))
        .orderBy(asc(column('x')), asc(column('y')));
      break;
    }
    case 'histogram': {
      const bins = spec.bins;
      const v = cast(column(x), 'DOUBLE');
      const lo = column('lo');
      const hi = column('hi');
      const step = div(sub(hi, lo), bins);
      const bin = coalesce(
        least(cast(fn('floor', div(sub(v, lo), nullif(step, 0))), 'INTEGER'), bins - 1),
        0,
      );
      ctes.push(cte('bounds', select({ lo: min(v), hi: max(v) }).from('src')));
      query = select({
        x: add(lo, mul(column('bin'), step)),
        x2: add(lo, mul(add(column('bin'), 1), step)),
        y: count(),
      })
        .from(
          select({ bin, lo, hi })
            .from('src')
            .join('bounds')
            .where(isNotNull(column(x)))
            .as('binned'),
        )
        .groupBy(column('bin'), lo, hi)
        .orderBy(asc(column('bin')));
      limit = bins;
      break;
    }
  }
  return {
    ok: true,
    sql: toSql(query.with(...ctes).limit(limit + 1), dialect, { pretty: true }),
    limit,
  };
}
