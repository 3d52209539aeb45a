// Test support: random, well-typed builder pipelines over the `orders` / `users` tables of engines.test.ts, from a
// seeded generator (the same seed gives the same pipelines), so DuckDB and PostgreSQL can be compared on them.
import type { BuilderQueryInput } from '@sightline/spec';

/** A small seeded pseudo-random generator (mulberry32): numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Step = NonNullable<BuilderQueryInput['steps']>[number];

const NUMBERS = [0, 1, 2, 5, 7.25, 12, 20.5, 48, 99.99];
const TEXTS = ['US', 'FR', 'DE', 'Basic', 'Pro plan', ''];
const PATTERNS = ['pro', 'Pro', 'a', '%', '_', 'ic', 'P'];
const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata'];
const FORMULAS = [
  'ROUND([price] * [qty] / 3, 2)',
  'IF([qty] > 2, "many", "few")',
  'UPPER(LEFT([name], 3))',
  'CONCAT([country], "-", LEN([name]))',
  'COALESCE([qty], 0) * 2 - [price]',
  'YEAR([ts]) * 100 + MONTH([shipped])',
  'DAYS_BETWEEN([ts], [shipped])',
  'DATE_TRUNC("week", [shipped])',
  'AND([paid], [qty] >= 2)',
  '[price] / [qty]',
  'ABS(FLOOR(-[price])) + CEIL([price])',
];
const AGGREGATES = ['count', 'count_distinct', 'sum', 'avg', 'median', 'p25', 'p90', 'min', 'max'] as const;

/** Random, type-correct pipelines: filter, custom column, join with users, then a summary or a total sort. */
export function randomPipeline(rand: () => number): BuilderQueryInput {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number) => rand() < p;
  const some = <T>(xs: readonly T[], min: number, max: number): T[] =>
    [...xs].sort(() => rand() - 0.5).slice(0, min + Math.floor(rand() * (max - min + 1)));

  const condition = (): Record<string, unknown> => {
    switch (pick(['number', 'text', 'bool', 'date'])) {
      case 'number': {
        const column = pick(['price', 'qty', 'id']);
        const op = pick(['=', '!=', '<', '<=', '>', '>=', 'between', 'in', 'not_in']);
        if (op === 'between') return { column, op, values: [pick(NUMBERS), pick(NUMBERS)] };
        if (op === 'in' || op === 'not_in') return { column, op, values: some(NUMBERS, 1, 3) };
        return { column, op, value: pick(NUMBERS) };
      }
      case 'text': {
        const column = pick(['country', 'name']);
        const op = pick([
          '=',
          '!=',
          'in',
          'not_in',
          'contains',
          'starts_with',
          'ends_with',
          'is_empty',
          'is_not_empty',
        ]);
        if (op === 'in' || op === 'not_in') return { column, op, values: some(TEXTS, 1, 3) };
        if (op === 'is_empty' || op === 'is_not_empty') return { column, op };
        return { column, op, value: op === '=' || op === '!=' ? pick(TEXTS) : pick(PATTERNS) };
      }
      case 'bool':
        return { column: 'paid', op: pick(['=', '!=']), value: chance(0.5) };
      default: {
        const column = pick(['ts', 'shipped']);
        const op = pick(['last', 'this', 'previous', 'before', 'after']);
        const tz = pick(ZONES);
        if (op === 'last')
          return { column, op, n: 1 + Math.floor(rand() * 60), unit: pick(['day', 'week', 'month']), tz };
        if (op === 'this' || op === 'previous')
          return { column, op, unit: pick(['week', 'month', 'quarter', 'year']), tz };
        return { column, op, value: pick(['2026-01-01', '2026-02-27', '2026-03-02']) };
      }
    }
  };

  const steps: Step[] = [];
  if (chance(0.7)) {
    const conditions = Array.from({ length: 1 + Math.floor(rand() * 3) }, condition);
    steps.push({ type: 'filter', conditions: conditions as never, combine: pick(['and', 'or']) });
  }
  if (chance(0.5)) steps.push({ type: 'customColumn', name: 'calc', formula: pick(FORMULAS) });
  const kind = chance(0.4) ? pick(['inner', 'left', 'right', 'full'] as const) : undefined;
  if (kind) {
    const columns = chance(0.5) ? undefined : some(['plan', 'country'], 1, 2);
    steps.push({
      type: 'join',
      kind,
      with: { kind: 'table', name: 'users' },
      on: [{ left: 'user_id', right: 'id' }],
      ...(columns ? { columns } : {}),
    });
  }
  if (chance(0.5)) {
    const groups = some(
      [
        { column: 'country' },
        { column: 'ts', bucket: pick(['week', 'month', 'quarter']) },
        { column: 'shipped', bucket: pick(['day', 'month', 'year']) },
      ],
      0,
      2,
    );
    const aggregates = some(AGGREGATES, 1, 3).map((fn) =>
      fn === 'count' && chance(0.5) ? { fn } : { fn, column: pick(['price', 'qty']) },
    );
    steps.push({ type: 'summarize', groupBy: groups as never, aggregates: aggregates as never });
    if (groups.length > 0 && chance(0.6)) {
      const names = groups.map((g) => ('bucket' in g ? `${g.column}_${g.bucket}` : g.column));
      steps.push({ type: 'sort', by: names.map((column) => ({ column, dir: pick(['asc', 'desc']) })) });
      if (chance(0.5)) steps.push({ type: 'limit', n: Math.floor(rand() * 4) });
    }
  } else if (kind !== 'right' && kind !== 'full' && chance(0.6)) {
    // id is unique per row (users.id is unique), so this order is total; right and full joins add rows without id.
    steps.push({
      type: 'sort',
      by: [{ column: pick(['price', 'name', 'country']), dir: pick(['asc', 'desc']) }, { column: 'id' }],
    });
    if (chance(0.5)) steps.push({ type: 'limit', n: Math.floor(rand() * 6) });
  }
  return { version: 1, source: { kind: 'table', name: 'orders' }, steps };
}
