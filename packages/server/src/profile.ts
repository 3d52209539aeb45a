import type { ColumnProfile, Engine, JsonValue } from '@sightline/engine';
import { quoteIdent } from '@sightline/sql';
import { resolveColumn } from './catalog-lookup.js';

/** One bar of a histogram: values in [low, high) (the last bar includes high). */
export interface HistogramBin {
  low: JsonValue;
  high: JsonValue;
  count: number;
}

/** The profile of one column: the engine's describe plus a histogram for numbers, dates and timestamps. */
export interface ColumnProfileWithHistogram extends ColumnProfile {
  histogram: HistogramBin[] | null;
}

const NUMERIC = /^(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|REAL|DECIMAL\(\d+,\s*\d+\))$/;
const TEMPORAL = /^(DATE|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE)$/;

/** Profiles `column` of `table` (both already resolved to exact names) with an equal-width histogram. */
export async function profileColumn(
  engine: Engine,
  table: string,
  column: string,
  bins = 20,
): Promise<ColumnProfileWithHistogram> {
  const profiles = await engine.describe(table);
  const profile = resolveColumn(
    table,
    profiles.map((p) => ({ ...p, name: p.column })),
    column,
  );
  const { name: _name, ...base } = profile;
  return { ...base, histogram: await histogram(engine, table, profile.column, profile.type, bins) };
}

async function histogram(
  engine: Engine,
  table: string,
  column: string,
  type: string,
  bins: number,
): Promise<HistogramBin[] | null> {
  const temporal = TEMPORAL.test(type);
  if (!temporal && !NUMERIC.test(type)) return null;
  const q = quoteIdent(column);
  const value = temporal ? `epoch_ms(${q}::TIMESTAMPTZ)::DOUBLE` : `${q}::DOUBLE`;
  const { rows } = await engine.query(
    `WITH v AS (SELECT ${value} AS x FROM main.${quoteIdent(table)} WHERE ${q} IS NOT NULL),
          r AS (SELECT min(x) AS lo, max(x) AS hi FROM v)
     SELECT r.lo, r.hi, b.bin, b.n FROM r LEFT JOIN (
       SELECT least(CASE WHEN r.hi = r.lo THEN 0 ELSE floor((x - r.lo) / (r.hi - r.lo) * $1) END, $1 - 1)::INTEGER AS bin,
              count(*)::BIGINT AS n
       FROM v, r GROUP BY 1) b ON true ORDER BY b.bin`,
    { params: [bins] },
  );
  const first = rows[0];
  if (!first || first.lo === null || first.hi === null) return [];
  const lo = Number(first.lo);
  const hi = Number(first.hi);
  const count = hi === lo ? 1 : bins;
  const width = hi === lo ? 0 : (hi - lo) / bins;
  const counts = new Map(rows.map((r) => [Number(r.bin), Number(r.n)]));
  const edge = (x: number): JsonValue => (temporal ? temporalValue(x, type) : x);
  return Array.from({ length: count }, (_, i) => ({
    low: edge(lo + i * width),
    high: edge(i === count - 1 ? hi : lo + (i + 1) * width),
    count: counts.get(i) ?? 0,
  }));
}

function temporalValue(ms: number, type: string): string {
  const iso = new Date(Math.round(ms)).toISOString();
  if (type === 'DATE') return iso.slice(0, 10);
  if (type === 'TIMESTAMP WITH TIME ZONE') return iso.replace('.000Z', 'Z');
  return iso.replace(/\.000Z$/, '').replace(/Z$/, '');
}
