import { statSync } from 'node:fs';
import { join } from 'node:path';
import { quoteIdent } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import { checkColumnTypes } from '../import/column-types.js';
import { countRows, describeQuery, engineMessage, ImportCancelled, stagingName } from '../import/duck.js';
import { rejectPolicyError } from '../import/reject-policy.js';
import type { StageContext, StagedImport } from '../import/stage.js';
import type { ImportRequest, RejectedRow } from '../import/types.js';
import { isContinuation } from './continuation.js';
import { detectLogFormat, type LogDetection } from './detect.js';
import { fileIsGzip, readLineBatches, readLines, sampleLines } from './line-source.js';
import type { LogFormat, LogObject, LogParser, LogSink, LogValue } from './log-format.js';
import { ObjectTable } from './object-table.js';
import type { LogFormatRegistry } from './registry.js';
import { RowTable } from './row-table.js';

const FIRST_REJECTS = 10;
// Logs often hold a few stray lines (a restart banner, a line cut at rotation): by default an import goes on while at
// most half of the lines fit no entry; more than that means the format is wrong.
const UNMATCHED_SHARE = 0.5;

/** The format for a group of log files: the one the user named, else the best reader of the first file's lines. */
export async function chooseLogFormat(
  file: string,
  registry: LogFormatRegistry,
  forced: string | undefined,
): Promise<{ format: LogFormat; detection: LogDetection; sample: string[] }> {
  const sample = await sampleLines(file);
  const detection = detectLogFormat(sample, registry);
  if (forced !== undefined) return { format: registry.get(forced), detection, sample };
  if (!detection.format)
    throw new SightlineError(
      `"${file}" doesn't look like a log Sightline knows: no line of it fits any format.`,
      {
        hints: [
          `Sightline reads ${registry
            .list()
            .map((f) => f.label)
            .join(', ')}.`,
          'If it is a table rather than a log, import it with --input-format csv.',
        ],
      },
    );
  return { format: detection.format, detection, sample };
}

type Pending =
  | { kind: 'row'; line: number; values: LogValue[] }
  | { kind: 'object'; line: number; entry: LogObject };

/**
 * Reads log files line by line (streamed, gzip or not) with one log format into a staging table: typed columns
 * through DuckDB's appender, or through the JSON reader for formats whose columns come from the data. Continuation
 * lines (stack traces) join the entry before them; lines that fit no entry are rejected with their line numbers.
 */
export async function stageLogs(
  ctx: StageContext,
  files: string[],
  many: boolean,
  req: ImportRequest,
  label: string,
  registry: LogFormatRegistry,
): Promise<StagedImport> {
  const { conn } = ctx;
  const { format, detection, sample } = await chooseLogFormat(files[0]!, registry, req.logFormat);
  const confidence = req.logFormat === undefined ? detection.confidence : format.detect(sample);
  const sizes = files.map((f) => statSync(f).size);
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const staging = stagingName('log');
  const rejects: RejectedRow[] = [];
  const warnings = new Set<string>();
  if (req.encoding !== undefined && !/^utf-?8$/i.test(req.encoding.trim()))
    warnings.add(`Logs are read as UTF-8, so --encoding ${req.encoding} was not used for "${label}".`);
  let rows: RowTable | null = null;
  let objects: ObjectTable | null = null;
  let columnsKey: string | null = null;
  let doneBytes = 0;
  try {
    for (const [fi, file] of files.entries()) {
      const parser: LogParser = await format.open({
        file,
        mtime: statSync(file).mtime,
        sample: fi === 0 ? sample : await sampleLines(file),
        lines: () => readLines(file, { signal: ctx.signal }),
      });
      const key =
        parser.columns === null ? 'objects' : parser.columns.map((c) => `${c.name} ${c.type}`).join();
      if (columnsKey !== null && key !== columnsKey)
        throw new SightlineError(
          `"${file}" has different columns than "${files[0]}" when read as ${format.label}; one table needs logs of one shape.`,
          { hints: ['Import the files separately, or narrow the pattern.'] },
        );
      columnsKey = key;
      if (parser.columns && !rows) rows = await RowTable.create(conn, staging, parser.columns, many);
      if (!parser.columns && !objects) objects = new ObjectTable(join(ctx.scratchDir, `${staging}.ndjson`));
      const messageAt = parser.columns
        ? parser.columns.findIndex((c) => c.name === parser.messageColumn)
        : -1;
      const source = many ? file : null;
      let pending: Pending | null = null;
      const commit = () => {
        if (!pending) return;
        if (pending.kind === 'row') rows!.append(many ? [...pending.values, file] : pending.values);
        else objects!.add(pending.entry, source);
        pending = null;
      };
      const sink: LogSink = {
        row(line, values) {
          commit();
          pending = { kind: 'row', line, values };
        },
        object(line, entry) {
          commit();
          pending = { kind: 'object', line, entry };
        },
        unmatched(line, raw, reason) {
          rejects.push({ file, line, column: null, reason, raw });
        },
      };
      const extend = (text: string): boolean => {
        const p = pending as Pending | null;
        if (!p || parser.messageColumn === null) return false;
        if (p.kind === 'row') {
          if (messageAt < 0) return false;
          const before = p.values[messageAt];
          p.values[messageAt] = before === null || before === undefined ? text : `${before}\n${text}`;
        } else p.entry.message = p.entry.message === null ? text : `${p.entry.message}\n${text}`;
        return true;
      };
      const reason = `doesn't fit the ${format.label} format`;
      let lineNo = 0;
      const onBytes = (n: number) =>
        ctx.progress(label, doneBytes + n, totalBytes, rows?.rows ?? objects?.rows);
      for await (const batch of readLineBatches(file, { signal: ctx.signal, onBytes })) {
        for (const text of batch) {
          lineNo++;
          if (text.trim() === '') continue;
          // An exception line (`ValueError: bad`) continues an entry too: there is always one pending here.
          if (!parser.line(text, lineNo, sink) && !(isContinuation(text, true) && extend(text))) {
            sink.unmatched(lineNo, text, reason);
            commit();
          }
        }
        if (objects?.full) await objects.drain();
      }
      if (ctx.signal?.aborted) throw new ImportCancelled();
      parser.finish(sink);
      commit();
      for (const w of parser.warnings()) warnings.add(w);
      doneBytes += sizes[fi]!;
      ctx.progress(label, doneBytes, totalBytes, rows?.rows ?? objects?.rows);
    }
    rows?.close();
    if (objects) await objects.createTable(conn, staging, many, req.flatten === true);
    const count = await countRows(conn, staging);
    const error = rejectPolicyError({
      source: label,
      rejected: rejects.length,
      dataRowsRead: count + rejects.length,
      allowed: req.maxRejects ?? Math.floor((count + rejects.length) * UNMATCHED_SHARE),
      strict: req.strict === true,
      first: rejects.slice(0, 5),
      unit: 'line',
      cause: `Likely cause: those lines aren't written as ${format.label}${req.logFormat === undefined ? ` (detected from the first lines, ${Math.round(confidence * 100)}% of which fit)` : ''}; pick another format with --log-format.`,
    });
    if (error) throw error;
    await applyColumnTypes(conn, staging, req.columnTypes, label);
    const types: Record<string, string> = {};
    for (const c of await describeQuery(conn, `SELECT * FROM ${quoteIdent(staging)}`)) types[c.name] = c.type;
    return {
      staging,
      rows: count,
      rejected: rejects.length,
      rejects: rejects.slice(0, FIRST_REJECTS),
      allRejects: rejects,
      warnings: [...warnings],
      detected: {
        format: 'log',
        encoding: 'utf-8',
        logFormat: format.id,
        logFormatLabel: format.label,
        logConfidence: confidence,
        logCandidates: detection.candidates,
        ...(files.some((f) => fileIsGzip(f)) ? { compression: 'gzip' as const } : {}),
        types,
      },
      files,
    };
  } catch (err) {
    try {
      rows?.close();
    } catch {}
    await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
    throw err;
  }
}

/** Applies the user's `--type COLUMN=TYPE` to a staged log table; a value that can't be converted is an error. */
async function applyColumnTypes(
  conn: StageContext['conn'],
  staging: string,
  requested: Record<string, string> | undefined,
  label: string,
): Promise<void> {
  if (!requested || Object.keys(requested).length === 0) return;
  const columns = (await describeQuery(conn, `SELECT * FROM ${quoteIdent(staging)}`)).map((c) => c.name);
  for (const [name, type] of Object.entries(await checkColumnTypes(conn, requested, columns, label))) {
    try {
      await conn.run(`ALTER TABLE ${quoteIdent(staging)} ALTER ${quoteIdent(name)} SET DATA TYPE ${type}`);
    } catch (err) {
      throw new SightlineError(
        `Column "${name}" of "${label}" can't be stored as ${type}: ${engineMessage(err)}`,
        {
          hints: ['Leave out --type for that column to keep the type Sightline chose, or pick a wider type.'],
          cause: err,
        },
      );
    }
  }
}
