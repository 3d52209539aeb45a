/**
 * Reading DuckDB's `json_serialize_sql` tree: small typed accessors over untyped JSON, and the error thrown when
 * a node is outside the builder's grammar (its message is the reason shown to the user).
 */

/** A JSON object of the tree. */
export type TreeNode = Record<string, unknown>;

/** Thrown when SQL uses something the builder's steps cannot express; the message says what. */
export class OutOfGrammar extends Error {}

/** Fails the parse-back with a plain reason. */
export function outOfGrammar(reason: string): never {
  throw new OutOfGrammar(reason);
}

/** The value as an object (an empty one when it is not). */
export function obj(x: unknown): TreeNode {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as TreeNode) : {};
}

/** The value as an array (empty when it is not). */
export function arr(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

/** The value as a string, or undefined. */
export function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

/** The expression's children (`children` of functions and operators). */
export function kids(node: TreeNode): TreeNode[] {
  return arr(node.children).map(obj);
}

/** The unqualified name of a column reference, or undefined. */
export function columnName(node: TreeNode): string | undefined {
  if (node.class !== 'COLUMN_REF') return undefined;
  const names = arr(node.column_names);
  return names.length === 1 ? str(names[0]) : undefined;
}

/** `[table, column]` of a qualified column reference, or undefined. */
export function qualifiedColumn(node: TreeNode): [string, string] | undefined {
  if (node.class !== 'COLUMN_REF') return undefined;
  const names = arr(node.column_names).map(str);
  return names.length === 2 && names[0] !== undefined && names[1] !== undefined
    ? [names[0], names[1]]
    : undefined;
}

/** A constant's value: text, number (decimals unscaled), boolean (`'t'::BOOLEAN`), null; undefined when not one. */
export function constant(node: TreeNode): { value: string | number | boolean | null } | undefined {
  if (node.class === 'CAST' && obj(node.cast_type).id === 'BOOLEAN') {
    const inner = constant(obj(node.child));
    if (inner && (inner.value === 't' || inner.value === 'f')) return { value: inner.value === 't' };
    return undefined;
  }
  if (node.class !== 'CONSTANT') return undefined;
  const v = obj(node.value);
  if (v.is_null === true) return { value: null };
  const type = obj(v.type);
  const raw = v.value;
  switch (type.id) {
    case 'VARCHAR':
      return typeof raw === 'string' ? { value: raw } : undefined;
    case 'INTEGER':
    case 'BIGINT':
    case 'SMALLINT':
    case 'TINYINT':
    case 'DOUBLE':
    case 'FLOAT':
      return typeof raw === 'number' ? { value: raw } : undefined;
    case 'DECIMAL': {
      const scale = Number(obj(type.type_info).scale ?? 0);
      const n = Number(raw);
      return Number.isFinite(n) ? { value: Number((n / 10 ** scale).toFixed(scale)) } : undefined;
    }
    case 'BOOLEAN':
      return typeof raw === 'boolean' ? { value: raw } : undefined;
    default:
      return undefined;
  }
}

/** A text constant's value, or undefined. */
export function textConstant(node: TreeNode): string | undefined {
  const c = constant(node);
  return c && typeof c.value === 'string' ? c.value : undefined;
}

/** A whole-number constant's value, or undefined. */
export function intConstant(node: TreeNode): number | undefined {
  const c = constant(node);
  return c && typeof c.value === 'number' && Number.isInteger(c.value) ? c.value : undefined;
}

/** The child of `CAST(child AS type)` when the cast is to `typeId`. */
export function castOf(node: TreeNode, typeId: string): TreeNode | undefined {
  return node.class === 'CAST' && obj(node.cast_type).id === typeId && node.try_cast !== true
    ? obj(node.child)
    : undefined;
}

/** The arguments of a call to `name` (an operator such as `-` or a function), or undefined. */
export function callOf(node: TreeNode, name: string): TreeNode[] | undefined {
  if (node.class !== 'FUNCTION' || node.function_name !== name) return undefined;
  if (node.distinct === true || (node.filter !== null && node.filter !== undefined)) return undefined;
  if (arr(obj(node.order_bys).orders).length > 0) return undefined;
  return kids(node);
}

/** Deep equality of two expressions, ignoring where they were written and their aliases. */
export function sameExpr(a: unknown, b: unknown): boolean {
  return JSON.stringify(a, ignoreLocation) === JSON.stringify(b, ignoreLocation);
}

function ignoreLocation(key: string, value: unknown): unknown {
  return key === 'query_location' || key === 'alias' ? undefined : value;
}

/** The alias of a select-list item ('' when none). */
export function aliasOf(node: TreeNode): string {
  return str(node.alias) ?? '';
}
