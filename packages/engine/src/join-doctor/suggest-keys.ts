import {
  cast,
  column,
  count,
  countDistinct,
  cte,
  duckdbDialect,
  type ExprNode,
  type FromNode,
  filter,
  fn,
  isIn,
  isNotNull,
  select,
  table,
  toSql,
} from '@sightline/sql';
import type { Engine } from '../core/engine.js';
import { looksLikeKey, nameScore } from './name-score.js';
import { sourceColumns, sourceFrom, sourceLabel, typeFamily } from './source.js';
import type { JoinSource, KeySuggestion } from './types.js';

const MAX_PAIRS = 12;
const SAMPLE = 1000;
/** A pair is a key only when at least one side's values are mostly distinct. */
const MIN_UNIQUENESS = 0.5;
const UNIQUENESS_ROWS = 100_000;

/** Trimmed, lower-case text without leading zeros: values that differ only in format still overlap. */
const normalized = (name: string): ExprNode =>
  fn('ltrim', fn('lower', fn('trim', cast(column(name), 'TEXT'))), '0');

/**
 * Key pairs for joining `left` to `right`, best first: column pairs whose names look alike (or both look like keys)
 * are ranked by name, by how many of up to 1,000 distinct left values (a fixed pseudo-random sample) occur on the
 * right, and by how unique the values are on the more unique side. Pairs unique on neither side (country = country) are
 * not keys and are left out.
 */
export async function suggestKeys(
  engine: Engine,
  left: JoinSource,
  right: JoinSource,
  limit = 5,
): Promise<KeySuggestion[]> {
  const [lcols, rcols] = await Promise.all([sourceColumns(engine, left), sourceColumns(engine, right)]);
  const L = sourceLabel(left, 'left');
  const R = sourceLabel(right, 'right');
  const candidates: { left: string; right: string; nameScore: number }[] = [];
  for (const lc of lcols) {
    for (const rc of rcols) {
      const lf = typeFamily(lc.type);
      const rf = typeFamily(rc.type);
      if (lf === 'boolean' || rf === 'boolean' || lf === 'other' || rf === 'other') continue;
      const ns = nameScore(lc.name, rc.name, L, R);
      if (ns >= 0.5 || (looksLikeKey(lc.name) && looksLikeKey(rc.name))) {
        candidates.push({ left: lc.name, right: rc.name, nameScore: ns });
      }
    }
  }
  candidates.sort((a, b) => b.nameScore - a.nameScore);
  const picked = candidates.slice(0, MAX_PAIRS);
  const lf = sourceFrom(left, 's');
  const rf = sourceFrom(right, 's');
  const [lu, ru] = await Promise.all([
    distinctShares(engine, lf, [...new Set(picked.map((c) => c.left))]),
    distinctShares(engine, rf, [...new Set(picked.map((c) => c.right))]),
  ]);
  const out: KeySuggestion[] = [];
  for (const c of picked) {
    // A real key identifies rows on at least one side; a shared attribute (country, plan) does not.
    const uniqueness = Math.max(lu.get(c.left) ?? 0, ru.get(c.right) ?? 0);
    if (uniqueness < MIN_UNIQUENESS) continue;
    const overlap = await valueOverlap(engine, lf, rf, c.left, c.right);
    if (overlap === 0) continue;
    const score = round(0.3 * c.nameScore + 0.4 * overlap + 0.3 * uniqueness);
    out.push({ ...c, nameScore: round(c.nameScore), overlap, uniqueness: round(uniqueness), score });
  }
  out.sort((a, b) => b.score - a.score || a.left.localeCompare(b.left) || a.right.localeCompare(b.right));
  return out.slice(0, limit);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Distinct values / non-empty values of each column in the first 100,000 rows (1: all different, a key). */
async function distinctShares(engine: Engine, from: FromNode, names: string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const q = select(
    ...names.flatMap((n, i) => [{ [`d${i}`]: countDistinct(column(n)) }, { [`n${i}`]: count(column(n)) }]),
  ).from(
    select(...names.map((n) => column(n)))
      .from(from)
      .limit(UNIQUENESS_ROWS)
      .as('u'),
  );
  const row = (await engine.query(toSql(q, duckdbDialect()))).rows[0] ?? {};
  return new Map(
    names.map((n, i) => {
      const total = Number(row[`n${i}`] ?? 0);
      return [n, total === 0 ? 0 : Number(row[`d${i}`] ?? 0) / total];
    }),
  );
}

async function valueOverlap(
  engine: Engine,
  lf: FromNode,
  rf: FromNode,
  leftColumn: string,
  rightColumn: string,
): Promise<number> {
  const distinct = select({ v: normalized(leftColumn) })
    .distinct()
    .from(lf)
    .where(isNotNull(column(leftColumn)))
    .as('d');
  const sample = select(column('v'))
    .from(distinct)
    .orderBy(fn('hash', column('v')))
    .limit(SAMPLE);
  // Distinct values first: the text functions then run once per value, not once per row.
  const rightDistinct = select({ v: column(rightColumn) })
    .distinct()
    .from(rf)
    .where(isNotNull(column(rightColumn)))
    .as('rd');
  const rightValues = select(normalized('v')).from(rightDistinct);
  const q = select({ n: count(), found: filter(count(), isIn(column('v'), rightValues)) })
    .with(cte('sample', sample))
    .from(table('sample'));
  const row = (await engine.query(toSql(q, duckdbDialect()))).rows[0];
  const n = Number(row?.n ?? 0);
  return n === 0 ? 0 : Math.round((Number(row?.found ?? 0) / n) * 1000) / 1000;
}
