import { quoteIdent, quoteString } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import { checkColumnTypes } from './column-types.js';
import {
  countRows,
  describeQuery,
  engineMessage,
  ImportCancelled,
  queryRows,
  runLong,
  stagingName,
} from './duck.js';
import { linesAtOffsets } from './line-index.js';
import { allowedRejects, rejectPolicyError } from './reject-policy.js';
import { collapseRejects, type EngineReject, likelyCause } from './reject-reasons.js';
import { schemaMismatch } from './schema-check.js';
import type { StageContext, StagedImport } from './stage.js';
import { prepareTextSource, repairTextSource, type TextSource } from './text-source.js';
import { interpretations, narrowTextColumn } from './type-narrowing.js';
import type { DetectedOptions, ImportRequest } from './types.js';

const INTEGER_TYPES = new Set([
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
]);
const FILE_COLUMN = '__sightline_file';
/** How many rejected rows the error message and the outcome show. */
const FIRST_REJECTS = 10;

interface ReadPlan {
  paths: string[];
  delimiter?: string;
  header?: boolean;
  quote?: string;
  types: Record<string, string>;
  rejectsTable: string;
  rejectsScan: string;
  withFile: boolean;
}

/** The `read_csv(...)` call for a plan; every value is an escaped literal. */
export function readCsvSql(plan: ReadPlan, fn: 'read_csv' | 'sniff_csv' = 'read_csv'): string {
  const opts = [
    fn === 'sniff_csv' ? quoteString(plan.paths[0]!) : `[${plan.paths.map(quoteString).join(', ')}]`,
    'store_rejects = true',
    `rejects_table = ${quoteString(plan.rejectsTable)}`,
    `rejects_scan = ${quoteString(plan.rejectsScan)}`,
  ];
  if (plan.delimiter !== undefined) opts.push(`delim = ${quoteString(plan.delimiter)}`);
  if (plan.header !== undefined) opts.push(`header = ${plan.header}`);
  if (plan.quote !== undefined) opts.push(`quote = ${quoteString(plan.quote)}`);
  const types = fn === 'read_csv' ? Object.entries(plan.types) : [];
  if (types.length > 0)
    opts.push(`types = {${types.map(([k, v]) => `${quoteString(k)}: ${quoteString(v)}`).join(', ')}}`);
  if (plan.withFile && fn === 'read_csv') opts.push(`filename = ${quoteString(FILE_COLUMN)}`);
  return `${fn}(${opts.join(', ')})`;
}

/** Reads CSV/TSV files into a new staging table, with rejects, whole-file types and encoding repair. */
export async function stageCsv(
  ctx: StageContext,
  files: string[],
  many: boolean,
  req: ImportRequest,
  format: 'csv' | 'tsv',
  label: string,
): Promise<StagedImport> {
  const { conn } = ctx;
  const textCtx = { scratchDir: ctx.scratchDir, signal: ctx.signal, onBytes: ctx.progress };
  const sources: TextSource[] = [];
  for (const f of files) sources.push(await prepareTextSource(f, req.encoding, textCtx));
  const first = sources[0]!;
  const plan: ReadPlan = {
    paths: [],
    delimiter: req.delimiter ?? (format === 'tsv' ? '\t' : undefined),
    header: req.header ?? (isSingleLine(first) ? true : undefined),
    // A sample without any `"` makes DuckDB turn quoting off; RFC 4180 quoting is the better bet for later rows.
    quote: first.prefix.includes(0x22) ? undefined : '"',
    types: {},
    rejectsTable: stagingName('rejects'),
    rejectsScan: stagingName('scans'),
    withFile: many,
  };
  const staging = stagingName('import');
  const dropScratchTables = async () => {
    await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(plan.rejectsTable)}`);
    await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(plan.rejectsScan)}`);
  };
  try {
    const columns = await sniffColumns(ctx, sources, plan);
    const names = columns.map((c) => c.name);
    const userTypes = await checkColumnTypes(conn, req.columnTypes, names, label);
    const widened = new Set<string>();
    const totalBytes = sources.reduce((n, s) => n + s.size, 0);
    for (let attempt = 0; ; attempt++) {
      if (attempt > columns.length + sources.length + 2)
        throw new SightlineError(`Sightline couldn't settle the column types of "${label}".`, {
          kind: 'internal',
        });
      await dropScratchTables();
      await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
      plan.paths = sources.map((s) => s.readPath);
      plan.types = { ...userTypes };
      const select: string[] = [];
      for (const [i, col] of columns.entries()) {
        const c = quoteIdent(col.name);
        if (userTypes[col.name] === undefined && widened.has(col.name)) plan.types[col.name] = 'VARCHAR';
        else if (userTypes[col.name] === undefined && INTEGER_TYPES.has(col.type)) {
          // DuckDB rounds "12.5" into an integer column; read the text and stop at the first non-integer instead.
          plan.types[col.name] = 'VARCHAR';
          const widen = `error('sightline-widen:${i}')`;
          select.push(
            `CASE WHEN ${c} IS NULL THEN NULL WHEN strpos(${c}, '.') = 0 THEN COALESCE(TRY_CAST(${c} AS ${col.type}), ${widen}) ELSE ${widen} END AS ${c}`,
          );
          continue;
        }
        select.push(c);
      }
      if (many) select.push(`${sourceFileCase(sources)} AS ${quoteIdent(sourceColumnName(names))}`);
      const sql = `CREATE TABLE ${quoteIdent(staging)} AS SELECT ${select.join(', ')} FROM ${readCsvSql(plan)}`;
      try {
        await runLong(conn, sql, {
          signal: ctx.signal,
          onProgress: (f) => ctx.progress(label, Math.round(f * totalBytes), totalBytes),
        });
      } catch (err) {
        const widen = /sightline-widen:(\d+)/.exec(engineMessage(err));
        if (widen) {
          widened.add(columns[Number(widen[1])]!.name);
          continue;
        }
        throw csvError(err, label);
      }
      const errors = await queryRows(
        conn,
        `SELECT DISTINCT e.error_type, e.column_name, s.file_path FROM ${quoteIdent(plan.rejectsTable)} e JOIN ${quoteIdent(plan.rejectsScan)} s USING (scan_id, file_id) WHERE e.error_type IN ('CAST', 'INVALID ENCODING')`,
      );
      const castColumns = errors
        .filter(
          (e) =>
            e.error_type === 'CAST' &&
            typeof e.column_name === 'string' &&
            userTypes[e.column_name] === undefined,
        )
        .map((e) => String(e.column_name));
      if (castColumns.some((c) => !widened.has(c))) {
        for (const c of castColumns) widened.add(c);
        continue;
      }
      const badFiles = new Set(
        errors.filter((e) => e.error_type === 'INVALID ENCODING').map((e) => String(e.file_path)),
      );
      const toRepair = sources.filter((s) => badFiles.has(s.readPath) && s.readPath === s.file);
      if (toRepair.length > 0) {
        for (const s of toRepair) sources[sources.indexOf(s)] = await repairTextSource(s, textCtx);
        continue;
      }
      break;
    }
    const warnings = sources.flatMap((s) => s.warnings);
    const dialect = await readDialect(ctx, plan);
    const detected: DetectedOptions = {
      format,
      encoding: sources[0]!.encoding,
      ...dialect,
      types: {},
    };
    const numberFormats: Record<string, string> = {};
    const finalColumns = await describeQuery(conn, `SELECT * FROM ${quoteIdent(staging)}`);
    for (const col of finalColumns) {
      if (
        col.type !== 'VARCHAR' ||
        userTypes[col.name] !== undefined ||
        (many && col.name === sourceColumnName(names))
      )
        continue;
      const picked = await narrowTextColumn(
        conn,
        staging,
        col.name,
        interpretations(dialect.delimiter === ';'),
      );
      if (picked?.numberFormat) numberFormats[col.name] = picked.numberFormat;
      if (picked && widened.has(col.name))
        warnings.push(
          `Column "${col.name}" looked like ${lowerType(columns.find((c) => c.name === col.name)?.type)} in the first rows but not further down; it was read as ${picked.type}.`,
        );
      else if (!picked && widened.has(col.name))
        warnings.push(
          `Column "${col.name}" has text further down the file, so it was read as text (VARCHAR).`,
        );
    }
    if (Object.keys(numberFormats).length > 0) detected.numberFormats = numberFormats;
    for (const col of await describeQuery(conn, `SELECT * FROM ${quoteIdent(staging)}`))
      detected.types[col.name] = col.type;

    const rows = await countRows(conn, staging);
    const rejects = await collectRejects(ctx, plan, sources, req, rows, label, dialect.delimiter);
    return { staging, rows, ...rejects, warnings, detected, files };
  } catch (err) {
    await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
    throw err;
  } finally {
    await dropScratchTables();
  }
}

async function sniffColumns(ctx: StageContext, sources: TextSource[], plan: ReadPlan) {
  let columns: { name: string; type: string }[] | undefined;
  for (const src of sources) {
    let cols: { name: string; type: string }[];
    try {
      cols = await describeQuery(
        ctx.conn,
        `SELECT * FROM ${readCsvSql({ ...plan, paths: [src.readPath], withFile: false })}`,
      );
    } catch (err) {
      throw csvError(err, src.file);
    }
    if (!columns) {
      columns = cols;
      continue;
    }
    const names = columns.map((c) => c.name);
    const theirs = cols.map((c) => c.name);
    if (names.join('\u0000') !== theirs.join('\u0000'))
      throw schemaMismatch(sources[0]!.file, src.file, names, theirs);
  }
  return columns!;
}

function isSingleLine(src: TextSource): boolean {
  if (!src.complete) return false;
  const text = new TextDecoder().decode(src.prefix).replace(/\r?\n$/, '');
  return !text.includes('\n');
}

function sourceColumnName(names: string[]): string {
  return names.includes('source_file') ? 'sightline_source_file' : 'source_file';
}

function sourceFileCase(sources: TextSource[]): string {
  const whens = sources.map((s) => `WHEN ${quoteString(s.readPath)} THEN ${quoteString(s.file)}`).join(' ');
  return `CASE ${quoteIdent(FILE_COLUMN)} ${whens} ELSE ${quoteIdent(FILE_COLUMN)} END`;
}

function lowerType(type: string | undefined): string {
  if (type && INTEGER_TYPES.has(type)) return 'whole numbers';
  return (
    { DOUBLE: 'numbers', DATE: 'dates', TIMESTAMP: 'timestamps', BOOLEAN: 'true/false values' }[type ?? ''] ??
    'a narrower type'
  );
}

async function readDialect(ctx: StageContext, plan: ReadPlan) {
  const [scan] = await queryRows(
    ctx.conn,
    `SELECT Delimiter AS delimiter, Quote AS quote, Escape AS escape, HasHeader AS has_header, DateFormat AS date_format, TimestampFormat AS timestamp_format FROM ${readCsvSql(plan, 'sniff_csv')}`,
  );
  const text = (v: unknown) => (typeof v === 'string' && v !== '(empty)' ? v : undefined);
  const out: Pick<
    DetectedOptions,
    'delimiter' | 'quote' | 'escape' | 'header' | 'dateFormat' | 'timestampFormat'
  > = {};
  const delimiter = text(scan?.delimiter) ?? plan.delimiter;
  if (delimiter !== undefined) out.delimiter = delimiter;
  const quote = text(scan?.quote) ?? plan.quote;
  if (quote !== undefined) out.quote = quote;
  const escapeChar = text(scan?.escape);
  if (escapeChar !== undefined) out.escape = escapeChar;
  out.header = scan ? scan.has_header === true : (plan.header ?? true);
  const dateFormat = text(scan?.date_format);
  if (dateFormat !== undefined) out.dateFormat = dateFormat;
  const tsFormat = text(scan?.timestamp_format);
  if (tsFormat !== undefined) out.timestampFormat = tsFormat;
  return out;
}

async function collectRejects(
  ctx: StageContext,
  plan: ReadPlan,
  sources: TextSource[],
  req: ImportRequest,
  rows: number,
  label: string,
  delimiter: string | undefined,
) {
  const rt = quoteIdent(plan.rejectsTable);
  const rs = quoteIdent(plan.rejectsScan);
  const [count] = await queryRows(
    ctx.conn,
    `SELECT count(*) AS n FROM (SELECT DISTINCT scan_id, file_id, line FROM ${rt})`,
  );
  const rejected = Number(count?.n ?? 0);
  if (rejected === 0) return { rejected: 0, rejects: [], allRejects: [] };
  const allowed = allowedRejects(rows + rejected, req.maxRejects);
  const tooMany = req.strict === true || rejected > allowed;
  const entriesRows = await queryRows(
    ctx.conn,
    `SELECT s.file_path, e.line, e.line_byte_position, e.column_name, e.error_type, e.error_message, e.csv_line FROM ${rt} e JOIN ${rs} s USING (scan_id, file_id) ORDER BY s.file_path, e.line ${tooMany ? 'LIMIT 200' : ''}`,
  );
  const byRead = new Map(sources.map((s) => [s.readPath, s.file]));
  const offsets = new Map<string, number[]>();
  for (const r of entriesRows) {
    const path = String(r.file_path);
    offsets.set(path, [...(offsets.get(path) ?? []), Number(r.line_byte_position)]);
  }
  const lineMaps = new Map<string, Map<number, number>>();
  for (const [path, offs] of offsets) lineMaps.set(path, await linesAtOffsets(path, offs));
  const entries: EngineReject[] = entriesRows.map((r) => {
    const path = String(r.file_path);
    const physical = lineMaps.get(path)?.get(Number(r.line_byte_position)) ?? 0;
    return {
      file: byRead.get(path) ?? path,
      line: Math.max(Number(r.line), physical),
      column: typeof r.column_name === 'string' ? r.column_name : null,
      errorType: String(r.error_type),
      message: String(r.error_message),
      raw: String(r.csv_line ?? ''),
    };
  });
  const all = collapseRejects(entries);
  const error = rejectPolicyError({
    source: label,
    rejected,
    dataRowsRead: rows + rejected,
    allowed,
    strict: req.strict === true,
    first: all.slice(0, 5),
    cause: likelyCause(entries, delimiter),
  });
  if (error) throw error;
  return { rejected, rejects: all.slice(0, FIRST_REJECTS), allRejects: all };
}

function csvError(err: unknown, file: string): Error {
  if (err instanceof SightlineError || err instanceof ImportCancelled) return err;
  const msg = engineMessage(err);
  if (/sniff|dialect/i.test(msg))
    return new SightlineError(`Sightline couldn't work out how "${file}" is laid out as CSV.`, {
      hints: [
        'Set the delimiter with --delimiter and say whether the first line is a header with --header.',
        `Details: ${msg}`,
      ],
      cause: err,
    });
  return new SightlineError(`Sightline couldn't read "${file}" as CSV: ${msg}`, { cause: err });
}
