import { asc, bytewise, type ColumnNode, column, type ExprNode, type OrderNode } from '@sightline/sql';
import type { FunnelSpec } from './schema.js';

/** What every piece of the funnel compiler needs: the spec, its step count and its window as an interval. */
export interface FunnelCtx {
  spec: FunnelSpec;
  n: number;
  window: ExprNode;
}

/** A column, optionally qualified. */
export const c = (name: string, qualifier?: string): ColumnNode => column(name, qualifier);

/** Step numbers 1..n. */
export const stepNumbers = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/** `*`. */
export const star = (): ExprNode => ({ kind: 'star' });

/** Row order of metrics.md section 1: time, tiebreak (NULLs last), event name bytewise; then the breakdown value. */
export function rowOrder(q?: string): OrderNode[] {
  return [asc(c('ts', q)), asc(c('tiebreak', q)), asc(bytewise(c('event_name', q))), asc(c('bval', q))];
}

/** The step and exclusion flag columns (`s_1`.., `x_1`..). */
export function flagColumns(ctx: FunnelCtx): ColumnNode[] {
  return [
    ...stepNumbers(ctx.n).map((k) => c(`s_${k}`)),
    ...ctx.spec.exclusions.map((_, i) => c(`x_${i + 1}`)),
  ];
}

/** The columns of a best-chain row: actor, bval, depth, t_1.., p_1.. (p = row number, NULL when not needed). */
export function bestColumns(n: number): ColumnNode[] {
  return [
    c('actor'),
    c('bval'),
    c('depth'),
    ...stepNumbers(n).map((k) => c(`t_${k}`)),
    ...stepNumbers(n).map((k) => c(`p_${k}`)),
  ];
}
