import type { QueryNode } from '../ast/query-nodes.js';

/** A query node, or a builder holding one (e.g. the result of `select(...)`). */
export type QueryInput = QueryNode | { readonly node: QueryNode };

/** Unwraps a builder to its query node. */
export function toQuery(input: QueryInput): QueryNode {
  return 'node' in input ? input.node : input;
}

/** True when `value` is a query node or a query builder. */
export function isQueryInput(value: unknown): value is QueryInput {
  if (typeof value !== 'object' || value === null) return false;
  if ('node' in value) return true;
  return 'kind' in value && (value.kind === 'select' || value.kind === 'setOp' || value.kind === 'rawQuery');
}
