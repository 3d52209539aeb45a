import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Engine } from '../core/engine.js';
import { logFacets } from './facets.js';
import { createAccessLog } from './log-tables.test-support.js';
import { resolveLogRequest } from './resolve.js';
import { logRows, logViewSql } from './rows.js';
import { logTimeline } from './timeline.js';
import type { LogViewRequest } from './types.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(':memory:');
  await createAccessLog(engine);
});
afterAll(async () => engine.close());

const resolve = (req: Partial<LogViewRequest> = {}) => resolveLogRequest(engine, { table: 'access', ...req });
const countWhere = async (where: string) =>
  Number((await engine.query(`SELECT count(*) AS n FROM access WHERE ${where}`)).rows[0]?.n);

describe('timeline', () => {
  test('about 60-120 bars, each equal to what time_bucket counts, 5xx as errors and 4xx as warnings', async () => {
    const tl = await logTimeline(engine, await resolve());
    // 10,000 requests every 7 s span 19.4 hours: 10-minute bars.
    expect(tl.interval).toEqual({ label: '10m', seconds: 600 });
    expect(tl.buckets).toHaveLength(117);
    expect(tl.from).toBe('2026-10-30T00:00:00.000Z');
    expect(tl.to).toBe('2026-10-30T19:30:00.000Z');
    const w = await countWhere('status BETWEEN 400 AND 499');
    expect(w).toBe(431);
    expect([tl.total, tl.errors, tl.warnings, tl.untimed]).toEqual([10_000, 100, w, 0]);
    const truth = await engine.query(`SELECT time_bucket(INTERVAL 10 MINUTE, ts) AS b, count(*) AS n,
      count(*) FILTER (status >= 500) AS e, count(*) FILTER (status BETWEEN 400 AND 499) AS w
      FROM access GROUP BY b ORDER BY b`);
    const want = new Map(truth.rows.map((r) => [Date.parse(String(r.b)), r]));
    for (const b of tl.buckets) {
      const r = want.get(Date.parse(b.start));
      expect([b.errors, b.warnings, b.errors + b.warnings + b.others]).toEqual(
        r ? [Number(r.e), Number(r.w), Number(r.n)] : [0, 0, 0],
      );
    }
    expect(tl.buckets.filter((b) => b.errors > 0).map((b) => b.start)).toEqual([
      '2026-10-30T05:50:00.000Z',
      '2026-10-30T06:00:00.000Z',
      '2026-10-30T06:10:00.000Z',
    ]);
  });

  test('a range (the brush) narrows to its span with finer bars; a named interval overrides', async () => {
    const range = { from: '2026-10-30T06:00:00Z', to: '2026-10-30T07:00:00Z' };
    const tl = await logTimeline(engine, await resolve({ range }));
    expect(tl.interval?.label).toBe('30s');
    expect(tl.buckets).toHaveLength(120);
    expect(tl.buckets[0]?.start).toBe('2026-10-30T06:00:00.000Z');
    expect(tl.total).toBe(
      await countWhere(`ts >= '2026-10-30 06:00:00+00' AND ts < '2026-10-30 07:00:00+00'`),
    );
    expect(tl.buckets.reduce((a, b) => a + b.errors + b.warnings + b.others, 0)).toBe(tl.total);
    const hourly = await logTimeline(engine, await resolve(), { interval: '1h' });
    expect(hourly.buckets).toHaveLength(20);
    await expect(logTimeline(engine, await resolve(), { interval: '4m' })).rejects.toThrow(
      '"4m" is not a timeline interval.',
    );
  });
});

describe('filters and search', () => {
  const cases: [string, Partial<LogViewRequest>, string][] = [
    ['facet values', { filters: [{ column: 'status', values: [502, 404] }] }, 'status IN (502, 404)'],
    [
      'an empty-cell facet value',
      { filters: [{ column: 'query', values: [null, 'page=0'] }] },
      `query IS NULL OR query = 'page=0'`,
    ],
    [
      'field wildcards',
      { search: 'status:5* path:/api/*' },
      `status BETWEEN 500 AND 599 AND path LIKE '/api/%'`,
    ],
    [
      'comparisons and exclusions',
      { search: 'status:>=400 -method:GET' },
      `status >= 400 AND method <> 'GET'`,
    ],
    [
      'free text in any text column',
      { search: 'CURL checkout' },
      `user_agent ILIKE '%curl%' AND path LIKE '%checkout%'`,
    ],
    ['a literal % is not a wildcard', { search: '50%' }, 'false'],
  ];
  for (const [name, req, where] of cases) {
    test(name, async () => {
      const tl = await logTimeline(engine, await resolve(req));
      expect(tl.total).toBe(await countWhere(where));
      expect(tl.total).toBeGreaterThanOrEqual(name.includes('literal') ? 0 : 1);
    });
  }
});

describe('facets', () => {
  test('top values with counts; a facet ignores its own selection but follows the others', async () => {
    const req = await resolve({ filters: [{ column: 'status', values: [502] }] });
    const facets = await logFacets(engine, req, { top: 3 });
    expect(facets.map((f) => f.column)).toEqual(['status', 'method', 'path', 'user_agent', 'query']);
    const status = facets[0]!;
    expect(status).toEqual({
      column: 'status',
      values: [
        { value: 200, count: 9469 },
        { value: 404, count: 431 },
        { value: 502, count: 100 },
      ],
      distinct: 3,
      total: 10_000,
    });
    const method = facets[1]!;
    const truth = await engine.query(
      'SELECT method AS value, count(*) AS count FROM access WHERE status = 502 GROUP BY 1 ORDER BY 2 DESC, 1',
    );
    expect(method.values).toEqual(truth.rows.map((r) => ({ value: r.value, count: Number(r.count) })));
    expect(method.total).toBe(100);
  });
});

describe('rows and SQL', () => {
  test('pages of matching lines, newest first', async () => {
    const req = await resolve({ search: 'status:502' });
    const first = await logRows(engine, req, { limit: 30 });
    expect(first.rows).toHaveLength(30);
    expect(first.more).toBe(true);
    expect(first.rows[0]?.ts).toBe('2026-10-30T06:13:06Z');
    const times = first.rows.map((r) => Date.parse(String(r.ts)));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const last = await logRows(engine, req, { offset: 90, limit: 30 });
    expect([last.rows.length, last.more]).toEqual([10, false]);
    expect(first.columns.map((c) => c.name)).toContain('user_agent');
  });

  test('"Open as SQL" gives a query that returns exactly the view', async () => {
    const req = await resolve({
      range: { from: '2026-10-30T05:00:00Z', to: '2026-10-30T08:00:00Z' },
      filters: [{ column: 'method', values: ['GET'] }],
      search: "status:5* it's",
    });
    const sql = logViewSql(req);
    expect(sql).toContain(`ILIKE '%it''s%' ESCAPE`);
    const res = await engine.query(sql);
    expect(res.rowCount).toBe((await logTimeline(engine, req)).total);
    const again = await engine.query(
      sql.replace('SELECT *', 'SELECT count(*) AS n').replace(/ORDER BY[\s\S]*$/, ''),
    );
    expect(Number(again.rows[0]?.n)).toBe(res.rowCount);
  });

  test('a number column compared with words is a plain error saying what to type', async () => {
    await expect(logTimeline(engine, await resolve({ search: 'status:>lots' }))).rejects.toMatchObject({
      message:
        'The search term status:>lots compares the number column "status" with "lots", which is not a number.',
      hints: ['Compare it with a number, e.g. status:>500.'],
    });
  });

  test('an unknown column in a filter is a plain error', async () => {
    await expect(resolve({ filters: [{ column: 'stauts', values: [500] }] })).rejects.toMatchObject({
      message: `Column "stauts" doesn't exist in access.`,
      hints: ['Did you mean "status"?'],
    });
  });
});
