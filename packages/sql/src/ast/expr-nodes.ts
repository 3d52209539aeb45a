import type { QueryNode } from './query-nodes.js';
import type { EpochUnit, IntervalUnit, SqlType, TruncUnit } from './types.js';

/** A literal value; strings are always literals, never identifiers. */
export interface LiteralNode {
  kind: 'literal';
  value: string | number | bigint | boolean | null;
}

/** A column reference, optionally qualified by a table (or alias) name. */
export interface ColumnNode {
  kind: 'column';
  name: string;
  table?: string;
}

/** `*` or `"t".*`. */
export interface StarNode {
  kind: 'star';
  table?: string;
}

/** A positional parameter `$n` (1-based). */
export interface ParamNode {
  kind: 'param';
  index: number;
}

/** SQL text inserted verbatim: the only way raw SQL enters a generated query. */
export interface RawNode {
  kind: 'raw';
  sql: string;
}

/** Binary operators; `/` always divides as floating point (see the dialects). */
export type BinaryOp =
  | '='
  | '<>'
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '||'
  | '>>'
  | '&'
  | 'IS DISTINCT FROM'
  | 'IS NOT DISTINCT FROM';

/** `left op right`. */
export interface BinaryNode {
  kind: 'binary';
  op: BinaryOp;
  left: ExprNode;
  right: ExprNode;
}

/** `a AND b AND ...` or `a OR b OR ...`. */
export interface LogicNode {
  kind: 'logic';
  op: 'AND' | 'OR';
  args: ExprNode[];
}

/** `NOT x`, `-x`, `x IS NULL`, `x IS NOT NULL`. */
export interface UnaryNode {
  kind: 'unary';
  op: 'NOT' | '-' | 'IS NULL' | 'IS NOT NULL';
  arg: ExprNode;
}

/** `x [NOT] IN (a, b)` or `x [NOT] IN (subquery)`. */
export interface InNode {
  kind: 'in';
  expr: ExprNode;
  list: ExprNode[] | QueryNode;
  negated: boolean;
  /**
   * A list of values to match as a table where the dialect runs that faster (`Dialect.inListAsTable`): `x IN
   * (SELECT "value" FROM (VALUES (a), (b)) AS "wanted"("value"))`. The same rows either way.
   */
  asTable?: boolean;
}

/** `x [NOT] BETWEEN low AND high`. */
export interface BetweenNode {
  kind: 'between';
  expr: ExprNode;
  low: ExprNode;
  high: ExprNode;
  negated: boolean;
}

/** `x [NOT] LIKE|ILIKE pattern ESCAPE '\'` (the escape character is fixed so both engines agree). */
export interface LikeNode {
  kind: 'like';
  op: 'LIKE' | 'ILIKE';
  expr: ExprNode;
  pattern: ExprNode;
  negated: boolean;
}

/** `CAST(x AS type)`. */
export interface CastNode {
  kind: 'cast';
  expr: ExprNode;
  type: SqlType;
}

/** Searched `CASE WHEN c THEN v ... ELSE e END`. */
export interface CaseNode {
  kind: 'case';
  whens: { when: ExprNode; result: ExprNode }[];
  else?: ExprNode;
}

/** An ordering term. Nulls placement is always written out, so both engines sort alike. */
export interface OrderNode {
  expr: ExprNode;
  dir: 'ASC' | 'DESC';
  nulls: 'FIRST' | 'LAST';
}

/** A function or aggregate call: `name([DISTINCT] args [ORDER BY ...]) [WITHIN GROUP (...)] [FILTER (WHERE ...)]`. */
export interface FnNode {
  kind: 'fn';
  name: string;
  args: ExprNode[];
  distinct?: boolean;
  orderBy?: OrderNode[];
  withinGroup?: OrderNode[];
  filter?: ExprNode;
}

/** One end of a window frame. */
export type FrameBound =
  | { type: 'unbounded preceding' }
  | { type: 'unbounded following' }
  | { type: 'current row' }
  | { type: 'preceding'; offset: ExprNode }
  | { type: 'following'; offset: ExprNode };

/** A window frame: ROWS or RANGE between two bounds. */
export interface FrameNode {
  mode: 'ROWS' | 'RANGE';
  start: FrameBound;
  end: FrameBound;
}

/** `fn(...) OVER (PARTITION BY ... ORDER BY ... frame)`. */
export interface WindowNode {
  kind: 'window';
  fn: FnNode;
  partitionBy: ExprNode[];
  orderBy: OrderNode[];
  frame?: FrameNode;
}

/** Truncates to the start of a calendar unit; with `tz`, a TIMESTAMPTZ is first turned into local time there. */
export interface DateTruncNode {
  kind: 'dateTrunc';
  unit: TruncUnit;
  expr: ExprNode;
  tz?: ExprNode;
}

/** SQL-standard `x AT TIME ZONE tz`: TIMESTAMPTZ -> local TIMESTAMP, TIMESTAMP -> TIMESTAMPTZ. */
export interface AtTimeZoneNode {
  kind: 'atTimeZone';
  expr: ExprNode;
  tz: ExprNode;
}

/** Seconds since 1970-01-01 UTC (DOUBLE) of a timestamp, or the length of an interval in seconds. */
export interface EpochNode {
  kind: 'epoch';
  expr: ExprNode;
}

/** TIMESTAMPTZ from epoch seconds or milliseconds. */
export interface FromEpochNode {
  kind: 'fromEpoch';
  expr: ExprNode;
  unit: EpochUnit;
}

/** An interval of `amount` units. */
export interface IntervalNode {
  kind: 'interval';
  amount: ExprNode;
  unit: IntervalUnit;
}

/** Regular-expression functions: partial match (boolean) or extraction of a group (NULL when no match). */
export interface RegexpNode {
  kind: 'regexp';
  op: 'match' | 'extract';
  expr: ExprNode;
  pattern: ExprNode;
  group: number;
}

/** List (array) functions whose spelling differs between engines. */
export interface ListNode {
  kind: 'list';
  /**
   * `sorted` is an aggregate: the group's non-NULL values in ascending order, repeats kept (NULL when there is none).
   * `tail` is the list without its first element.
   */
  op: 'value' | 'length' | 'contains' | 'sorted' | 'tail';
  args: ExprNode[];
}

/** Integer division truncating toward zero. */
export interface IntDivNode {
  kind: 'intDiv';
  left: ExprNode;
  right: ExprNode;
}

/** A scalar subquery `(SELECT ...)` or `EXISTS (SELECT ...)`. */
export interface SubqueryExprNode {
  kind: 'subqueryExpr';
  op: 'scalar' | 'exists';
  query: QueryNode;
}

/** A text value compared and sorted by its bytes (UTF-8 code points), whatever the database's collation. */
export interface BytewiseNode {
  kind: 'bytewise';
  expr: ExprNode;
}

/** The smallest element of a list that is at least (`strict`: above) `value`; NULL when there is none. */
export interface ListMinAtLeastNode {
  kind: 'listMinAtLeast';
  list: ExprNode;
  value: ExprNode;
  strict?: boolean;
}

/** The BIGINT with only bit `bit` set (0 <= bit <= 62); an error past 62 in every dialect, never a wrapped value. */
export interface BitFlagNode {
  kind: 'bitFlag';
  bit: ExprNode;
}

/** Whole microseconds since 1970-01-01 00:00 UTC of a timestamp (BIGINT); a naive timestamp is read as UTC. */
export interface EpochMicrosNode {
  kind: 'epochMicros';
  expr: ExprNode;
}

/** Seconds from `start` to `end` (timestamps), exact to the microsecond, as DOUBLE. */
export interface ExactSecondsNode {
  kind: 'exactSeconds';
  start: ExprNode;
  end: ExprNode;
}

/** Any expression. */
export type ExprNode =
  | LiteralNode
  | ColumnNode
  | StarNode
  | ParamNode
  | RawNode
  | BinaryNode
  | LogicNode
  | UnaryNode
  | InNode
  | BetweenNode
  | LikeNode
  | CastNode
  | CaseNode
  | FnNode
  | WindowNode
  | DateTruncNode
  | AtTimeZoneNode
  | EpochNode
  | FromEpochNode
  | IntervalNode
  | RegexpNode
  | ListNode
  | IntDivNode
  | SubqueryExprNode
  | BytewiseNode
  | ListMinAtLeastNode
  | ExactSecondsNode
  | EpochMicrosNode
  | BitFlagNode;
