import { basename } from 'node:path';
import type { ImportOutcome, ImportRequest } from '@sightline/engine';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit.js';
import { formatCount, plural } from '../output/human.js';
import { createProgress } from '../progress.js';

/** Options of `sightline import` as commander parses them. */
export interface ImportOptions {
  as?: string;
  mode?: string;
  inputFormat?: string;
  sheet?: string;
  headerRow?: string;
  strict?: boolean;
  maxRejects?: string;
  delimiter?: string;
  header?: boolean;
  encoding?: string;
  type?: string[];
  flatten?: boolean;
  logFormat?: string;
}

const MODES = ['create', 'replace', 'append'] as const;
const INPUT_FORMATS = ['auto', 'csv', 'tsv', 'json', 'ndjson', 'parquet', 'xlsx', 'log'] as const;
const REJECTS_SHOWN = 10;

/** `sightline import PATH...`: imports files into workspace tables and prints one record per table. */
export async function importCommand(ctx: CliContext, paths: string[], opts: ImportOptions): Promise<void> {
  const request = toRequest(paths, opts);
  const backend = await ctx.backend();
  const progress = createProgress(ctx.io.stderr, 'Importing');
  let outcomes: ImportOutcome[];
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  try {
    outcomes = await backend.importFiles(request, {
      signal: abort.signal,
      onProgress: (p) =>
        progress.update({
          done: p.bytesRead,
          total: p.bytesTotal,
          rows: p.rows,
          label: `Importing ${basename(p.file)}`,
        }),
    });
  } finally {
    process.off('SIGINT', onSignal);
    progress.finish();
  }
  for (const outcome of outcomes) reportOutcome(ctx, outcome);
  const records = outcomes.map((o) => ({
    table: o.table,
    rows: o.rows,
    columns: o.columns,
    rejected: o.rejected,
  }));
  await ctx.printRows(
    [
      { name: 'table', type: 'VARCHAR' },
      { name: 'rows', type: 'BIGINT' },
      { name: 'columns', type: 'BIGINT' },
      { name: 'rejected', type: 'BIGINT' },
    ],
    [records],
    { footer: false },
  );
}

function reportOutcome(ctx: CliContext, o: ImportOutcome): void {
  for (const w of o.warnings) ctx.note(`warning: ${w}`);
  if (o.detected.format === 'log') {
    reportLog(ctx, o);
    return;
  }
  if (o.rejected > 0) {
    ctx.note(
      `${plural(o.rejected, 'row')} didn't fit and ${o.rejected === 1 ? 'was' : 'were'} rejected from "${o.table}" (the header is line 1):`,
    );
    for (const r of o.rejects.slice(0, REJECTS_SHOWN)) {
      ctx.note(`  ${r.file} line ${r.line}${r.column ? `, column "${r.column}"` : ''}: ${r.reason}`);
    }
    if (o.rejected > REJECTS_SHOWN) ctx.note(`  ... and ${formatCount(o.rejected - REJECTS_SHOWN)} more.`);
    ctx.note(`  See them all with: sightline rejects ${o.table}`);
  }
}

function reportLog(ctx: CliContext, o: ImportOutcome): void {
  const d = o.detected;
  const share =
    d.logConfidence === undefined ? '' : ` (${Math.round(d.logConfidence * 100)}% of its first lines fit)`;
  ctx.note(
    `Read "${o.files.map((f) => basename(f)).join('", "')}" as ${d.logFormatLabel ?? d.logFormat}${share}.`,
  );
  if (o.rejected === 0) return;
  ctx.note(
    `${plural(o.rejected, 'line')} matched no entry and ${o.rejected === 1 ? 'was' : 'were'} kept aside (rejected) from "${o.table}":`,
  );
  for (const r of o.rejects.slice(0, REJECTS_SHOWN))
    ctx.note(`  ${r.file} line ${r.line}: ${r.raw.slice(0, 120)}`);
  if (o.rejected > REJECTS_SHOWN) ctx.note(`  ... and ${formatCount(o.rejected - REJECTS_SHOWN)} more.`);
  ctx.note(`  See them all with: sightline rejects ${o.table}`);
}

function toRequest(paths: string[], opts: ImportOptions): ImportRequest {
  if (paths.length === 0)
    throw new UsageError('Name at least one file to import.', ['Example: sightline import orders.csv']);
  const mode = oneOf(opts.mode ?? 'create', MODES, '--mode');
  const inputFormat = oneOf(opts.inputFormat ?? 'auto', INPUT_FORMATS, '--input-format');
  const columnTypes: Record<string, string> = {};
  for (const t of opts.type ?? []) {
    const eq = t.indexOf('=');
    if (eq <= 0)
      throw new UsageError(`--type "${t}" should be COLUMN=TYPE.`, ['Example: --type zip=VARCHAR']);
    columnTypes[t.slice(0, eq)] = t.slice(eq + 1);
  }
  return {
    paths,
    as: opts.as,
    mode,
    inputFormat,
    sheet: opts.sheet,
    headerRow: opts.headerRow === undefined ? undefined : positiveInt(opts.headerRow, '--header-row'),
    strict: opts.strict ?? false,
    maxRejects: opts.maxRejects === undefined ? undefined : nonNegativeInt(opts.maxRejects, '--max-rejects'),
    delimiter: opts.delimiter === undefined ? undefined : unescapeDelimiter(opts.delimiter),
    header: opts.header === false ? false : undefined,
    encoding: opts.encoding,
    columnTypes: Object.keys(columnTypes).length > 0 ? columnTypes : undefined,
    flatten: opts.flatten ?? false,
    logFormat: opts.logFormat,
  };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} "${value}" is not one of: ${allowed.join(', ')}.`);
}

function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag} needs a whole number of 1 or more, not "${text}".`);
  return n;
}

function nonNegativeInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`${flag} needs a whole number of 0 or more, not "${text}".`);
  return n;
}

function unescapeDelimiter(text: string): string {
  if (text === '\\t' || text.toLowerCase() === 'tab') return '\t';
  return text;
}
