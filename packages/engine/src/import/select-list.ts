import { DuckDBStructType, type DuckDBType } from '@duckdb/node-api';
import { quoteIdent, quoteString } from '@sightline/sql';

/** One output column of a staging SELECT: its name and the SQL that computes it. */
export interface OutputColumn {
  name: string;
  expr: string;
}

/** The columns of a reader's result; with `flatten`, STRUCT columns become `parent_child` columns, recursively. */
export function outputColumns(names: string[], types: DuckDBType[], flatten: boolean): OutputColumn[] {
  const out: OutputColumn[] = [];
  const add = (name: string, expr: string, type: DuckDBType | undefined) => {
    if (flatten && type instanceof DuckDBStructType && type.entryNames.length > 0) {
      for (const [i, entry] of type.entryNames.entries())
        add(`${name}_${entry}`, `struct_extract(${expr}, ${quoteString(entry)})`, type.entryTypes[i]);
      return;
    }
    out.push({ name, expr });
  };
  for (const [i, name] of names.entries()) add(name, quoteIdent(name), types[i]);
  return out;
}

/** The SELECT list: user types as CASTs, plus a `source_file` column mapping read paths back to the user's files. */
export function selectList(
  columns: OutputColumn[],
  userTypes: Record<string, string>,
  source?: { column: string; fileColumn: string; readPaths: string[]; files: string[] },
): string {
  const parts = columns.map((c) => {
    const type = userTypes[c.name];
    return `${type ? `CAST(${c.expr} AS ${type})` : c.expr} AS ${quoteIdent(c.name)}`;
  });
  if (source) {
    const whens = source.readPaths
      .map((p, i) => `WHEN ${quoteString(p)} THEN ${quoteString(source.files[i]!)}`)
      .join(' ');
    const f = quoteIdent(source.fileColumn);
    parts.push(`CASE ${f} ${whens} ELSE ${f} END AS ${quoteIdent(source.column)}`);
  }
  return parts.join(', ');
}
