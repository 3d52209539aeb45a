import { statSync } from 'node:fs';
import { quoteIdent, quoteString } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import { checkColumnTypes } from './column-types.js';
import { countRows, describeQuery, engineMessage, runLong, stagingName } from './duck.js';
import { schemaMismatch } from './schema-check.js';
import { outputColumns, selectList } from './select-list.js';
import type { StageContext, StagedImport } from './stage.js';
import { readPrefix } from './text-source.js';
import type { ImportRequest } from './types.js';

const FILE_COLUMN = '__sightline_file';

/** Reads Parquet files (types come from the files themselves) into a staging table. */
export async function stageParquet(
  ctx: StageContext,
  files: string[],
  many: boolean,
  req: ImportRequest,
  label: string,
): Promise<StagedImport> {
  const { conn } = ctx;
  const reader = (paths: string[], withFile: boolean) =>
    `read_parquet([${paths.map(quoteString).join(', ')}]${withFile ? `, filename = ${quoteString(FILE_COLUMN)}` : ''})`;
  let names: string[] = [];
  for (const f of files) {
    readPrefix(f); // a 0-byte file fails with "the file is empty"
    let cols: string[];
    try {
      cols = (await describeQuery(conn, `SELECT * FROM ${reader([f], false)}`)).map((c) => c.name);
    } catch (err) {
      throw new SightlineError(`"${f}" can't be read as a Parquet file: ${engineMessage(err)}`, {
        hints: ['The file may be damaged or not Parquet at all; export it again, or pass --input-format.'],
        cause: err,
      });
    }
    if (names.length === 0) names = cols;
    else if (names.join('\u0000') !== cols.join('\u0000')) throw schemaMismatch(files[0]!, f, names, cols);
  }
  const probe = await conn.runAndReadAll(`SELECT * FROM ${reader(files, false)} LIMIT 0`);
  const columns = outputColumns(probe.columnNames(), probe.columnTypes(), req.flatten === true);
  const userTypes = await checkColumnTypes(
    conn,
    req.columnTypes,
    columns.map((c) => c.name),
    label,
  );
  const source = many
    ? { column: 'source_file', fileColumn: FILE_COLUMN, readPaths: files, files }
    : undefined;
  const staging = stagingName('import');
  const totalBytes = files.reduce((n, f) => n + statSync(f).size, 0);
  try {
    await runLong(
      conn,
      `CREATE TABLE ${quoteIdent(staging)} AS SELECT ${selectList(columns, userTypes, source)} FROM ${reader(files, many)}`,
      {
        signal: ctx.signal,
        onProgress: (f) => ctx.progress(label, Math.round(f * totalBytes), totalBytes),
      },
    ).catch((err) => {
      if (err instanceof Error && err.name === 'ImportCancelled') throw err;
      throw new SightlineError(`Sightline couldn't import "${label}": ${engineMessage(err)}`, { cause: err });
    });
    const types: Record<string, string> = {};
    for (const c of await describeQuery(conn, `SELECT * FROM ${quoteIdent(staging)}`)) types[c.name] = c.type;
    return {
      staging,
      rows: await countRows(conn, staging),
      rejected: 0,
      rejects: [],
      allRejects: [],
      warnings: [],
      detected: { format: 'parquet', types },
      files,
    };
  } catch (err) {
    await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
    throw err;
  }
}
