// Hand-computed funnels (metrics.md section 1): the reference, DuckDB and PostgreSQL must all give these answers.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EV_COLUMNS, type FunnelEngines, openFunnelEngines } from './engines.test-support.js';
import { type RefRow, referenceFunnel } from './reference.js';
import type { FunnelResult } from './result.js';
import { type FunnelSpecInput, FunnelSpecSchema } from './schema.js';

let engines: FunnelEngines;
let nextCase = 1;
beforeAll(async () => {
  engines = await openFunnelEngines();
});
afterAll(async () => {
  await engines?.close();
});

const T = (iso: string) => Date.parse(iso.length === 5 ? `2026-01-05T${iso}:00Z` : iso);
const row = (actor: string | null, event: string, at: string, extra: Partial<RefRow> = {}): RefRow => ({
  actor,
  event,
  ts: T(at),
  tb: null,
  plan: null,
  ...extra,
});
const spec = (input: Omit<FunnelSpecInput, 'version' | 'metric' | 'events'>) =>
  FunnelSpecSchema.parse({
    version: 1,
    metric: 'funnel',
    events: { source: { table: 'ev' }, ...EV_COLUMNS, timeKind: 'timestamptz' },
    ...input,
  });
const steps = (...names: string[]) => names.map((event) => ({ event }));

/** Users and medians of each step, the part every case checks. */
const brief = (r: FunnelResult) => ({
  users: r.steps.map((s) => s.users),
  medians: r.steps.map((s) => s.median_seconds_to_convert),
  groups: r.groups?.map((g) => ({ key: g.key, users: g.steps.map((s) => s.users) })),
});

async function all(rows: RefRow[], input: Parameters<typeof spec>[0]) {
  const s = spec(input);
  const id = nextCase++;
  await engines.load(id, rows);
  const { duck, pg } = await engines.run(id, s);
  const ref = referenceFunnel(rows, s);
  expect(duck).toEqual(ref);
  expect(pg).toEqual(ref);
  return ref;
}

describe('anchor (Mixpanel example: A 13:00, A 13:30, B 13:45, C 14:15, window 1h)', () => {
  const rows = [
    row('u', 'A', '13:00'),
    row('u', 'A', '13:30'),
    row('u', 'B', '13:45'),
    row('u', 'C', '14:15'),
  ];
  test('any_entry converts from the second A', async () => {
    const r = await all(rows, { steps: steps('A', 'B', 'C'), window: '1h' });
    expect(r.steps).toEqual([
      {
        name: 'A',
        users: 1,
        conversion_from_start: 1,
        conversion_from_previous: 1,
        median_seconds_to_convert: null,
      },
      {
        name: 'B',
        users: 1,
        conversion_from_start: 1,
        conversion_from_previous: 1,
        median_seconds_to_convert: 900,
      },
      {
        name: 'C',
        users: 1,
        conversion_from_start: 1,
        conversion_from_previous: 1,
        median_seconds_to_convert: 1800,
      },
    ]);
  });
  test('first_entry does not convert: C is 75 minutes after the first A', async () => {
    const r = await all(rows, { steps: steps('A', 'B', 'C'), window: '1h', anchor: 'first_entry' });
    expect(r.steps).toEqual([
      {
        name: 'A',
        users: 1,
        conversion_from_start: 1,
        conversion_from_previous: 1,
        median_seconds_to_convert: null,
      },
      {
        name: 'B',
        users: 1,
        conversion_from_start: 1,
        conversion_from_previous: 1,
        median_seconds_to_convert: 2700,
      },
      {
        name: 'C',
        users: 0,
        conversion_from_start: 0,
        conversion_from_previous: 0,
        median_seconds_to_convert: null,
      },
    ]);
  });
});

describe('order', () => {
  const rows = [
    row('u1', 'A', '10:00'),
    row('u1', 'X', '10:05'),
    row('u1', 'B', '10:10'),
    row('u2', 'A', '10:00'),
    row('u2', 'B', '10:01'),
  ];
  test('strict: any row in between breaks the chain', async () => {
    expect(brief(await all(rows, { steps: steps('A', 'B'), order: 'strict' })).users).toEqual([2, 1]);
    expect(brief(await all(rows, { steps: steps('A', 'B') })).users).toEqual([2, 2]);
  });
  test('any: steps in any order inside one window from a step row; no medians', async () => {
    const anyRows = [
      row('u1', 'B', '10:00'),
      row('u1', 'A', '10:10'),
      row('u2', 'C', '09:00'),
      row('u2', 'B', '11:00'),
      row('u2', 'A', '11:30'),
      row('u3', 'A', '01:00'),
    ];
    const r = brief(await all(anyRows, { steps: steps('A', 'B', 'C'), window: '1h', order: 'any' }));
    expect(r).toEqual({ users: [3, 2, 0], medians: [null, null, null], groups: undefined });
    expect(brief(await all(anyRows, { steps: steps('A', 'B', 'C'), window: '1h' })).users).toEqual([3, 0, 0]);
  });
  test('any: one row fills one step even when it matches two', async () => {
    const r = await all([row('u', 'A', '10:00'), row('u', 'B', '10:00')], {
      steps: [{ event: 'A' }, { event: 'A' }, { event: 'B' }],
      order: 'any',
    });
    expect(brief(r).users).toEqual([1, 1, 0]);
  });
});

describe('exclusions', () => {
  const rows = [
    ...[row('u1', 'A', '10:00'), row('u1', 'X', '10:10'), row('u1', 'B', '10:20'), row('u1', 'C', '10:30')],
    ...[row('u2', 'A', '10:00'), row('u2', 'B', '10:10'), row('u2', 'X', '10:20'), row('u2', 'C', '10:30')],
    ...[row('u3', 'A', '10:00'), row('u3', 'X', '10:30')],
    ...[row('u4', 'X', '09:00'), row('u4', 'A', '10:00'), row('u4', 'B', '10:10')],
    ...[row('u5', 'B', '10:00'), row('u5', 'X', '10:05')],
    ...[row('u6', 'A', '10:00'), row('u6', 'X', '11:00')],
    ...[row('u7', 'A', '10:00'), row('u7', 'X', '2026-01-05T11:00:01Z')],
  ];
  const base = { steps: steps('A', 'B', 'C'), window: '1h' };
  test('X:1:2 removes u1 (X between A and B), u3 and u6 (chain stopped: X up to A + window, inclusive)', async () => {
    const r = await all(rows, { ...base, exclusions: [{ event: 'X', from: 1, to: 2 }] });
    expect(brief(r).users).toEqual([3, 2, 1]);
  });
  test('X:2:3 removes only u2; chains that stopped before step 2 are untouched', async () => {
    const r = await all(rows, { ...base, exclusions: [{ event: 'X', from: 2, to: 3 }] });
    expect(brief(r).users).toEqual([5, 2, 1]);
  });
  test('a row of the chain itself does not exclude', async () => {
    const r = await all([row('u', 'A', '10:00'), row('u', 'B', '10:10')], {
      steps: steps('A', 'B'),
      exclusions: [{ event: 'B', from: 1, to: 2 }],
    });
    expect(brief(r).users).toEqual([1, 1]);
  });
});

test('since/until are local midnights in tz; only step 1 must be in range', async () => {
  const rows = [
    row('u1', 'A', '2026-03-01T23:30:00Z'),
    row('u1', 'B', '2026-03-02T10:00:00Z'),
    row('u2', 'A', '2026-03-01T22:30:00Z'),
    row('u2', 'B', '2026-03-02T00:00:00Z'),
    row('u3', 'A', '2026-03-02T22:59:00Z'),
    row('u3', 'B', '2026-03-03T05:00:00Z'),
    row('u4', 'A', '2026-03-02T23:00:00Z'),
    row('u4', 'B', '2026-03-02T23:10:00Z'),
  ];
  const r = await all(rows, {
    steps: steps('A', 'B'),
    window: '1d',
    since: '2026-03-02',
    until: '2026-03-03',
    tz: 'Europe/Berlin',
  });
  expect(brief(r)).toEqual({ users: [2, 2], medians: [null, 29_730], groups: undefined });
});

test('breakdown: the value on step 1 of the best chain; NULL is its own group', async () => {
  const rows = [
    row('u1', 'A', '10:00', { plan: 'pro' }),
    row('u1', 'B', '10:10'),
    row('u2', 'A', '10:00'),
    row('u3', 'A', '10:00'),
    row('u3', 'B', '10:15', { plan: 'pro' }),
    row('u4', 'A', '10:00', { plan: 'free' }),
    row('u5', 'A', '10:00', { plan: 'free' }),
    row('u5', 'A', '10:20', { plan: 'pro' }),
    row('u5', 'B', '10:30'),
  ];
  const r = brief(await all(rows, { steps: steps('A', 'B'), window: '20m', breakdown: 'plan' }));
  expect(r).toEqual({
    users: [5, 3],
    medians: [null, 600],
    groups: [
      { key: 'pro', users: [2, 2] },
      { key: null, users: [2, 1] },
      { key: 'free', users: [1, 0] },
    ],
  });
});

test('tiebreak orders rows at the same time (NULLs last) before the event name', async () => {
  const rows = [
    row('u1', 'B', '10:00', { tb: 1 }),
    row('u1', 'A', '10:00', { tb: 2 }),
    row('u2', 'A', '10:00'),
    row('u2', 'B', '10:00', { tb: 1 }),
  ];
  const strict = { steps: steps('A', 'B'), order: 'strict' as const };
  expect(brief(await all(rows, strict)).users).toEqual([2, 2]);
  expect(brief(await all(rows, { ...strict, tiebreak: 'tb' })).users).toEqual([2, 0]);
});

describe('ties and rows matching several steps', () => {
  test('the tied row that matches only step 2 goes to step 2, leaving the other for step 3', async () => {
    const rows = [
      row('u', 'X', '10:00'),
      row('u', 'e', '10:05', { plan: 'pro' }),
      row('u', 'e', '10:05', { plan: 'free' }),
    ];
    const r = await all(rows, {
      steps: [
        { event: 'X' },
        { event: 'e' },
        { event: 'e', filters: [{ column: 'plan', op: '=', value: 'pro' }] },
      ],
    });
    expect(brief(r)).toEqual({ users: [1, 1, 1], medians: [null, 300, 0], groups: undefined });
  });
  test('one row fills one step: [A, A] needs two A rows (tied ones count)', async () => {
    const one = await all([row('u', 'A', '10:00')], { steps: steps('A', 'A') });
    expect(brief(one).users).toEqual([1, 0]);
    const two = await all([row('u', 'A', '10:00'), row('u', 'A', '10:00')], { steps: steps('A', 'A') });
    expect(brief(two)).toEqual({ users: [1, 1], medians: [null, 0], groups: undefined });
  });
  test('[A, B, A]: the repeated step needs a later (or tied, distinct) row', async () => {
    const spaced = [row('u', 'A', '10:00'), row('u', 'B', '10:10'), row('u', 'A', '10:20')];
    expect(brief(await all(spaced, { steps: steps('A', 'B', 'A') })).users).toEqual([1, 1, 1]);
    const tied = [row('u', 'A', '10:00'), row('u', 'B', '10:00')];
    expect(brief(await all(tied, { steps: steps('A', 'B', 'A') })).users).toEqual([1, 1, 0]);
  });
  test('the window is inclusive, measured from step 1', async () => {
    const rows = [row('u1', 'A', '10:00'), row('u1', 'B', '11:00'), row('u2', 'A', '10:00')];
    rows.push(row('u2', 'B', '2026-01-05T11:00:01Z'));
    expect(brief(await all(rows, { steps: steps('A', 'B'), window: '1h' })).users).toEqual([2, 1]);
  });
});

/**
 * Loads `rows` as a new case and checks the stats query gives `expected` on both engines, the result is the same on
 * both and equals the reference; returns the result.
 */
async function statsAndResult(rows: RefRow[], s: ReturnType<typeof spec>, expected: Record<string, number>) {
  const id = nextCase++;
  await engines.load(id, rows);
  const { duck, pg } = await engines.stats(id, s);
  expect(duck).toEqual(expected);
  expect(pg).toEqual(expected);
  const result = await engines.run(id, s);
  expect(result.pg).toEqual(result.duck);
  expect(referenceFunnel(rows, s)).toEqual(result.duck);
  return result.duck;
}

test('rows with a NULL or empty actor, or no time, are left out and counted', async () => {
  const rows = [
    row(null, 'A', '10:00'),
    row('', 'A', '10:00'),
    row('u', 'A', '10:00'),
    row('u', 'B', '10:01'),
    { ...row('v', 'A', '10:00'), ts: null },
    row('v', 'B', '10:01'),
  ];
  const s = spec({ steps: steps('A', 'B'), exclusions: [{ event: 'B', from: 1, to: 2 }] });
  const result = await statsAndResult(rows, s, {
    rows_considered: 4,
    rows_ignored: 2,
    rows_without_time: 1,
    actors_considered: 2,
    actors_entered: 1,
    actors_excluded: 0,
  });
  expect(brief(result).users).toEqual([1, 1]);
});

test('rows without a time on later steps are never chosen, and never start a chain (the one-grouping path)', async () => {
  const rows = [
    row('u', 'A', '10:00'),
    { ...row('u', 'B', '10:01'), ts: null },
    row('u', 'B', '10:05'),
    { ...row('u', 'C', '10:06'), ts: null },
    { ...row('v', 'A', '10:00'), ts: null },
    row('v', 'B', '10:01'),
    row('w', 'A', '10:00'),
    { ...row('w', 'A', '10:00'), ts: null },
    { ...row('w', 'B', '10:02'), ts: null },
  ];
  for (const anchor of ['any_entry', 'first_entry'] as const) {
    const s = spec({ steps: steps('A', 'B', 'C'), anchor });
    const result = await statsAndResult(rows, s, {
      rows_considered: 9,
      rows_ignored: 0,
      rows_without_time: 5,
      actors_considered: 3,
      actors_entered: 2,
      actors_excluded: 0,
    });
    expect(brief(result).users).toEqual([2, 1, 0]);
  }
});

test('seconds to convert keep sub-second precision exactly', async () => {
  const rows = [
    row('u', 'A', '2026-01-05T10:00:00.100Z'),
    row('u', 'B', '2026-01-05T10:00:00.400Z'),
    row('v', 'A', '2026-01-05T10:00:00.000Z'),
    row('v', 'B', '2026-01-05T10:00:01.700Z'),
  ];
  const r = await all(rows, { steps: steps('A', 'B') });
  expect(brief(r).medians).toEqual([null, 1]);
  const one = await all(rows.slice(0, 2), { steps: steps('A', 'B') });
  expect(brief(one).medians).toEqual([null, 0.3]);
});

test('stats without exclusions: actors who entered are those with a step-1 row in range (one scan)', async () => {
  const rows: RefRow[] = [
    row('u', 'A', '2026-03-01T23:30:00Z'), // 00:30 on 03-02 in Berlin: in range
    row('u', 'A', '2026-03-02T10:00:00Z'), // a second start of the same actor
    row('u', 'B', '2026-03-02T11:00:00Z'),
    row('v', 'A', '2026-03-01T22:30:00Z'), // 23:30 on 03-01 in Berlin: before since
    row('v', 'B', '2026-03-02T01:00:00Z'),
    row('w', 'B', '2026-03-02T09:00:00Z'), // never starts
    { ...row('x', 'A', '2026-03-02T09:00:00Z'), ts: null }, // no time: left out
    row(null, 'A', '2026-03-02T09:00:00Z'),
  ];
  for (const order of ['ordered', 'strict'] as const) {
    const s = spec({
      steps: steps('A', 'B'),
      order,
      since: '2026-03-02',
      until: '2026-03-03',
      tz: 'Europe/Berlin',
    });
    const id = nextCase++;
    await engines.load(id, rows);
    const { duck, pg } = await engines.stats(id, s);
    const expected = {
      rows_considered: 7,
      rows_ignored: 1,
      rows_without_time: 1,
      actors_considered: 4,
      actors_entered: 1,
      actors_excluded: 0,
    };
    expect(duck).toEqual(expected);
    expect(pg).toEqual(expected);
    const result = await engines.run(id, s);
    expect(brief(result.duck).users[0]).toBe(expected.actors_entered);
    expect(referenceFunnel(rows, s)).toEqual(result.duck);
  }
});
