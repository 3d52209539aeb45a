import type { Aggregate, GroupBy } from './schema.js';

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Up to three names close to `name` (case-insensitive edit distance), closest first. */
export function didYouMean(name: string, candidates: readonly string[]): string[] {
  const lower = name.toLowerCase();
  return candidates
    .map((c) => ({ c, d: distance(lower, c.toLowerCase()) }))
    .filter(({ d }) => d <= Math.max(1, Math.floor(lower.length / 3)))
    .sort((x, y) => x.d - y.d)
    .slice(0, 3)
    .map(({ c }) => c);
}

/** A readable SQL name fragment: lower case, runs of other characters as `_`, at most 40 characters. */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '_')
    .replace(/^_+|_+$/gu, '')
    .slice(0, 40);
  return s === '' ? 'x' : s;
}

/** The output name of a group-by entry: `as`, else the column (`column_week` when bucketed). */
export function groupName(g: GroupBy): string {
  return g.as ?? (g.bucket ? `${g.column}_${g.bucket}` : g.column);
}

/** The output name of an aggregate: `as`, else `count`, `count_<col>`, `distinct_<col>`, `<fn>_<col>`. */
export function aggregateName(a: Aggregate): string {
  if (a.as !== undefined) return a.as;
  if (a.fn === 'count') return a.column === undefined ? 'count' : `count_${a.column}`;
  if (a.fn === 'count_distinct') return `distinct_${a.column}`;
  return `${a.fn}_${a.column}`;
}

/** Hands out CTE names, adding `_2`, `_3`... when a name is taken. */
export class NameAllocator {
  private readonly taken = new Set<string>();
  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r.toLowerCase());
  }
  /** Keeps `name` from being handed out (e.g. a table the query reads). */
  reserve(name: string): void {
    this.taken.add(name.toLowerCase());
  }
  /** A name based on `base` that was not handed out before. */
  take(base: string): string {
    let name = base;
    for (let i = 2; this.taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
    this.taken.add(name.toLowerCase());
    return name;
  }
}
