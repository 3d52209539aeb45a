import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Engine } from '../core/engine.js';
import { CORPUS } from './log-corpus.test-support.js';
import { createAccessLog, createAppLog } from './log-tables.test-support.js';
import { logPatterns } from './patterns.js';
import { resolveLogRequest } from './resolve.js';
import { logTimeline } from './timeline.js';

let engine: Engine;
const dir = tempDir();
let corpus: { line: string; template: number }[];
beforeAll(async () => {
  engine = await Engine.open(':memory:');
  await createAccessLog(engine);
  corpus = await createAppLog(engine, dir.path, 100_000);
});
afterAll(async () => {
  await engine.close();
  dir.cleanup();
});

test('100,000 app log lines become their 30 templates, each regex selecting exactly its lines in SQL', async () => {
  const req = await resolveLogRequest(engine, { table: 'app' });
  const out = await logPatterns(engine, req);
  console.log(`patterns: 100,000 lines from DuckDB in ${out.elapsedMs.toFixed(0)} ms`);
  expect([out.lines, out.of, out.rest, out.note]).toEqual([100_000, 100_000, 0, undefined]);
  expect(out.patterns.map((p) => p.template).sort()).toEqual(CORPUS.map(([, t]) => t).sort());
  const want = new Map<string, number>();
  for (const { template } of corpus)
    want.set(CORPUS[template]![1], (want.get(CORPUS[template]![1]) ?? 0) + 1);
  const tl = await logTimeline(engine, req);
  for (const p of out.patterns) {
    expect(p.count).toBe(want.get(p.template));
    expect(p.share).toBeCloseTo(p.count / 100_000, 10);
    expect(p.series).toHaveLength(tl.buckets.length);
    expect(p.series.reduce((a, b) => a + b, 0)).toBe(p.count);
  }
  // "Filter to this pattern": the SQL predicate built from the template selects the same lines Drain grouped.
  const checked = out.patterns.slice(0, 30);
  for (const p of checked) {
    const filtered = await logTimeline(engine, { ...req, pattern: p.template });
    expect(filtered.total, p.template).toBe(p.count);
  }
});

test("the sparklines of the patterns follow the timeline bars, over the whole table's span", async () => {
  const req = await resolveLogRequest(engine, { table: 'access', search: 'path:/api/checkout' });
  const out = await logPatterns(engine, req);
  const truth = await engine.query(`SELECT method || ' /api/checkout' AS t, count(*) AS n FROM access
    WHERE path = '/api/checkout' GROUP BY 1 ORDER BY 2 DESC`);
  expect(out.patterns.map((p) => [p.template, p.count])).toEqual(truth.rows.map((r) => [r.t, Number(r.n)]));
  const tl = await logTimeline(engine, req);
  const summed = tl.buckets.map((_, i) => out.patterns.reduce((a, p) => a + (p.series[i] ?? 0), 0));
  expect(summed).toEqual(tl.buckets.map((b) => b.errors + b.warnings + b.others));
  expect([tl.interval?.label, summed.length, summed.filter((x) => x > 0).length]).toEqual(['10m', 117, 3]);
});

test('a view with more distinct lines than the cap is sampled evenly and says so', async () => {
  const req = await resolveLogRequest(engine, { table: 'app' });
  const out = await logPatterns(engine, req, { maxLines: 20_000 });
  expect([out.lines, out.of]).toEqual([20_000, 100_000]);
  expect(out.note).toBe(
    'Patterns come from an even sample of 20,000 of the 100,000 lines; counts are of the sample.',
  );
  expect(out.patterns.map((p) => p.template).sort()).toEqual(CORPUS.map(([, t]) => t).sort());
});

test('repeated lines are not sampled: each distinct line reaches Drain once per bar', async () => {
  const req = await resolveLogRequest(engine, { table: 'access' });
  const out = await logPatterns(engine, req, { maxLines: 2000 });
  expect([out.lines, out.of, out.note]).toEqual([10_000, 10_000, undefined]);
  expect(out.patterns.map((p) => p.template)).toContain('GET /api/projects/<NUM>');
});

test('lines without a message form the empty pattern, which can be filtered to like any other', async () => {
  await engine.query(`CREATE TABLE bad AS SELECT TIMESTAMPTZ '2026-10-30 00:00:00+00' + to_seconds(i) AS ts,
    CASE WHEN i % 5 = 0 THEN NULL ELSE 'GET' END AS method, CASE WHEN i % 5 = 0 THEN NULL ELSE '/x' END AS path,
    CAST(CASE WHEN i % 5 = 0 THEN 400 ELSE 200 END AS INTEGER) AS status FROM range(50) t(i)`);
  const req = await resolveLogRequest(engine, { table: 'bad' });
  const out = await logPatterns(engine, req);
  expect(out.patterns.map((p) => [p.template, p.count])).toEqual([
    ['GET /x', 40],
    ['', 10],
  ]);
  const empty = await logTimeline(engine, { ...req, pattern: '' });
  expect([empty.total, empty.warnings]).toEqual([10, 10]);
});
