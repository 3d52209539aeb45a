import {
  asc,
  cast,
  column,
  duckdbDialect,
  type ExprNode,
  eq,
  type FromNode,
  isDistinct,
  select,
  toSql,
} from '@sightline/sql';
import type { Engine } from '../core/engine.js';
import type { JsonValue } from '../types.js';

/**
 * Two values that are the same key once fixed but differ as written (`00123` and `123`), to show the mismatch
 * with real data; null when there is none.
 */
export async function keyExample(
  engine: Engine,
  from: { left: FromNode; right: FromNode },
  leftColumn: string,
  rightColumn: string,
  leftFixed: ExprNode,
  rightFixed: ExprNode,
): Promise<{ left: JsonValue; right: JsonValue } | null> {
  const side = (f: FromNode, col: string, fixed: ExprNode, alias: string) =>
    select({ v: column(col), f: fixed })
      .distinct()
      .from(f)
      .as(alias);
  const q = select({ left: column('v', 'a'), right: column('v', 'b') })
    .from(side(from.left, leftColumn, leftFixed, 'a'))
    .join(side(from.right, rightColumn, rightFixed, 'b'), { on: eq(column('f', 'a'), column('f', 'b')) })
    .where(isDistinct(cast(column('v', 'a'), 'TEXT'), cast(column('v', 'b'), 'TEXT')))
    .orderBy(asc(cast(column('v', 'a'), 'TEXT')), asc(cast(column('v', 'b'), 'TEXT')))
    .limit(1);
  const row = (await engine.query(toSql(q, duckdbDialect()))).rows[0];
  return row ? { left: row.left ?? null, right: row.right ?? null } : null;
}
