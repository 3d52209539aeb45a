import type { DuckDBDataChunk, DuckDBResult, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { timestampTZValue } from '@duckdb/node-api';
import { SightlineError } from '../errors.js';
import type { ColumnInfo, JsonRow, JsonValue } from '../types.js';
import { toJsonConverter } from './json-values.js';

/** Column names, types and per-column converters of a result, chosen once. */
export interface ResultShape {
  columns: ColumnInfo[];
  types: DuckDBType[];
  convert: ((v: DuckDBValue) => JsonValue)[];
}

/** Reads the shape of a result: deduplicated names (so row keys are unique) and JSON converters. */
export function resultShape(
  result: Pick<DuckDBResult, 'deduplicatedColumnNames' | 'columnTypes'>,
): ResultShape {
  const names = result.deduplicatedColumnNames();
  const types = result.columnTypes();
  return {
    columns: names.map((name, i) => ({ name, type: types[i]!.toString() })),
    types,
    convert: types.map((t) => toJsonConverter(t)),
  };
}

/** Converts one data chunk to JSON-safe row objects (at most `limit` rows). */
export function chunkRows(
  chunk: DuckDBDataChunk,
  shape: ResultShape,
  limit = Number.POSITIVE_INFINITY,
): JsonRow[] {
  const n = Math.min(chunk.rowCount, limit);
  const rows: JsonRow[] = new Array(n);
  for (let r = 0; r < n; r++) rows[r] = {};
  shape.columns.forEach((col, c) => {
    const values = chunk.getColumnValues(c);
    const convert = shape.convert[c]!;
    for (let r = 0; r < n; r++) rows[r]![col.name] = convert(values[r] ?? null);
  });
  return rows;
}

/** Turns caller parameters into engine values; only plain JSON-ish values, bigints and Dates are accepted. */
export function toEngineParams(params: unknown[] | undefined): DuckDBValue[] | undefined {
  if (params === undefined) return undefined;
  return params.map((p, i) => {
    if (p === null || p === undefined) return null;
    if (typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean' || typeof p === 'bigint')
      return p;
    if (p instanceof Date) return timestampTZValue(BigInt(p.getTime()) * 1000n);
    throw new SightlineError(
      `Query parameter ${i + 1} is a ${typeof p}, which cannot be sent to the database.`,
      {
        kind: 'usage',
        hints: ['Use a string, number, boolean, bigint, Date or null.'],
      },
    );
  });
}
