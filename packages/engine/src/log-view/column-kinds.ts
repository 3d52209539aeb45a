/** Type families of DuckDB column types, as the log view needs them. */
export const TEXT_TYPE = /^(VARCHAR|TEXT|STRING|CHAR|BPCHAR)/i;
export const INTEGER_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/i;
export const NUMBER_TYPE = /^(DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC)/i;
export const TIMESTAMPTZ_TYPE = /^TIMESTAMP WITH TIME ZONE$/i;
export const TIMESTAMP_TYPE = /^TIMESTAMP(_S|_MS|_NS)?$/i;
export const DATE_TYPE = /^DATE$/i;
export const BOOLEAN_TYPE = /^BOOLEAN$/i;

/** True for types whose values can be counted as facet values (text, whole numbers, booleans). */
export function isFacetType(type: string): boolean {
  return TEXT_TYPE.test(type) || INTEGER_TYPE.test(type) || BOOLEAN_TYPE.test(type);
}

/** True for whole or decimal number types. */
export function isNumberType(type: string): boolean {
  return INTEGER_TYPE.test(type) || NUMBER_TYPE.test(type);
}
