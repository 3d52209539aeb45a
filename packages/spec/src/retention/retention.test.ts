import { duckdbDialect, postgresDialect, toSql } from '@sightline/sql';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { splitStatsColumns } from '../metrics/index.js';
import { compileRetention, retentionHintQuery } from './compile.js';
import { loadEvents, type MetricEngines, openMetricEngines } from './engines.test-support.js';
import { type RefRow, referenceRetention } from './reference.js';
import { type RetentionRow, retentionResultFromRows } from './result.js';
import { type RetentionSpecInput, RetentionSpecSchema } from './schema.js';

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

function spec(extra: Partial<RetentionSpecInput>) {
  return RetentionSpecSchema.parse({
    version: 1,
    metric: 'retention',
    events: EVENTS,
    start: { event: 'signup' },
    ...extra,
  });
}

const load = (rows: RefRow[]) => loadEvents(engines, rows);

/**
 * Runs the spec on both engines, checks they agree with each other and the reference (and that the stats the result
 * carries are the stats query's), returns the JSON cohorts. When the rows span at most 63 periods, the query built
 * for that (one BIGINT of bits per actor) must give the same answer.
 */
async function run(rows: RefRow[], s: ReturnType<typeof spec>) {
  const duck = await runCompiled(rows, s, compileRetention(s));
  const hint = retentionHintQuery(s);
  if (hint) {
    const span = (await engines.duck(hint))[0]?.period_span;
    if (typeof span === 'number' && span <= 63) {
      const masked = compileRetention(s, { periodSpan: span });
      expect(toSql(masked.result, duckdbDialect())).toContain('"first_row"');
      expect(await runCompiled(rows, s, masked)).toEqual(duck);
    }
  }
  return retentionResultFromRows(duck, s);
}

async function runCompiled(
  rows: RefRow[],
  s: ReturnType<typeof spec>,
  { result, stats, statsInResult }: ReturnType<typeof compileRetention>,
): Promise<RetentionRow[]> {
  const duckOut = splitStatsColumns(await engines.duck(result), statsInResult);
  const pgOut = splitStatsColumns(await engines.pg(result), statsInResult);
  const duck = duckOut.rows as unknown as RetentionRow[];
  const pg = pgOut.rows as unknown as RetentionRow[];
  expect(pg).toEqual(duck);
  if (statsInResult && duck.length > 0) {
    // The stats the result carries are the stats query's.
    const [expected] = await engines.duck(stats);
    expect(duckOut.stats).toEqual(expected);
    expect(pgOut.stats).toEqual(expected);
  }
  expect(duck).toEqual(referenceRetention(rows, s));
  return duck;
}

const at = (iso: string) => Date.parse(iso);
const row = (actor: string | null, event: string, iso: string, plan: string | null = null): RefRow => ({
  actor,
  event,
  ts: at(iso),
  props: { plan },
});

describe('golden cases (weeks from Monday 2026-01-05, UTC)', () => {
  // Weeks: W0 Jan 5, W1 Jan 12, W2 Jan 19, W3 Jan 26, W4 Feb 2. The last kept row is Feb 4 (in W4).
  const rows = [
    row('a', 'signup', '2026-01-05T09:00:00Z'),
    row('a', 'open', '2026-01-13T10:00:00Z'),
    row('a', 'open', '2026-01-28T10:00:00Z'),
    row('b', 'signup', '2026-01-07T10:00:00Z'),
    row('b', 'open', '2026-01-20T10:00:00Z'),
    row('c', 'signup', '2026-01-14T10:00:00Z'),
    row('c', 'signup', '2026-01-21T10:00:00Z'),
    row('c', 'open', '2026-02-02T00:00:00Z'),
    row('d', 'open', '2026-01-06T10:00:00Z'),
    row('e', 'open', '2026-02-04T12:00:00Z'),
    // Ignored rows: they would otherwise add a cohort and move the last timestamp.
    row(null, 'signup', '2026-02-20T10:00:00Z'),
    row('', 'open', '2026-02-25T10:00:00Z'),
  ];
  beforeAll(() => load(rows));
  const cells = (r: Awaited<ReturnType<typeof run>>) => r.cohorts.map((c) => [c.cohort, ...c.retained]);

  test('first_time, on, any return (defaults but 4 periods)', async () => {
    const r = await run(rows, spec({ periods: 4 }));
    expect(cells(r)).toEqual([
      ['2026-01-05', 2, 1, 1, 1, null],
      ['2026-01-12', 1, 1, 0, null, null],
    ]);
    expect(r.cohorts[1]!.shares).toEqual([1, 1, 0, null, null]);
    expect(r.mean_shares).toEqual([1, 2 / 3, 1 / 3, 1 / 2, null]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain(
      'The earliest cohort (2026-01-05) starts within one week of the first row',
    );
  });
  test('defaults: week, 8 periods (cells k = 0..8)', async () => {
    const r = await run(rows, spec({}));
    expect(cells(r)[0]).toEqual(['2026-01-05', 2, 1, 1, 1, null, null, null, null, null]);
  });
  test('on_or_after', async () => {
    const r = await run(rows, spec({ periods: 4, criterion: 'on_or_after' }));
    expect(cells(r)).toEqual([
      ['2026-01-05', 2, 2, 2, 1, null],
      ['2026-01-12', 1, 1, 1, null, null],
    ]);
  });
  test('recurring cohorts: c belongs to the weeks of Jan 12 and Jan 19', async () => {
    const r = await run(rows, spec({ periods: 4, cohort: 'recurring' }));
    expect(cells(r)).toEqual([
      ['2026-01-05', 2, 1, 1, 1, null],
      ['2026-01-12', 1, 1, 0, null, null],
      ['2026-01-19', 1, 0, null, null, null],
    ]);
  });
  test('a return event: signup no longer counts as a return', async () => {
    const r = await run(rows, spec({ periods: 2, return: { event: 'open' } }));
    expect(cells(r)).toEqual([
      ['2026-01-05', 2, 1, 1],
      ['2026-01-12', 1, 0, 0],
    ]);
  });
  test('since/until pick cohorts; returns still come from the whole table', async () => {
    expect(cells(await run(rows, spec({ periods: 1, since: '2026-01-12' })))).toEqual([['2026-01-12', 1, 1]]);
    expect(cells(await run(rows, spec({ periods: 1, until: '2026-01-12' })))).toEqual([['2026-01-05', 2, 1]]);
    const recurring = await run(rows, spec({ periods: 1, cohort: 'recurring', since: '2026-01-12' }));
    expect(cells(recurring)).toEqual([
      ['2026-01-12', 1, 1],
      ['2026-01-19', 1, 0],
    ]);
    // c's first signup (Jan 14) is before this range, so under first_time c is in no reported cohort.
    expect(cells(await run(rows, spec({ periods: 1, since: '2026-01-19' })))).toEqual([]);
  });
  test('a start filter on a property', async () => {
    const withPro = [...rows, row('f', 'signup', '2026-01-26T10:00:00Z', 'pro')];
    await load(withPro);
    const r = await run(
      withPro,
      spec({ periods: 1, start: { event: 'signup', filters: [{ column: 'plan', op: '=', value: 'pro' }] } }),
    );
    // Jan 26 + 1 week is the last week: its cell is not complete yet.
    expect(cells(r)).toEqual([['2026-01-26', 1, null]]);
    await load(rows);
  });
  test('a query source with naive timestamps or epoch milliseconds gives the same cells', async () => {
    const base = await run(rows, spec({ periods: 4 }));
    for (const events of [
      {
        ...EVENTS,
        source: { sql: "SELECT user_id, event, ts AT TIME ZONE 'UTC' AS ts FROM ev;" },
        timeKind: 'timestamp' as const,
      },
      {
        ...EVENTS,
        source: { sql: 'SELECT user_id, event, EXTRACT(EPOCH FROM ts) * 1000 AS ts FROM ev' },
        timeKind: 'epoch_ms' as const,
      },
    ]) {
      const r = await run(rows, spec({ periods: 4, events }));
      expect(r).toEqual(base);
      const { stats } = compileRetention(spec({ events }));
      const expected = await engines.duck(compileRetention(spec({})).stats);
      expect(await engines.duck(stats)).toEqual(expected);
      expect(await engines.pg(stats)).toEqual(expected);
    }
  });
  test('stats count rows, ignored rows and actors', async () => {
    const { stats } = compileRetention(spec({}));
    const expected = {
      rows: 12,
      ignored_rows: 2,
      actors: 5,
      start_rows: 4,
      return_rows: 10,
    };
    expect(await engines.duck(stats)).toEqual([expected]);
    expect(await engines.pg(stats)).toEqual([expected]);
  });
});

describe('golden cases across time zones', () => {
  test('days in New York across the DST change; a cell whose next day starts exactly at the last row is complete', async () => {
    const rows = [
      row('x', 'signup', '2026-03-07T04:30:00Z'), // Mar 6, 23:30 EST
      row('x', 'open', '2026-03-08T04:30:00Z'), // Mar 7, 23:30 EST
      row('x', 'open', '2026-03-09T03:30:00Z'), // Mar 8, 23:30 EDT
      row('y', 'signup', '2026-03-07T05:00:00Z'), // Mar 7, 00:00 EST exactly
      row('y', 'open', '2026-03-09T04:00:00Z'), // Mar 9, 00:00 EDT exactly: the last row
    ];
    await load(rows);
    const ny = await run(rows, spec({ period: 'day', periods: 3, tz: 'America/New_York' }));
    expect(ny.cohorts.map((c) => [c.cohort, ...c.retained])).toEqual([
      ['2026-03-06', 1, 1, 1, null],
      ['2026-03-07', 1, 0, null, null],
    ]);
    const utc = await run(rows, spec({ period: 'day', periods: 3 }));
    expect(utc.cohorts.map((c) => [c.cohort, ...c.retained])).toEqual([['2026-03-07', 2, 1, null, null]]);
  });
  test('months in Tokyo', async () => {
    const rows = [
      row('p', 'signup', '2026-01-31T16:00:00Z'), // Feb 1, 01:00 JST
      row('p', 'open', '2026-03-15T00:00:00Z'),
      row('q', 'signup', '2026-01-20T00:00:00Z'),
      row('q', 'open', '2026-02-28T15:30:00Z'), // Mar 1, 00:30 JST
      row('z', 'open', '2026-03-31T15:00:00Z'), // Apr 1, 00:00 JST exactly: the last row
    ];
    await load(rows);
    const tokyo = await run(rows, spec({ period: 'month', periods: 3, tz: 'Asia/Tokyo' }));
    expect(tokyo.cohorts.map((c) => [c.cohort, ...c.retained])).toEqual([
      ['2026-01-01', 1, 0, 1, null],
      ['2026-02-01', 1, 1, null, null],
    ]);
    const utc = await run(rows, spec({ period: 'month', periods: 3 }));
    expect(utc.cohorts.map((c) => [c.cohort, ...c.retained])).toEqual([['2026-01-01', 2, 1, null, null]]);
  });
  test('an odd historical offset (Monrovia, -0:44:30 until 1972): a day boundary inside a quarter-hour', async () => {
    const rows = [
      row('m', 'signup', '1970-03-02T00:44:20Z'), // Mar 1, 23:59:50 local
      row('n', 'signup', '1970-03-02T00:44:40Z'), // Mar 2, 00:00:10 local, the same UTC quarter-hour
      row('m', 'open', '1970-03-03T12:00:00Z'),
      row('n', 'open', '1970-03-05T12:00:00Z'),
    ];
    await load(rows);
    const r = await run(rows, spec({ period: 'day', periods: 1, tz: 'Africa/Monrovia' }));
    expect(r.cohorts.map((c) => [c.cohort, ...c.retained])).toEqual([
      ['1970-03-01', 1, 0],
      ['1970-03-02', 1, 0],
    ]);
  });
  test('an empty table gives no cohorts', async () => {
    await load([]);
    expect((await run([], spec({}))).cohorts).toEqual([]);
  });
});

describe('days and weeks in UTC are gathered in blocks of 63 periods', () => {
  // Day 20,663 (2026-07-29) is the last of block 327 (days 20,601..20,663): its returns fall in the next block.
  // Week 2,958 (from Monday 2026-09-07) is in block 46 (weeks 2,898..2,960); three weeks later, week 2,961 (from
  // 2026-09-28), is the first of block 47.
  const rows = [
    row('a', 'signup', '2026-07-29T08:00:00Z'),
    row('a', 'open', '2026-07-30T08:00:00Z'),
    row('a', 'open', '2026-08-01T08:00:00Z'),
    row('b', 'signup', '2026-07-28T08:00:00Z'),
    row('b', 'signup', '2026-07-30T08:00:00Z'),
    row('b', 'open', '2026-07-31T08:00:00Z'),
    row('c', 'signup', '2026-09-10T08:00:00Z'),
    row('c', 'open', '2026-09-15T08:00:00Z'),
    row('c', 'open', '2026-09-29T08:00:00Z'),
    row('d', 'open', '2026-10-20T08:00:00Z'),
    // Before 1970: negative day and week numbers.
    row('e', 'signup', '1969-12-30T08:00:00Z'),
    row('e', 'open', '1970-01-02T08:00:00Z'),
  ];
  const cohortCells = (r: Awaited<ReturnType<typeof run>>) => r.cohorts.map((c) => [c.cohort, ...c.retained]);
  test('by day, first time and recurring, on and on or after, across a block boundary', async () => {
    await load(rows);
    for (const cohort of ['first_time', 'recurring'] as const) {
      for (const criterion of ['on', 'on_or_after'] as const) {
        const r = await run(rows, spec({ period: 'day', periods: 3, cohort, criterion }));
        const a = r.cohorts.find((c) => c.cohort === '2026-07-29');
        expect(a?.retained).toEqual(criterion === 'on' ? [1, 1, 0, 1] : [1, 1, 1, 1]);
      }
    }
    const recurring = await run(rows, spec({ period: 'day', periods: 1, cohort: 'recurring' }));
    expect(cohortCells(recurring)).toContainEqual(['2026-07-30', 1, 1]);
    expect(cohortCells(recurring)).toContainEqual(['1969-12-30', 1, 0]);
  });
  test('by week across a block boundary', async () => {
    await load(rows);
    const r = await run(rows, spec({ period: 'week', periods: 3 }));
    expect(cohortCells(r)).toContainEqual(['2026-09-07', 1, 1, 0, 1]);
  });
});

describe('readable SQL', () => {
  test('one commented CTE per step, in both dialects; days and weeks in UTC need no calendar lookup', () => {
    const utc = spec({ criterion: 'on_or_after', since: '2026-01-01' });
    for (const sql of [
      toSql(compileRetention(utc).result, duckdbDialect()),
      toSql(compileRetention(utc).result, postgresDialect()),
    ]) {
      const ctes = [...sql.matchAll(/(?:WITH |, )"(\w+)" AS \(/g)].map((m) => m[1]);
      expect(ctes.slice(0, 4)).toEqual(['all_rows', 'blocks', 'actors', 'bounds']);
      expect(sql).not.toContain('quarter');
    }
    // Rows spanning at most 63 weeks: one BIGINT of bits per actor, counted from the first row's week.
    for (const [span, first] of [
      [63, ['first_row', 'all_rows', 'actors', 'bounds']],
      [64, ['all_rows', 'blocks', 'actors', 'bounds']],
    ] as const) {
      const sql = toSql(compileRetention(utc, { periodSpan: span }).result, duckdbDialect());
      const ctes = [...sql.matchAll(/(?:WITH |, )"(\w+)" AS \(/g)].map((m) => m[1]);
      expect(ctes.slice(0, 4)).toEqual(first);
      expect(sql).not.toContain('quarter');
    }
    const s = spec({ criterion: 'on_or_after', since: '2026-01-01', tz: 'Europe/Berlin' });
    const duck = toSql(compileRetention(s).result, duckdbDialect(), { pretty: true });
    const pg = toSql(compileRetention(s).result, postgresDialect(), { pretty: true });
    for (const sql of [duck, pg]) {
      const ctes = [...sql.matchAll(/^(?:WITH )?"(\w+)" AS \(/gm)].map((m) => m[1]);
      expect(ctes).toEqual([
        'kept_rows',
        'quarter_periods',
        'actor_periods',
        'numbered',
        'bounds',
        'start_periods',
        'members',
        'return_periods',
        'member_returns',
        'offsets',
        'returned',
        'sizes',
        'cells',
      ]);
      expect(sql.match(/^-- /gm)!.length).toBeGreaterThanOrEqual(ctes.length);
    }
    expect(duck).toContain(`timezone('Europe/Berlin', "r"."time_value")`);
    expect(pg).toContain(`("r"."time_value" AT TIME ZONE 'Europe/Berlin')`);
  });
  test('the schema rejects a reversed range and fills defaults', () => {
    expect(
      RetentionSpecSchema.safeParse({
        version: 1,
        metric: 'retention',
        events: EVENTS,
        start: { event: 's' },
        since: '2026-02-01',
        until: '2026-01-01',
      }).success,
    ).toBe(false);
    const s = spec({});
    expect([s.return, s.period, s.periods, s.cohort, s.criterion, s.tz]).toEqual([
      'any',
      'week',
      8,
      'first_time',
      'on',
      'UTC',
    ]);
  });
});

describe('property: SQL on DuckDB and PostgreSQL equals the reference', () => {
  const BASE = at('2026-02-23T00:00:00Z'); // a Monday; 60 days cover the US, EU and Sydney DST changes
  const HALF_HOUR = 1_800_000;
  const HOT = [0, 1, 47, 48, 336, 337, 1000, 1440, 2000, 2879].map((n) => BASE + n * HALF_HOUR);
  const rowArb = fc.record({
    actor: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', null, ''),
    event: fc.constantFrom('signup', 'open', 'buy'),
    ts: fc.oneof(
      fc.integer({ min: 0, max: 2879 }).map((n) => BASE + n * HALF_HOUR),
      fc.constantFrom(...HOT),
    ),
    plan: fc.constantFrom('free', 'pro', null),
  });
  const specArb = fc.record({
    period: fc.constantFrom('day', 'week', 'month'),
    periods: fc.integer({ min: 0, max: 6 }),
    cohort: fc.constantFrom('first_time', 'recurring'),
    criterion: fc.constantFrom('on', 'on_or_after'),
    tz: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'),
    return: fc.constantFrom<RetentionSpecInput['return']>(
      'any',
      { event: 'open' },
      {
        event: 'buy',
        filters: [{ column: 'plan', op: '!=', value: 'free' }],
      },
    ),
    start: fc.constantFrom(
      { event: 'signup' },
      { event: 'signup', filters: [{ column: 'plan', op: 'in', value: ['pro'] }] },
    ),
    since: fc.constantFrom(undefined, '2026-03-02', '2026-03-09'),
    until: fc.constantFrom(undefined, '2026-04-01'),
    // Times stored as TIMESTAMPTZ, or as naive TIMESTAMPs meaning UTC.
    naive: fc.boolean(),
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
        const { naive, ...rest } = options;
        const clean: Record<string, unknown> = Object.fromEntries(
          Object.entries(rest).filter(([, v]) => v !== undefined),
        );
        if (naive) {
          clean.events = {
            ...EVENTS,
            source: { sql: `SELECT user_id, event, ts AT TIME ZONE 'UTC' AS ts, plan FROM ev` },
            timeKind: 'timestamp',
          };
        }
        await load(rows);
        await run(rows, spec(clean as Partial<RetentionSpecInput>));
      }),
      { numRuns: 150 },
    );
  });
});
