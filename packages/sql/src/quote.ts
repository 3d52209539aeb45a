/** Quotes an identifier the SQL-standard way (DuckDB and PostgreSQL agree): `Order "ID"` -> `"Order ""ID"""`. */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('An identifier cannot contain a NUL character');
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal the SQL-standard way: `O'Brien` -> `'O''Brien'`. */
export function quoteString(value: string): string {
  if (value.includes('\u0000')) throw new Error('A string literal cannot contain a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}
