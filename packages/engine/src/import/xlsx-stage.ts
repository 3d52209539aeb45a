import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { quoteIdent, quoteString } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import { checkColumnTypes } from './column-types.js';
import { countRows, describeQuery, ImportCancelled, runLong, stagingName } from './duck.js';
import type { StageContext, StagedImport } from './stage.js';
import { readPrefix } from './text-source.js';
import type { ImportRequest } from './types.js';
import { type CellKind, columnTypeFor, convertCell, headerNames } from './xlsx-cells.js';

interface SheetData {
  sheet: string;
  /** Every sheet of the workbook, in order. */
  allSheets?: string[];
  names: string[];
  kinds: Set<CellKind>[];
  rows: number;
  errors: number;
  ndjson: string;
}

/**
 * Streams one sheet of an .xlsx workbook (exceljs WorkbookReader, never the whole workbook in memory) into a typed
 * NDJSON scratch file, then loads that with column types that hold for every cell of the sheet.
 */
export async function stageXlsx(
  ctx: StageContext,
  file: string,
  req: ImportRequest,
  label: string,
): Promise<StagedImport> {
  const { size } = readPrefix(file);
  const data = await readSheet(ctx, file, size, req);
  const types = data.kinds.map(columnTypeFor);
  const userTypes = await checkColumnTypes(ctx.conn, req.columnTypes, data.names, label);
  const columns = `{${data.names.map((_, i) => `c${i}: ${quoteString(types[i]!)}`).join(', ')}}`;
  const select = data.names
    .map((name, i) => {
      const c = quoteIdent(`c${i}`);
      return `${userTypes[name] ? `CAST(${c} AS ${userTypes[name]})` : c} AS ${quoteIdent(name)}`;
    })
    .join(', ');
  const staging = stagingName('import');
  try {
    try {
      await runLong(
        ctx.conn,
        `CREATE TABLE ${quoteIdent(staging)} AS SELECT ${select} FROM read_json(${quoteString(data.ndjson)}, format = 'newline_delimited', columns = ${columns})`,
        { signal: ctx.signal },
      );
    } catch (err) {
      if (err instanceof ImportCancelled) throw err;
      throw new SightlineError(
        `Sightline couldn't load sheet "${data.sheet}" of "${label}": ${String(err)}`,
        { cause: err },
      );
    }
    const detectedTypes: Record<string, string> = {};
    for (const c of await describeQuery(ctx.conn, `SELECT * FROM ${quoteIdent(staging)}`))
      detectedTypes[c.name] = c.type;
    const warnings: string[] = [];
    if (data.errors > 0)
      warnings.push(
        `${data.errors} cell${data.errors === 1 ? '' : 's'} of sheet "${data.sheet}" held an Excel error (like #N/A); they were left empty.`,
      );
    const others = (data.allSheets ?? []).filter((s) => s !== data.sheet);
    if (req.sheet === undefined && others.length > 0)
      warnings.push(
        `"${label}" has ${others.length + 1} sheets; this imported the first, "${data.sheet}". Pick another with --sheet ${JSON.stringify(others[0])} (the others: ${others.map((o) => `"${o}"`).join(', ')}).`,
      );
    return {
      staging,
      rows: await countRows(ctx.conn, staging),
      rejected: 0,
      rejects: [],
      allRejects: [],
      warnings,
      detected: { format: 'xlsx', sheet: data.sheet, types: detectedTypes },
      files: [file],
    };
  } catch (err) {
    await ctx.conn.run(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
    throw err;
  }
}

async function readSheet(
  ctx: StageContext,
  file: string,
  size: number,
  req: ImportRequest,
): Promise<SheetData> {
  const headerRow = req.headerRow ?? 1;
  const { default: Excel } = await import('exceljs');
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  let bytesRead = 0;
  let rowsDone = 0;
  input.on('data', (chunk) => {
    bytesRead += chunk.length;
    ctx.progress(file, bytesRead, size, rowsDone);
  });
  const ndjson = join(
    ctx.scratchDir,
    `sheet-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}.ndjson`,
  );
  const out = createWriteStream(ndjson);
  const seen: string[] = [];
  const reader = new Excel.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let found: SheetData | null = null;
  try {
    let index = 0;
    for await (const ws of reader) {
      index++;
      const name = String((ws as unknown as { name?: string }).name ?? `Sheet${index}`);
      seen.push(name);
      const wanted =
        req.sheet === undefined ||
        req.sheet === name ||
        (/^\d+$/.test(req.sheet) && Number(req.sheet) === index) ||
        req.sheet.toLowerCase() === name.toLowerCase();
      if (!wanted || found) {
        for await (const _row of ws) {
          // drain the sheet so the zip stream moves on
        }
        continue;
      }
      const data: SheetData = { sheet: name, names: [], kinds: [], rows: 0, errors: 0, ndjson };
      let header: unknown[] | null = null;
      for await (const row of ws) {
        if (ctx.signal?.aborted) throw new ImportCancelled();
        if (row.number < headerRow) continue;
        const values = (row.values as unknown[]).slice(1);
        if (row.number === headerRow) {
          header = values;
          data.names = headerNames(values, values.length);
          data.kinds = data.names.map(() => new Set<CellKind>());
          continue;
        }
        if (!header) continue;
        const record: Record<string, unknown> = {};
        let any = false;
        for (let i = 0; i < values.length; i++) {
          const cell = convertCell(values[i]);
          if (cell === null) continue;
          if (i >= data.names.length) {
            data.names.push(`column_${i + 1}`);
            data.kinds.push(new Set());
          }
          data.kinds[i]!.add(cell.kind);
          if (cell.kind === 'error') {
            data.errors++;
            continue;
          }
          record[`c${i}`] = cell.value;
          any = true;
        }
        if (!any) continue;
        data.rows++;
        rowsDone = data.rows;
        if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
      }
      if (!header)
        throw new SightlineError(
          `Sheet "${name}" of "${file}" has no row ${headerRow} to take column names from.`,
          {
            hints: [
              headerRow === 1 ? 'The sheet looks empty; pick another with --sheet.' : 'Check --header-row.',
            ],
          },
        );
      found = data;
    }
  } catch (err) {
    input.destroy();
    out.destroy();
    if (err instanceof SightlineError || err instanceof ImportCancelled) throw err;
    if (ctx.signal?.aborted) throw new ImportCancelled();
    throw new SightlineError(`"${file}" can't be read as an Excel workbook (.xlsx).`, {
      hints: [
        'Open it in Excel and save it again as .xlsx; an old .xls file must be saved as .xlsx first.',
        `Details: ${err instanceof Error ? err.message : String(err)}`,
      ],
      cause: err,
    });
  }
  out.end();
  await once(out, 'finish');
  if (!found) {
    if (seen.length === 0)
      throw new SightlineError(`"${file}" can't be read as an Excel workbook (.xlsx): it has no sheets.`, {
        hints: ['Open it in Excel and save it again as .xlsx.'],
      });
    throw new SightlineError(`"${file}" has no sheet "${req.sheet}".`, {
      hints: [
        `Its sheets are: ${seen.map((s) => `"${s}"`).join(', ')}. Pass one with --sheet (a name or a number).`,
      ],
    });
  }
  if (found.names.length === 0)
    throw new SightlineError(
      `Row ${headerRow} of sheet "${found.sheet}" in "${file}" is empty, so there are no column names.`,
      {
        hints: ['Point --header-row at the row that holds the column names.'],
      },
    );
  found.allSheets = seen;
  return found;
}
