import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteString } from '@sightline/sql';
import { queryRows } from './duck.js';

/** One way to read text values as a typed column: a test for a non-null value and a conversion. */
export interface Interpretation {
  type: string;
  /** Shown in `detected.numberFormats` when the text needs rewriting (decimal comma, thousands separator). */
  numberFormat?: string;
  test: (v: string) => string;
  convert: (v: string) => string;
}

const re = (v: string, pattern: string) => `regexp_full_match(${v}, ${quoteString(pattern)})`;

const INT = '[+-]?(0|[1-9][0-9]{0,17})';
const DEC = '[+-]?(0|[1-9][0-9]*)?(\\.[0-9]+)?([eE][+-]?[0-9]+)?';
const ISO_DATE = '[0-9]{4}-[0-9]{2}-[0-9]{2}';
const ISO_TS = `${ISO_DATE}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?`;

const integer: Interpretation = {
  type: 'BIGINT',
  test: (v) => re(`trim(${v})`, INT),
  convert: (v) => `CAST(trim(${v}) AS BIGINT)`,
};
const double: Interpretation = {
  type: 'DOUBLE',
  test: (v) => `(${re(`trim(${v})`, DEC)} AND regexp_matches(${v}, '[0-9]'))`,
  convert: (v) => `CAST(trim(${v}) AS DOUBLE)`,
};
const thousandsComma: Interpretation = {
  type: 'DOUBLE',
  numberFormat: 'thousands separator ","',
  test: (v) => re(`trim(${v})`, '[+-]?([1-9][0-9]{0,2}(,[0-9]{3})+|0|[1-9][0-9]*)(\\.[0-9]+)?'),
  convert: (v) => `CAST(replace(trim(${v}), ',', '') AS DOUBLE)`,
};
const decimalComma: Interpretation = {
  type: 'DOUBLE',
  numberFormat: 'decimal comma, thousands separator "."',
  test: (v) => re(`trim(${v})`, '[+-]?([1-9][0-9]{0,2}(\\.[0-9]{3})+|0|[1-9][0-9]*)(,[0-9]+)?'),
  convert: (v) => `CAST(replace(replace(trim(${v}), '.', ''), ',', '.') AS DOUBLE)`,
};
const boolean: Interpretation = {
  type: 'BOOLEAN',
  test: (v) => `lower(trim(${v})) IN ('true', 'false')`,
  convert: (v) => `CAST(lower(trim(${v})) AS BOOLEAN)`,
};
const isoDate: Interpretation = {
  type: 'DATE',
  test: (v) => `(${re(v, ISO_DATE)} AND TRY_CAST(${v} AS DATE) IS NOT NULL)`,
  convert: (v) => `CAST(${v} AS DATE)`,
};
const isoTimestamp: Interpretation = {
  type: 'TIMESTAMP',
  test: (v) => `(${re(v, ISO_TS)} AND TRY_CAST(${v} AS TIMESTAMP) IS NOT NULL)`,
  convert: (v) => `CAST(${v} AS TIMESTAMP)`,
};
const isoTimestampTz: Interpretation = {
  type: 'TIMESTAMP WITH TIME ZONE',
  test: (v) =>
    `(${re(v, `${ISO_TS}(Z|[+-][0-9]{2}(:?[0-9]{2})?)`)} AND TRY_CAST(${v} AS TIMESTAMPTZ) IS NOT NULL)`,
  convert: (v) => `CAST(${v} AS TIMESTAMPTZ)`,
};
const slashDate = (format: string): Interpretation => ({
  type: 'DATE',
  test: (v) =>
    `(${re(v, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}')} AND try_strptime(${v}, ${quoteString(format)}) IS NOT NULL)`,
  convert: (v) => `CAST(strptime(${v}, ${quoteString(format)}) AS DATE)`,
});

/**
 * The interpretations tried on a text column, narrowest first. `european` (a `;`-delimited file) prefers a decimal
 * comma over a thousands comma and day/month over month/day.
 */
export function interpretations(european: boolean): Interpretation[] {
  const numbers = european ? [decimalComma, thousandsComma] : [thousandsComma, decimalComma];
  const dates = european
    ? [slashDate('%d/%m/%Y'), slashDate('%m/%d/%Y')]
    : [slashDate('%m/%d/%Y'), slashDate('%d/%m/%Y')];
  return [integer, double, ...numbers, boolean, isoDate, isoTimestamp, isoTimestampTz, ...dates];
}

/**
 * Text that spreadsheets and exports write for "no value". In a column that is otherwise numbers, dates or
 * booleans these become NULL (and the import says so) instead of forcing the whole column to text.
 */
export const NULL_MARKERS = [
  'NA',
  'N/A',
  'n/a',
  'na',
  'null',
  'NULL',
  'Null',
  'None',
  'none',
  '-',
  '--',
  '#N/A',
  '?',
];

const MARKER_LIST = NULL_MARKERS.map(quoteString).join(', ');

/** A narrowing that happened: the interpretation used and how many values were null markers, by marker. */
export interface Narrowed {
  interpretation: Interpretation;
  nullMarkers: Record<string, number>;
}

/** How many non-null values the cheap first check looks at. */
export const NARROW_SAMPLE = 20_000;

/**
 * Checks whether every non-null value of a text column fits a narrower type; if so converts the column in place
 * and returns the interpretation used. Cheap when the column is really text: one pass over the first 20,000
 * non-null values rules out every candidate; only a candidate that passes is confirmed over the whole column.
 */
export async function narrowTextColumn(
  conn: DuckDBConnection,
  table: string,
  column: string,
  candidates: Interpretation[],
): Promise<Narrowed | null> {
  const t = quoteIdent(table);
  const c = quoteIdent(column);
  const present = (v: string) => `${v} IS NOT NULL AND trim(${v}) NOT IN (${MARKER_LIST})`;
  let alive = candidates;
  // Two cheap rounds (1,000 then 20,000 values) rule out text columns before any full pass.
  for (const limit of [1000, NARROW_SAMPLE]) {
    const checks = alive.map((cand, i) => `bool_and(${cand.test('v')}) AS c${i}`).join(', ');
    const [sample] = await queryRows(
      conn,
      `SELECT count(*) AS n, ${checks} FROM (SELECT ${c} AS v FROM ${t} WHERE ${present(c)} LIMIT ${limit})`,
    );
    if (!sample || Number(sample.n) === 0) return null;
    alive = alive.filter((_, i) => sample[`c${i}`] === true);
    if (alive.length === 0) return null;
    if (Number(sample.n) < limit) break;
  }
  for (const cand of alive) {
    const [full] = await queryRows(
      conn,
      `SELECT count(*) AS bad FROM ${t} WHERE ${present(c)} AND NOT (${cand.test(c)})`,
    );
    if (Number(full?.bad) !== 0) continue;
    const markers = await queryRows(
      conn,
      `SELECT trim(${c}) AS marker, count(*) AS n FROM ${t} WHERE trim(${c}) IN (${MARKER_LIST}) GROUP BY 1 ORDER BY 2 DESC, 1`,
    );
    const using =
      markers.length > 0
        ? `CASE WHEN trim(${c}) IN (${MARKER_LIST}) THEN NULL ELSE ${cand.convert(c)} END`
        : cand.convert(c);
    await conn.run(`ALTER TABLE ${t} ALTER COLUMN ${c} SET DATA TYPE ${cand.type} USING ${using}`);
    return {
      interpretation: cand,
      nullMarkers: Object.fromEntries(markers.map((m) => [String(m.marker), Number(m.n)])),
    };
  }
  return null;
}
