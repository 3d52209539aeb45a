import {
  and,
  asc,
  cast,
  coalesce,
  column,
  count,
  cte,
  desc,
  duckdbDialect,
  type ExprNode,
  eq,
  type FromNode,
  filter,
  gt,
  isNotNull,
  isNull,
  mul,
  or,
  select,
  sum,
  table,
  toSql,
} from '@sightline/sql';
import type { Engine } from '../core/engine.js';
import type { JsonRow, JsonValue } from '../types.js';
import type { DuplicateKey, KeySample } from './types.js';

/** The two sides of a join as FROM items with their key expressions (one per key pair). */
export interface KeyedSides {
  left: FromNode;
  right: FromNode;
  leftKeys: ExprNode[];
  rightKeys: ExprNode[];
}

/** Row and match counts of a join, from per-key counts (no row is pulled). */
export interface MatchCounts {
  leftRows: number;
  rightRows: number;
  leftNullKeys: number;
  rightNullKeys: number;
  leftMatched: number;
  rightMatched: number;
  /** Rows of the inner join: the sum over matched keys of left rows x right rows. */
  pairs: number;
  /** Matched keys repeated on the right (each repeats left rows) and on the left. */
  rightDupKeys: number;
  leftDupKeys: number;
}

const keyNames = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`);

/** `l` and `r`: one row per non-empty key with its row count `n`. */
function keyCtes(sides: KeyedSides) {
  const side = (from: FromNode, keys: ExprNode[]) =>
    select(Object.fromEntries(keys.map((k, i) => [`k${i}`, k])), { n: count() })
      .from(from)
      .where(...keys.map((k) => isNotNull(k)))
      .groupBy(...keys);
  return [cte('l', side(sides.left, sides.leftKeys)), cte('r', side(sides.right, sides.rightKeys))];
}

function keysEqual(n: number): ExprNode {
  return and(...keyNames(n).map((k) => eq(column(k, 'l'), column(k, 'r'))));
}

const big = (x: ExprNode) => cast(x, 'BIGINT');
const num = (v: JsonValue | undefined) => (v === null || v === undefined ? 0 : Number(v));

/** Counts rows, matches and inner-join pairs of both sides in three aggregate queries. */
export async function matchCounts(engine: Engine, sides: KeyedSides): Promise<MatchCounts> {
  const n = sides.leftKeys.length;
  const ln = column('n', 'l');
  const rn = column('n', 'r');
  const matched = select({
    left_matched: big(coalesce(sum(ln), 0)),
    right_matched: big(coalesce(sum(rn), 0)),
    pairs: big(coalesce(sum(mul(ln, rn)), 0)),
    right_dup: filter(count(), gt(rn, 1)),
    left_dup: filter(count(), gt(ln, 1)),
  })
    .with(...keyCtes(sides))
    .from(table('l'))
    .join(table('r'), { on: keysEqual(n) });
  const totals = (from: FromNode, keys: ExprNode[]) =>
    select({ rows: count(), null_keys: filter(count(), or(...keys.map((k) => isNull(k)))) }).from(from);
  const [m, l, r] = await Promise.all([
    engine.query(toSql(matched, duckdbDialect())),
    engine.query(toSql(totals(sides.left, sides.leftKeys), duckdbDialect())),
    engine.query(toSql(totals(sides.right, sides.rightKeys), duckdbDialect())),
  ]);
  const mr = m.rows[0] ?? {};
  return {
    leftRows: num(l.rows[0]?.rows),
    rightRows: num(r.rows[0]?.rows),
    leftNullKeys: num(l.rows[0]?.null_keys),
    rightNullKeys: num(r.rows[0]?.null_keys),
    leftMatched: num(mr.left_matched),
    rightMatched: num(mr.right_matched),
    pairs: num(mr.pairs),
    rightDupKeys: num(mr.right_dup),
    leftDupKeys: num(mr.left_dup),
  };
}

function keyOf(row: JsonRow, n: number): JsonValue[] {
  return keyNames(n).map((k) => row[k] ?? null);
}

/** Up to `limit` keys of `side` without a partner on the other side, most rows first. */
export async function unmatchedKeys(
  engine: Engine,
  sides: KeyedSides,
  side: 'left' | 'right',
  limit = 5,
): Promise<KeySample[]> {
  const n = sides.leftKeys.length;
  const [own, other] = side === 'left' ? ['l', 'r'] : ['r', 'l'];
  const q = select(...keyNames(n).map((k) => ({ [k]: column(k, own) })), { rows: column('n', own) })
    .with(...keyCtes(sides))
    .from(table(own))
    .join(table(other), { type: 'LEFT', on: keysEqual(n) })
    .where(isNull(column('n', other)))
    .orderBy(desc(column('n', own)), ...keyNames(n).map((k) => asc(column(k, own))))
    .limit(limit);
  const res = await engine.query(toSql(q, duckdbDialect()));
  return res.rows.map((r) => ({ key: keyOf(r, n), rows: num(r.rows) }));
}

/** Up to `limit` matched keys repeated on `side`, most repeated first. */
export async function duplicateKeys(
  engine: Engine,
  sides: KeyedSides,
  side: 'left' | 'right',
  limit = 10,
): Promise<DuplicateKey[]> {
  const n = sides.leftKeys.length;
  const [own, other] = side === 'left' ? ['l', 'r'] : ['r', 'l'];
  const q = select(...keyNames(n).map((k) => ({ [k]: column(k, own) })), {
    rows: column('n', own),
    other_rows: column('n', other),
  })
    .with(...keyCtes(sides))
    .from(table('l'))
    .join(table('r'), { on: keysEqual(n) })
    .where(gt(column('n', own), 1))
    .orderBy(desc(column('n', own)), ...keyNames(n).map((k) => asc(column(k, own))))
    .limit(limit);
  const res = await engine.query(toSql(q, duckdbDialect()));
  return res.rows.map((r) => ({ key: keyOf(r, n), rows: num(r.rows), otherRows: num(r.other_rows) }));
}
