import type ExcelJS from 'exceljs';
import { SightlineError } from '../errors.js';
import type { ColumnInfo, JsonValue } from '../types.js';
import type { Engine } from './engine.js';

/** Data rows one sheet can hold (Excel's 1,048,576 rows minus the header). */
export const XLSX_MAX_ROWS = 1_048_575;

/**
 * Streams the rows of `sql` into an .xlsx file at `file` (bold header, numbers as numbers, dates and timestamps
 * as Excel dates, nested values as JSON text). Refuses results too big for a sheet before writing anything.
 */
export async function writeXlsx(engine: Engine, sql: string, file: string): Promise<number> {
  const counted = await engine.query(`SELECT count(*)::BIGINT AS n FROM (\n${sql}\n)`);
  const total = Number(counted.rows[0]?.n ?? 0);
  if (total > XLSX_MAX_ROWS) {
    throw new SightlineError(
      `The result has ${total.toLocaleString('en-US')} rows, more than a spreadsheet can hold (${XLSX_MAX_ROWS.toLocaleString('en-US')}).`,
      { kind: 'user', hints: ['Export to .csv or .parquet instead, or filter the rows first.'] },
    );
  }
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Sheet1');
  let rows = 0;
  let header = false;
  for await (const batch of engine.stream(sql)) {
    if (!header) {
      writeHeader(sheet, batch.columns);
      header = true;
    }
    const cells = batch.columns.map((c) => cellConverter(c.type));
    for (const row of batch.rows) {
      sheet.addRow(batch.columns.map((c, i) => cells[i]!(row[c.name] ?? null))).commit();
      rows++;
    }
  }
  if (!header) {
    const probe = await engine.query(`SELECT * FROM (\n${sql}\n) LIMIT 0`);
    writeHeader(sheet, probe.columns);
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}

function writeHeader(sheet: ExcelJS.Worksheet, columns: ColumnInfo[]): void {
  sheet.columns = columns.map((c) => ({
    header: c.name,
    key: c.name,
    width: Math.min(40, Math.max(10, c.name.length + 2)),
    ...(dateFormat(c.type) ? { style: { numFmt: dateFormat(c.type)! } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
}

function dateFormat(type: string): string | undefined {
  if (type === 'DATE') return 'yyyy-mm-dd';
  if (type.startsWith('TIMESTAMP')) return 'yyyy-mm-dd hh:mm:ss';
  return undefined;
}

type Cell = string | number | boolean | Date | null;

function cellConverter(type: string): (v: JsonValue) => Cell {
  if (type === 'DATE')
    return (v) => (typeof v === 'string' && /^\d{4}-/.test(v) ? new Date(`${v}T00:00:00Z`) : (v as Cell));
  if (type === 'TIMESTAMP WITH TIME ZONE')
    return (v) => (typeof v === 'string' && v.endsWith('Z') ? new Date(v) : (v as Cell));
  if (type.startsWith('TIMESTAMP'))
    return (v) => (typeof v === 'string' && /^\d{4}-/.test(v) ? new Date(`${v}Z`) : (v as Cell));
  return (v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
}
