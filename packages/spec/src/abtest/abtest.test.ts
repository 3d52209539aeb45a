import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type MetricEngines, openMetricEngines, sqlText } from '../retention/engines.test-support.js';
import { compileAbTest } from './compile.js';
import { type AbTestRow, abtestResultFromRows, chooseControl, compareBytes } from './result.js';
import { type AbTestSpecInput, AbTestSpecSchema } from './schema.js';
import { summarize } from './stats.js';

let engines: MetricEngines;
beforeAll(async () => {
  engines = await openMetricEngines();
});
afterAll(async () => {
  await engines?.close();
});

const spec = (extra: Partial<AbTestSpecInput> = {}) =>
  AbTestSpecSchema.parse({
    version: 1,
    metric: 'abtest',
    source: { table: 'exp' },
    variant: 'arm',
    outcome: 'y',
    ...extra,
  });

async function load(rows: [string | null, number | null][]): Promise<void> {
  const body = rows.map(([v, y]) => `(${sqlText(v)}, ${y === null ? 'NULL' : y})`).join(', ');
  await engines.execBoth(
    'DROP TABLE IF EXISTS exp; CREATE TABLE exp (arm TEXT, y DOUBLE PRECISION);' +
      (rows.length ? ` INSERT INTO exp VALUES ${body};` : ''),
  );
}

/** Both engines' per-variant rows (variant kept as text). */
async function sqlRows(s: ReturnType<typeof spec>): Promise<AbTestRow[]> {
  const { result } = compileAbTest(s);
  const duck = (await engines.duck(result, ['variant'])) as unknown as AbTestRow[];
  const pg = (await engines.pg(result, ['variant'])) as unknown as AbTestRow[];
  const byName = (rows: AbTestRow[]) => [...rows].sort((a, b) => compareBytes(a.variant, b.variant));
  expect(byName(pg).map((r) => [r.variant, r.n, r.non_binary])).toEqual(
    byName(duck).map((r) => [r.variant, r.n, r.non_binary]),
  );
  const pgSorted = byName(pg);
  return byName(duck).map((r, i) => {
    const other = pgSorted[i]!;
    // Summation order differs between engines: compare against the scale of the data, not the result.
    const scale = Math.abs(r.mean ?? 0) + Math.sqrt(Math.abs(r.variance ?? 0)) + 1;
    if (r.mean === null) expect(other.mean).toBeNull();
    else expect(Math.abs(other.mean! - r.mean)).toBeLessThan(1e-12 * scale);
    if (r.variance === null) expect(other.variance).toBeNull();
    else expect(Math.abs(other.variance! - r.variance)).toBeLessThan(1e-12 * scale * scale);
    return r;
  });
}

describe('per-variant SQL aggregates on DuckDB and PostgreSQL', () => {
  test('n, mean, sample variance and the conversion check; rows without variant or metric left out', async () => {
    await load([
      ['A', 1],
      ['A', 0],
      ['A', 0],
      ['A', 0],
      ['B', 1],
      ['B', 1],
      ['B', 0],
      ['B', 0],
      [null, 1],
      ['', 1],
      ['B', null],
    ]);
    const rows = await sqlRows(spec());
    expect(rows).toEqual([
      { variant: 'A', n: 4, mean: 0.25, variance: expect.closeTo(0.25, 15), non_binary: 0 },
      { variant: 'B', n: 4, mean: 0.5, variance: expect.closeTo(1 / 3, 15), non_binary: 0 },
    ]);
    const stats = { rows: 11, ignored_rows: 3, no_variant_rows: 2, no_outcome_rows: 1 };
    expect(await engines.duck(compileAbTest(spec()).stats)).toEqual([stats]);
    expect(await engines.pg(compileAbTest(spec()).stats)).toEqual([stats]);
  });
  test('property: SQL aggregates equal the TypeScript ones on random data', async () => {
    const rowArb = fc.tuple(
      fc.constantFrom<string | null>('control', 'B', 'C', 'b', 'Ä', '', null),
      fc.oneof(fc.constantFrom(0, 1), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(null)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { maxLength: 60 }), async (data) => {
        await load(data);
        const rows = await sqlRows(spec());
        const groups = new Map<string, number[]>();
        for (const [v, y] of data) {
          if (v === null || v === '' || y === null) continue;
          groups.set(v, [...(groups.get(v) ?? []), y]);
        }
        expect(rows.map((r) => r.variant)).toEqual([...groups.keys()].sort(compareBytes));
        for (const r of rows) {
          const s = summarize(r.variant, groups.get(r.variant)!);
          expect(r.n).toBe(s.n);
          const scale = Math.max(...groups.get(r.variant)!.map(Math.abs)) + 1;
          expect(Math.abs(r.mean! - s.mean!)).toBeLessThan(1e-12 * scale);
          if (s.n >= 2) expect(Math.abs(r.variance! - s.variance!)).toBeLessThan(1e-12 * scale * scale);
          else expect(r.variance).toBeNull();
          expect(r.non_binary).toBe(groups.get(r.variant)!.filter((y) => y !== 0 && y !== 1).length);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('result JSON and summary', () => {
  // 2000 actors per arm: A converts 10%, B 12% (the metrics.md example).
  const conv = (name: string, n: number, ones: number): AbTestRow => ({
    variant: name,
    n,
    mean: ones / n,
    variance: (ones * (1 - ones / n)) / (n - 1),
    non_binary: 0,
  });
  test('the metrics.md example reads as in the spec', () => {
    const r = abtestResultFromRows([conv('B', 2000, 240), conv('A', 2000, 200)], spec());
    expect(r.control).toBe('A');
    expect(r.variants.map((v) => v.name)).toEqual(['A', 'B']);
    expect(r.srm).toMatchObject({ chi2: 0, p_value: 1, flagged: false });
    const c = r.comparisons[0]!;
    expect(c.variant).toBe('B');
    expect(c.diff).toBeCloseTo(0.02, 15);
    expect(c.lift).toBeCloseTo(0.2, 14);
    expect(r.summary).toBe(
      `B converts 12.0% vs 10.0% for A, +20% relative; the 95% interval for the difference is +0.1 to +3.9 points; p = ${Number(c.p_value!.toPrecision(2))} (Welch's t-test).`,
    );
    expect(r.kind).toBe('conversion');
  });
  test('a flagged SRM comes first', () => {
    const r = abtestResultFromRows([conv('A', 10_000, 1000), conv('B', 10_600, 1060)], spec());
    expect(r.srm.flagged).toBe(true);
    expect(
      r.summary.startsWith('Sample ratio mismatch: the variant sizes (A 10,000, B 10,600) are unlikely'),
    ).toBe(true);
  });
  test('weights set the expected split', () => {
    const rows = [conv('A', 2500, 700), conv('B', 7500, 2100)];
    expect(abtestResultFromRows(rows, spec()).srm.flagged).toBe(true);
    const weighted = abtestResultFromRows(rows, spec({ weights: { A: 1, B: 3 } }));
    expect(weighted.srm).toEqual({
      chi2: 0,
      df: 1,
      p_value: 1,
      flagged: false,
      expected_shares: { A: 0.25, B: 0.75 },
    });
    const missing = abtestResultFromRows(rows, spec({ weights: { A: 1 } }));
    expect(missing.srm.p_value).toBeNull();
    expect(missing.warnings[0]).toContain('No expected weight was given for "B"');
  });
  test('control: named, else "control", else first in byte order', () => {
    expect(chooseControl(['b', 'B', 'control'])).toEqual({ ok: true, value: 'control' });
    expect(chooseControl(['b', 'B', 'Ä'])).toEqual({ ok: true, value: 'B' });
    expect(chooseControl(['b', 'B'], 'b')).toEqual({ ok: true, value: 'b' });
    expect(chooseControl(['b', 'B'], 'x')).toEqual({
      ok: false,
      error: 'There is no variant "x" to use as the control; the variants are "B", "b".',
    });
    const r = abtestResultFromRows([conv('treat', 100, 10), conv('control', 100, 12)], spec());
    expect(r.comparisons.map((c) => [c.variant, c.control])).toEqual([['treat', 'control']]);
  });
  test('numeric metrics, three variants', () => {
    const rows: AbTestRow[] = [
      { variant: 'A', n: 500, mean: 20.5, variance: 100, non_binary: 480 },
      { variant: 'B', n: 510, mean: 22.25, variance: 121, non_binary: 490 },
      { variant: 'C', n: 490, mean: 19, variance: 81, non_binary: 470 },
    ];
    const r = abtestResultFromRows(rows, spec());
    expect(r.kind).toBe('numeric');
    expect(r.comparisons.map((c) => c.variant)).toEqual(['B', 'C']);
    expect(r.summary).toMatch(
      /^B averages 22\.3 vs 20\.5 for A, \+8\.5% relative; the 95% interval for the difference is \+[\d.]+ to \+[\d.]+; p = [\d.]+ \(Welch's t-test\)\. C averages 19 vs 20\.5 for A, -7\.3% relative; /,
    );
  });
  test('edge cases: a single variant, too few rows, no spread', () => {
    expect(abtestResultFromRows([conv('A', 10, 5)], spec()).summary).toBe(
      'Only one variant (A) is in the data: there is nothing to compare.',
    );
    const few = abtestResultFromRows(
      [conv('A', 10, 5), { variant: 'B', n: 1, mean: 1, variance: null, non_binary: 0 }],
      spec(),
    );
    expect(few.comparisons[0]!.p_value).toBeNull();
    expect(few.summary).toBe(
      'B converts 100.0% vs 50.0% for A, +100% relative; too few actors to test the difference (at least 2 per variant are needed).',
    );
    const flat = abtestResultFromRows(
      [
        { variant: 'A', n: 5, mean: 0, variance: 0, non_binary: 0 },
        { variant: 'B', n: 5, mean: 1, variance: 0, non_binary: 0 },
      ],
      spec(),
    );
    expect(flat.summary).toBe(
      'B converts 100.0% vs 0.0% for A; every value is the same within each variant, so there is no spread to test against.',
    );
    expect(abtestResultFromRows([], spec()).summary).toBe(
      'There are no rows with a variant and a metric value.',
    );
  });
  test('end to end: SQL rows into the JSON', async () => {
    await load([
      ['control', 0],
      ['control', 1],
      ['control', 0],
      ['treatment', 1],
      ['treatment', 1],
      ['treatment', 0],
    ]);
    const r = abtestResultFromRows(await sqlRows(spec()), spec());
    expect(r.variants).toEqual([
      { name: 'control', n: 3, mean: expect.closeTo(1 / 3, 15), variance: expect.closeTo(1 / 3, 15) },
      { name: 'treatment', n: 3, mean: expect.closeTo(2 / 3, 15), variance: expect.closeTo(1 / 3, 15) },
    ]);
    expect(r.comparisons[0]!.df).toBeCloseTo(4, 12);
  });
});

describe('from an assignment table and an event table', () => {
  const eventsSpec = (extra: Record<string, unknown> = {}) =>
    AbTestSpecSchema.parse({
      version: 1,
      metric: 'abtest',
      assignments: {
        source: { table: 'assign' },
        actor: 'uid',
        variant: 'arm',
        time: 'assigned',
        timeKind: 'timestamptz',
      },
      events: { source: { table: 'ev2' }, actor: 'uid', event: 'name', time: 'ts', timeKind: 'timestamptz' },
      goal: { event: 'buy' },
      ...extra,
    });
  beforeAll(async () => {
    await engines.execBoth(`
      DROP TABLE IF EXISTS assign; DROP TABLE IF EXISTS ev2;
      CREATE TABLE assign (uid TEXT, arm TEXT, assigned TIMESTAMPTZ);
      CREATE TABLE ev2 (uid TEXT, name TEXT, ts TIMESTAMPTZ);
      INSERT INTO assign VALUES
        ('u1', 'A', '2026-01-01 00:00:00+00'), ('u2', 'A', '2026-01-01 00:00:00+00'),
        ('u3', 'B', '2026-01-01 00:00:00+00'), ('u4', 'B', '2026-01-01 00:00:00+00'),
        ('u5', 'B', '2026-01-02 00:00:00+00'), ('u5', 'A', '2026-01-03 00:00:00+00'),
        (NULL, 'A', '2026-01-01 00:00:00+00'), ('u6', NULL, '2026-01-01 00:00:00+00');
      INSERT INTO ev2 VALUES
        ('u1', 'buy', '2025-12-31 00:00:00+00'),
        ('u2', 'buy', '2026-01-01 00:00:00+00'),
        ('u3', 'buy', '2026-01-01 00:00:01+00'),
        ('u4', 'buy', '2026-01-09 00:00:00+00'),
        ('u5', 'buy', '2026-01-02 12:00:00+00'),
        ('u5', 'view', '2026-01-05 12:00:00+00');`);
  });
  test('conversion: a goal strictly after the first assignment', async () => {
    // u1 bought before, u2 at the same instant: neither converts. u3, u4 and u5 (first assigned to B) convert.
    const rows = await sqlRows(eventsSpec());
    expect(rows.map((r) => [r.variant, r.n, r.mean, r.non_binary])).toEqual([
      ['A', 2, 0, 0],
      ['B', 3, 1, 0],
    ]);
  });
  test('a window limits how long after the assignment a goal counts', async () => {
    const rows = await sqlRows(eventsSpec({ window: '7d' }));
    // u4 bought 8 days after assignment.
    expect(rows.map((r) => [r.variant, r.n, r.mean])).toEqual([
      ['A', 2, 0],
      ['B', 3, 2 / 3],
    ]);
  });
  test('stats count assignment rows, ignored rows and actors with several variants', async () => {
    const { stats } = compileAbTest(eventsSpec());
    const expected = { rows: 8, ignored_rows: 2, actors: 5, multi_variant_actors: 1 };
    expect(await engines.duck(stats)).toEqual([expected]);
    expect(await engines.pg(stats)).toEqual([expected]);
  });
  test('a bad window is refused by the schema', () => {
    expect(
      AbTestSpecSchema.safeParse({
        version: 1,
        metric: 'abtest',
        assignments: { source: { table: 'a' }, actor: 'u', variant: 'v', time: 't' },
        events: { source: { table: 'e' }, actor: 'u', event: 'n', time: 't' },
        goal: { event: 'buy' },
        window: 'a week',
      }).success,
    ).toBe(false);
  });
});
