import {
  duckdbDialect,
  type FromNode,
  rawQuery,
  select,
  star,
  subqueryRef,
  table,
  toSql,
} from '@sightline/sql';
import type { Engine } from '../core/engine.js';
import { SightlineError } from '../errors.js';
import type { ColumnInfo } from '../types.js';
import type { JoinSource } from './types.js';

/** A broad type class: keys of different families can't be compared without a cast. */
export type TypeFamily = 'number' | 'text' | 'date' | 'boolean' | 'other';

/** The type family of a DuckDB type name. */
export function typeFamily(type: string): TypeFamily {
  const t = type.toUpperCase();
  if (
    /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL|NUMERIC)/.test(
      t,
    )
  )
    return 'number';
  if (/^(VARCHAR|TEXT|STRING|CHAR|BPCHAR)/.test(t)) return 'text';
  if (/^(DATE|TIMESTAMP)/.test(t)) return 'date';
  if (t === 'BOOLEAN') return 'boolean';
  return 'other';
}

/** True for whole-number types. */
export function isIntegerType(type: string): boolean {
  return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U(TINY|SMALL|BIG|HUGE)?INT(EGER)?)$/i.test(type.trim());
}

/** The FROM item of a source, aliased `alias`; SQL enters only as a subquery. */
export function sourceFrom(source: JoinSource, alias: string): FromNode {
  if ('sql' in source) return subqueryRef(rawQuery(source.sql), alias);
  return table(source.schema ? [source.schema, source.table] : source.table, alias);
}

/** How a source reads in messages. */
export function sourceLabel(source: JoinSource, side: 'left' | 'right'): string {
  if (source.label) return source.label;
  return 'table' in source ? source.table : `the ${side} query`;
}

/** The columns of a source (read with LIMIT 0). */
export async function sourceColumns(engine: Engine, source: JoinSource): Promise<ColumnInfo[]> {
  const probe = select(star()).from(sourceFrom(source, 's')).limit(0);
  return (await engine.query(toSql(probe, duckdbDialect()))).columns;
}

/** The type of `column` in `columns`, or a plain error naming the columns there are. */
export function columnType(columns: ColumnInfo[], column: string, label: string): string {
  const found = columns.find((c) => c.name === column);
  if (found) return found.type;
  const names = columns.map((c) => c.name);
  throw new SightlineError(`There is no column "${column}" in ${label}.`, {
    hints: [`Pick one of: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', ...' : ''}.`],
  });
}
