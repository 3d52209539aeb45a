import {
  cast,
  column,
  count,
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

const MAX_PAIRS = 20;
const SAMPLE = 1000;

/** Trimmed, lower-case text without leading zeros: values that differ only in format still overlap. */
const normalized = (name: string): ExprNode =>
  fn('ltrim', fn('lower', fn('trim', cast(column(name), 'TEXT'))), '0');

/**
 * Key pairs for joining `left` to `right`, best first: column pairs whose names look alike (or both look like keys)
 * are measured by how many of up to 1,000 distinct left values (a fixed pseudo-random sample) occur on the right.
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
  const lf = sourceFrom(left, 's');
  const rf = sourceFrom(right, 's');
  const out: KeySuggestion[] = [];
  for (const c of candidates.slice(0, MAX_PAIRS)) {
    const overlap = await valueOverlap(engine, lf, rf, c.left, c.right);
    if (overlap === 0) continue;
    const score = Math.round((0.4 * c.nameScore + 0.6 * overlap) * 1000) / 1000;
    out.push({ ...c, nameScore: Math.round(c.nameScore * 1000) / 1000, overlap, score });
  }
  out.sort((a, b) => b.score - a.score || a.left.localeCompare(b.left) || a.right.localeCompare(b.right));
  return out.slice(0, limit);
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
  const rightValues = select(normalized(rightColumn))
    .from(rf)
    .where(isNotNull(column(rightColumn)));
  const q = select({ n: count(), found: filter(count(), isIn(column('v'), rightValues)) })
    .with(cte('sample', sample))
    .from(table('sample'));
  const row = (await engine.query(toSql(q, duckdbDialect()))).rows[0];
  const n = Number(row?.n ?? 0);
  return n === 0 ? 0 : Math.round((Number(row?.found ?? 0) / n) * 1000) / 1000;
}
