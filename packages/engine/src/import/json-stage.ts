import { quoteIdent, quoteString } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import { checkColumnTypes } from './column-types.js';
import { countRows, describeQuery, engineMessage, runLong, stagingName } from './duck.js';
import { locateJsonFileError } from './json-error.js';
import { schemaMismatch } from './schema-check.js';
import { outputColumns, selectList } from './select-list.js';
import type { StageContext, StagedImport } from './stage.js';
import { prepareTextSource, type TextSource } from './text-source.js';
import type { ImportRequest } from './types.js';

const FILE_COLUMN = '__sightline_file';

/** Reads JSON (an array of objects, or NDJSON) into a staging table; nested objects stay STRUCTs unless `flatten`. */
export async function stageJson(
  ctx: StageContext,
  files: string[],
  many: boolean,
  req: ImportRequest,
  format: 'json' | 'ndjson',
  label: string,
): Promise<StagedImport> {
  const { conn } = ctx;
  const textCtx = { scratchDir: ctx.scratchDir, signal: ctx.signal, onBytes: ctx.progress };
  const sources: TextSource[] = [];
  for (const f of files) sources.push(await prepareTextSource(f, req.encoding, textCtx));
  const jsonFormat = format === 'ndjson' ? 'newline_delimited' : 'auto';
  const reader = (paths: string[], withFile: boolean, wholeFile: boolean) =>
    `read_json([${paths.map(quoteString).join(', ')}], format = ${quoteString(jsonFormat)}${wholeFile ? ', sample_size = -1' : ''}${withFile ? `, filename = ${quoteString(FILE_COLUMN)}` : ''})`;

  let wholeFile = false;
  let names: string[] = [];
  for (const src of sources) {
    const cols = await describeJson(ctx, reader([src.readPath], false, false), src, format).catch(
      async (err) => {
        if (!/transform error|sample_size/i.test(engineMessage(err))) throw err;
        wholeFile = true;
        return describeJson(ctx, reader([src.readPath], false, true), src, format);
      },
    );
    if (names.length === 0) names = cols;
    else if (names.join('\u0000') !== cols.join('\u0000'))
      throw schemaMismatch(sources[0]!.file, src.file, names, cols);
  }
  const staging = stagingName('import');
  const totalBytes = sources.reduce((n, s) => n + s.size, 0);
  try {
    for (;;) {
      const read = reader(
        sources.map((s) => s.readPath),
        many,
        wholeFile,
      );
      const probe = await conn.runAndReadAll(
        `SELECT * EXCLUDE (${quoteIdent(FILE_COLUMN)}) FROM ${reader(
          sources.map((s) => s.readPath),
          true,
          wholeFile,
        )} LIMIT 0`,
      );
      const columns = outputColumns(probe.columnNames(), probe.columnTypes(), req.flatten === true);
      const userTypes = await checkColumnTypes(
        conn,
        req.columnTypes,
        columns.map((c) => c.name),
        label,
      );
      const source = many
        ? { column: 'source_file', fileColumn: FILE_COLUMN, readPaths: sources.map((s) => s.readPath), files }
        : undefined;
      try {
        await runLong(
          conn,
          `CREATE TABLE ${quoteIdent(staging)} AS SELECT ${selectList(columns, userTypes, source)} FROM ${read}`,
          {
            signal: ctx.signal,
            onProgress: (f) => ctx.progress(label, Math.round(f * totalBytes), totalBytes),
          },
        );
        break;
      } catch (err) {
        const msg = engineMessage(err);
        if (!wholeFile && /transform error|sample_size/i.test(msg)) {
          wholeFile = true;
          continue;
        }
        if (/Malformed JSON/i.test(msg)) throw await malformed(sources, format, err);
        if (err instanceof SightlineError) throw err;
        throw new SightlineError(`Sightline couldn't read "${label}" as JSON: ${msg}`, { cause: err });
      }
    }
    const types: Record<string, string> = {};
    for (const c of await describeQuery(conn, `SELECT * FROM ${quoteIdent(staging)}`)) types[c.name] = c.type;
    const rows = await countRows(conn, staging);
    return {
      staging,
      rows,
      rejected: 0,
      rejects: [],
      allRejects: [],
      warnings: sources.flatMap((s) => s.warnings),
      detected: { format, encoding: sources[0]!.encoding, types },
      files,
    };
  } catch (err) {
    await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
    throw err;
  }
}

async function describeJson(
  ctx: StageContext,
  read: string,
  src: TextSource,
  format: 'json' | 'ndjson',
): Promise<string[]> {
  try {
    return (await describeQuery(ctx.conn, `SELECT * FROM ${read}`)).map((c) => c.name);
  } catch (err) {
    if (/Malformed JSON/i.test(engineMessage(err))) throw await malformed([src], format, err);
    throw err;
  }
}

async function malformed(
  sources: TextSource[],
  format: 'json' | 'ndjson',
  err: unknown,
): Promise<SightlineError> {
  const msg = engineMessage(err);
  const named = sources.find((s) => msg.includes(s.readPath)) ?? sources[0]!;
  const spot = await locateJsonFileError(named.readPath, format === 'ndjson');
  const where = spot ? ` at line ${spot.line}, column ${spot.column}: ${spot.reason}` : `: ${msg}`;
  return new SightlineError(`"${named.file}" isn't valid JSON${where}.`, {
    hints: [
      format === 'ndjson'
        ? 'Each line must be one complete JSON object; fix that line or remove it.'
        : 'Fix the file there (a missing comma, bracket or quote is the usual cause), or export it again.',
    ],
    cause: err,
  });
}
