import { type DuckDBType, DuckDBTypeId } from '@duckdb/node-api';
import { quoteIdent, quoteString } from '@sightline/sql';

const SAFE = '9007199254740991';

/**
 * A SQL expression that turns `expr` (of `type`) into a value DuckDB's JSON writer prints per shared spec/cli.md
 * (big integers as strings, timestamps ISO with `T`, TIMESTAMPTZ in UTC with `Z`, NaN/Infinity as strings,
 * BLOB as base64), recursing into lists and structs; `undefined` when DuckDB's default already fits.
 * Kept in SQL so `COPY ... (FORMAT json)` stays at engine speed.
 */
export function jsonSafeExpression(expr: string, type: DuckDBType, depth = 0): string | undefined {
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return `CASE WHEN ${expr} BETWEEN -${SAFE} AND ${SAFE} THEN to_json(${expr}) ELSE to_json(${expr}::VARCHAR) END`;
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      // Casting through VARCHAR prints FLOATs shortest (1.1, not 1.100000023841858).
      return `CASE WHEN isnan(${expr}) THEN to_json('NaN') WHEN isinf(${expr}) THEN to_json(CASE WHEN ${expr} > 0 THEN 'Infinity' ELSE '-Infinity' END) ELSE (${expr}::VARCHAR)::JSON END`;
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return `replace(${expr}::VARCHAR, ' ', 'T')`;
    case DuckDBTypeId.TIMESTAMP_TZ:
      return `CASE WHEN isfinite(${expr}) THEN replace((${expr} AT TIME ZONE 'UTC')::VARCHAR, ' ', 'T') || 'Z' ELSE ${expr}::VARCHAR END`;
    case DuckDBTypeId.BLOB:
      return `to_base64(${expr})`;
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const item = `x${depth}`;
      const inner = jsonSafeExpression(item, type.valueType, depth + 1);
      return inner === undefined ? undefined : `list_transform(${expr}, lambda ${item}: ${inner})`;
    }
    case DuckDBTypeId.STRUCT: {
      const fields = type.entryNames.map((name, i) => {
        const access = `struct_extract(${expr}, ${quoteString(name)})`;
        return { name, access, inner: jsonSafeExpression(access, type.entryTypes[i]!, depth + 1) };
      });
      if (fields.every((f) => f.inner === undefined)) return undefined;
      const packed = fields.map((f) => `${quoteIdent(f.name)} := ${f.inner ?? f.access}`).join(', ');
      return `CASE WHEN ${expr} IS NULL THEN NULL ELSE struct_pack(${packed}) END`;
    }
    default:
      return undefined;
  }
}
