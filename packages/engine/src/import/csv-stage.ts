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

/** What DuckDB's sniffer found in the first file: reused so the full read doesn't sniff again. */
interface Sniffed {
  columns: { name: string; type: string }[];
  delimiter: string;
  quote: string;
  escape: string;
  header: boolean;
  skip: number;
  dateFormat?: string;
  timestampFormat?: string;
}

interface ReadPlan {
  paths: string[];
  sniffed?: Sniffed;
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
  const d = fn === 'read_csv' ? plan.sniffed : undefined;
  if (d) {
    opts.push(
      'auto_detect = false',
      `delim = ${quoteString(d.delimiter)}`,
      `quote = ${quoteString(d.quote)}`,
      `escape = ${quoteString(d.escape)}`,
      `header = ${d.header}`,
      `skip = ${d.skip}`,
    );
    if (d.dateFormat) opts.push(`dateformat = ${quoteString(d.dateFormat)}`);
    if (d.timestampFormat) opts.push(`timestampformat = ${quoteString(d.timestampFormat)}`);
    const cols = d.columns.map((c) => `${quoteString(c.name)}: ${quoteString(plan.types[c.name] ?? c.type)}`);
    opts.push(`columns = {${cols.join(', ')}}`);
  } else {
    if (plan.delimiter !== undefined) opts.push(`delim = ${quoteString(plan.delimiter)}`);
    if (plan.header !== undefined) opts.push(`header = ${plan.header}`);
    if (plan.quote !== undefined) opts.push(`quote = ${quoteString(plan.quote)}`);
    const types = fn === 'read_csv' ? Object.entries(plan.types) : [];
    if (types.length > 0)
      opts.push(`types = {${types.map(([k, v]) => `${quoteString(k)}: ${quoteString(v)}`).join(', ')}}`);
  }
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
    plan.sniffed = await sniffFiles(ctx, sources, plan);
    const columns = plan.sniffed.columns;
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
    const dialect = dialectOf(plan.sniffed);
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
      const narrowed = await narrowTextColumn(
        conn,
        staging,
        col.name,
        interpretations(dialect.delimiter === ';'),
      );
      const picked = narrowed?.interpretation;
      const markers = Object.entries(narrowed?.nullMarkers ?? {});
      if (picked && markers.length > 0)
        warnings.push(
          `Column "${col.name}" holds ${lowerType(picked.type)}; ${markers.map(([m, n]) => `${n} × "${m}"`).join(', ')} read as empty (NULL).`,
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

async function sniffFiles(ctx: StageContext, sources: TextSource[], plan: ReadPlan): Promise<Sniffed> {
  let first: Sniffed | undefined;
  for (const src of sources) {
    let sniffed: Sniffed;
    try {
      const [row] = await queryRows(
        ctx.conn,
        `SELECT * FROM ${readCsvSql({ ...plan, paths: [src.readPath] }, 'sniff_csv')}`,
      );
      sniffed = toSniffed(row!);
    } catch (err) {
      throw csvError(err, src.file);
    }
    if (!first) {
      first = sniffed;
      continue;
    }
    const names = first.columns.map((c) => c.name);
    const theirs = sniffed.columns.map((c) => c.name);
    if (names.join('\u0000') !== theirs.join('\u0000'))
      throw schemaMismatch(sources[0]!.file, src.file, names, theirs);
    // Later files may hold other types; read them as the widest of both and let narrowing settle it.
    first.columns = first.columns.map((c, i) =>
      c.type === sniffed.columns[i]!.type ? c : { name: c.name, type: 'VARCHAR' },
    );
  }
  return first!;
}

function toSniffed(row: Record<string, unknown>): Sniffed {
  const text = (v: unknown) => (typeof v === 'string' && v !== '(empty)' ? v : '');
  const columns = (row.Columns as { name: string; type: string }[]).map((c) => ({
    name: String(c.name),
    type: String(c.type),
  }));
  const out: Sniffed = {
    columns,
    delimiter: text(row.Delimiter) || ',',
    quote: text(row.Quote),
    escape: text(row.Escape),
    header: row.HasHeader === true,
    skip: Number(row.SkipRows ?? 0),
  };
  if (text(row.DateFormat)) out.dateFormat = text(row.DateFormat);
  if (text(row.TimestampFormat)) out.timestampFormat = text(row.TimestampFormat);
  return out;
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

function dialectOf(d: Sniffed) {
  const out: Pick<
    DetectedOptions,
    'delimiter' | 'quote' | 'escape' | 'header' | 'dateFormat' | 'timestampFormat'
  > = {
    delimiter: d.delimiter,
    header: d.header,
  };
  if (d.quote) out.quote = d.quote;
  if (d.escape) out.escape = d.escape;
  if (d.dateFormat) out.dateFormat = d.dateFormat;
  if (d.timestampFormat) out.timestampFormat = d.timestampFormat;
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
