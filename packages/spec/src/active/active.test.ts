import { duckdbDialect, postgresDialect, toSql } from '@sightline/sql';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadEvents, type MetricEngines, openMetricEngines } from '../retention/engines.test-support.js';
import type { RefRow } from '../retention/reference.js';
import { compileActive } from './compile.js';
import { referenceActive, referenceHistogram } from './reference.js';
import { type ActiveDay, activeResultFromRows, type HistogramBar } from './result.js';
import { type ActiveSpecInput, ActiveSpecSchema } from './schema.js';

let engines: MetricEngines;
beforeAll(async () => {
  engines = await openMetricEngines();
});
afterAll(async () => {
  await engines?.close();
});

const EVENTS = {
  source: { table: 'ev' },
  actor: 'user_id',
  event: 'event',
  time: 'ts',
  timeKind: 'timestamptz',
};
const spec = (extra: Partial<ActiveSpecInput> = {}) =>
  ActiveSpecSchema.parse({ version: 1, metric: 'active', events: EVENTS, ...extra });

async function run(rows: RefRow[], s: ReturnType<typeof spec>) {
  const { result, histogram } = compileActive(s);
  const duck = (await engines.duck(result)) as unknown as ActiveDay[];
  expect(await engines.pg(result)).toEqual(duck);
  expect(duck).toEqual(referenceActive(rows, s));
  const bars = (await engines.duck(histogram)) as unknown as HistogramBar[];
  expect(await engines.pg(histogram)).toEqual(bars);
  expect(bars).toEqual(referenceHistogram(rows, s));
  return activeResultFromRows(duck, s, bars);
}

const row = (actor: string | null, event: string, iso: string, plan: string | null = null): RefRow => ({
  actor,
  event,
  ts: Date.parse(iso),
  props: { plan },
});

describe('golden cases', () => {
  const rows = [
    row('a', 'open', '2026-01-01T10:00:00Z'),
    row('a', 'open', '2026-01-03T12:00:00Z'),
    row('a', 'buy', '2026-01-03T13:00:00Z'),
    row('b', 'open', '2026-01-03T23:30:00Z'),
    row('a', 'open', '2026-01-31T08:00:00Z'),
    row('b', 'buy', '2026-02-02T08:00:00Z'),
    row(null, 'open', '2026-01-10T08:00:00Z'),
    row('', 'open', '2026-02-20T08:00:00Z'),
  ];
  beforeAll(() => loadEvents(engines, rows));
  const pick = (days: ActiveDay[], day: string) => days.find((d) => d.day === day);

  test('every day from the first to the last qualifying day, in UTC', async () => {
    const r = await run(rows, spec());
    expect(r.days).toHaveLength(33);
    expect(r.days[0]).toEqual({ day: '2026-01-01', dau: 1, wau: 1, mau: 1, stickiness: 1, partial: true });
    expect(pick(r.days, '2026-01-02')).toEqual({
      day: '2026-01-02',
      dau: 0,
      wau: 1,
      mau: 1,
      stickiness: 0,
      partial: true,
    });
    expect(pick(r.days, '2026-01-03')).toMatchObject({ dau: 2, wau: 2, mau: 2, stickiness: 1 });
    expect(pick(r.days, '2026-01-09')).toMatchObject({ dau: 0, wau: 2, mau: 2 });
    expect(pick(r.days, '2026-01-10')).toMatchObject({ dau: 0, wau: 0, mau: 2, stickiness: 0 });
    expect(pick(r.days, '2026-01-29')?.partial).toBe(true);
    expect(pick(r.days, '2026-01-30')).toMatchObject({ mau: 2, partial: false });
    expect(pick(r.days, '2026-01-31')).toEqual({
      day: '2026-01-31',
      dau: 1,
      wau: 1,
      mau: 2,
      stickiness: 0.5,
      partial: false,
    });
    expect(pick(r.days, '2026-02-02')).toEqual({
      day: '2026-02-02',
      dau: 1,
      wau: 2,
      mau: 2,
      stickiness: 0.5,
      partial: false,
    });
    expect(r.histogram).toEqual({
      period: 'week',
      bars: [
        { period: '2025-12-29', days: 1, actors: 1 },
        { period: '2025-12-29', days: 2, actors: 1 },
        { period: '2026-01-26', days: 1, actors: 1 },
        { period: '2026-02-02', days: 1, actors: 1 },
      ],
    });
    expect(r.warnings).toEqual([
      '29 of 33 days are partial: their 30-day MAU window starts before the first day with data, so MAU is too low and stickiness too high there.',
    ]);
  });
  test('a time zone moves rows to other days', async () => {
    const r = await run(rows, spec({ tz: 'Asia/Tokyo' }));
    expect(pick(r.days, '2026-01-03')).toMatchObject({ dau: 1, wau: 1 });
    expect(pick(r.days, '2026-01-04')).toMatchObject({ dau: 1, wau: 2 });
  });
  test('an event filter', async () => {
    const r = await run(rows, spec({ event: { event: 'buy', filters: [] } }));
    expect(r.days.map((d) => [d.day, d.dau, d.mau]).filter((d) => d[1] !== 0)).toEqual([
      ['2026-01-03', 1, 1],
      ['2026-02-02', 1, 1],
    ]);
    expect(r.days[0]!.day).toBe('2026-01-03');
    expect(pick(r.days, '2026-02-01')).toMatchObject({ dau: 0, mau: 1 });
  });
  test('a range lists its days only, but WAU, MAU and partial use every row', async () => {
    const r = await run(rows, spec({ since: '2026-01-30', until: '2026-02-02' }));
    expect(r.days).toEqual([
      { day: '2026-01-30', dau: 0, wau: 0, mau: 2, stickiness: 0, partial: false },
      { day: '2026-01-31', dau: 1, wau: 1, mau: 2, stickiness: 0.5, partial: false },
      { day: '2026-02-01', dau: 0, wau: 1, mau: 2, stickiness: 0, partial: false },
    ]);
    expect(r.histogram?.bars).toEqual([{ period: '2026-01-26', days: 1, actors: 1 }]);
    const after = await run(rows, spec({ since: '2026-02-03', until: '2026-02-05' }));
    expect(after.days.map((d) => [d.day, d.dau, d.wau, d.mau])).toEqual([
      ['2026-02-03', 0, 2, 2],
      ['2026-02-04', 0, 2, 2],
    ]);
  });
  test('monthly histogram', async () => {
    const r = await run(rows, spec({ histogram: 'month' }));
    expect(r.histogram?.bars).toEqual([
      { period: '2026-01-01', days: 1, actors: 1 },
      { period: '2026-01-01', days: 3, actors: 1 },
      { period: '2026-02-01', days: 1, actors: 1 },
    ]);
  });
  test('a query source with naive timestamps or epoch seconds gives the same days and stats', async () => {
    const base = await run(rows, spec({ tz: 'America/New_York' }));
    const baseStats = await engines.duck(compileActive(spec({ tz: 'America/New_York' })).stats);
    for (const events of [
      {
        ...EVENTS,
        source: { sql: "SELECT user_id, event, ts AT TIME ZONE 'UTC' AS ts FROM ev" },
        timeKind: 'timestamp' as const,
      },
      {
        ...EVENTS,
        source: { sql: 'SELECT user_id, event, EXTRACT(EPOCH FROM ts) AS ts FROM ev' },
        timeKind: 'epoch_s' as const,
      },
      {
        ...EVENTS,
        source: { sql: 'SELECT user_id, event, CAST(ts AS TEXT) AS ts FROM ev' },
        timeKind: 'text' as const,
      },
    ]) {
      expect(await run(rows, spec({ tz: 'America/New_York', events }))).toEqual(base);
      const { stats } = compileActive(spec({ tz: 'America/New_York', events }));
      expect(await engines.duck(stats)).toEqual(baseStats);
      expect(await engines.pg(stats)).toEqual(baseStats);
    }
  });
  test('stats', async () => {
    const { stats } = compileActive(spec({ event: { event: 'open', filters: [] } }));
    const expected = {
      rows: 8,
      ignored_rows: 2,
      qualifying_rows: 4,
      actors: 2,
      first_day: '2026-01-01',
      last_day: '2026-01-31',
    };
    expect(await engines.duck(stats)).toEqual([expected]);
    expect(await engines.pg(stats)).toEqual([expected]);
  });
  test('no qualifying rows: no days, or the range with zeros', async () => {
    await loadEvents(engines, []);
    expect((await run([], spec())).days).toEqual([]);
    expect((await run([], spec({ since: '2026-01-01', until: '2026-01-02' }))).days).toEqual([
      { day: '2026-01-01', dau: 0, wau: 0, mau: 0, stickiness: null, partial: true },
    ]);
    await loadEvents(engines, rows);
  });
  test('rows without a time are on no day, in UTC and in other zones, on both engines', async () => {
    // An active user on other days, and a user whose only row has no time: the reference, given only the timed rows,
    // must still be the answer.
    await engines.execBoth(`INSERT INTO ev VALUES ('a', 'open', NULL, NULL), ('c', 'open', NULL, NULL)`);
    try {
      for (const s of [spec(), spec({ tz: 'Europe/Berlin' }), spec({ histogram: 'month' })])
        await run(rows, s);
    } finally {
      await loadEvents(engines, rows);
    }
  });
  test('readable SQL in both dialects: UTC days straight from the time, other zones looked up per quarter-hour', () => {
    const later = ['activity', 'active_days', 'spans', 'bounds', 'days', 'changes', 'counts'];
    for (const dialect of [duckdbDialect(), postgresDialect()]) {
      for (const [s, expected] of [
        [spec(), later],
        [spec({ tz: 'Europe/Berlin' }), ['qualifying_rows', 'quarter_days', ...later]],
      ] as const) {
        const sql = toSql(compileActive(s).result, dialect, { pretty: true });
        const ctes = [...sql.matchAll(/^(?:WITH )?"(\w+)" AS \(/gm)].map((m) => m[1]);
        expect(ctes).toEqual(expected);
        expect(sql.match(/^-- /gm)!.length).toBeGreaterThanOrEqual(ctes.length);
      }
    }
  });
});

describe('property: SQL on DuckDB and PostgreSQL equals the reference', () => {
  const BASE = Date.parse('2026-02-20T00:00:00Z');
  const HALF_HOUR = 1_800_000;
  const HOT = [0, 1, 47, 48, 336, 337, 1000, 1440, 2000, 2879].map((n) => BASE + n * HALF_HOUR);
  const rowArb = fc.record({
    actor: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', null, ''),
    event: fc.constantFrom('open', 'buy'),
    ts: fc.oneof(
      fc.integer({ min: 0, max: 2879 }).map((n) => BASE + n * HALF_HOUR),
      fc.constantFrom(...HOT),
    ),
    plan: fc.constantFrom('free', 'pro', null),
  });
  const specArb = fc.record({
    tz: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'),
    event: fc.constantFrom(
      undefined,
      { event: 'buy' },
      { event: 'open', filters: [{ column: 'plan', op: '=', value: 'pro' }] },
    ),
    histogram: fc.constantFrom('week', 'month'),
    since: fc.constantFrom(undefined, '2026-03-01', '2026-03-30'),
    until: fc.constantFrom(undefined, '2026-04-10', '2026-05-01'),
  });
  test('random event logs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { maxLength: 40 }), specArb, async (raw, options) => {
        const rows: RefRow[] = raw.map((r) => ({
          actor: r.actor,
          event: r.event,
          ts: r.ts,
          props: { plan: r.plan },
        }));
        const clean = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
        await loadEvents(engines, rows);
        await run(rows, spec(clean as Partial<ActiveSpecInput>));
      }),
      { numRuns: 100 },
    );
  });
});

describe('days before 1970', () => {
  test('are days like any other, on both engines and in the stats', async () => {
    const rows = [
      row('a', 'open', '1969-12-30T23:00:00Z'),
      row('b', 'open', '1970-01-04T23:59:59Z'),
      row('a', 'open', '1970-01-04T01:00:00Z'),
      row('b', 'open', '1970-01-05T00:00:00Z'),
      row('a', 'open', '1970-03-08T12:00:00Z'),
      row('c', 'open', '1970-03-09T00:00:00Z'),
      row('b', 'buy', '1970-03-20T10:00:00Z'),
      row('a', 'open', '1970-04-05T00:00:00Z'),
      row(null, 'open', '1970-04-20T00:00:00Z'),
    ];
    await loadEvents(engines, rows);
    for (const histogram of ['week', 'month'] as const) {
      const r = await run(rows, spec({ histogram }));
      expect(r.days.length).toBe(97);
    }
    await run(rows, spec({ since: '1970-03-01', until: '1970-03-21' }));
    await run(rows, spec({ event: { event: 'open' }, tz: 'America/New_York' }));
    const stats = await engines.duck(compileActive(spec()).stats);
    const pgStats = await engines.pg(compileActive(spec()).stats);
    const expected = {
      rows: 9,
      ignored_rows: 1,
      qualifying_rows: 8,
      actors: 3,
      first_day: '1969-12-30',
      last_day: '1970-04-05',
    };
    expect(stats).toEqual([expected]);
    expect(pgStats).toEqual([expected]);
  });
});
