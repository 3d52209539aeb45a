import { describe, expect, it } from 'vitest';
import type { Catalog } from '../api/types.js';
import {
  buildRequest,
  defaultState,
  guessAssignmentTable,
  guessEventTable,
  loadState,
  type MetricsState,
  saveState,
} from './metric-state.js';

const COLUMNS = [
  { name: 'user_id', type: 'VARCHAR' },
  { name: 'event', type: 'VARCHAR' },
  { name: 'ts', type: 'TIMESTAMP WITH TIME ZONE' },
  { name: 'country', type: 'VARCHAR' },
  { name: 'revenue_usd', type: 'DECIMAL(10,2)' },
  { name: 'is_trial', type: 'BOOLEAN' },
];

function state(patch: (s: MetricsState) => void): MetricsState {
  const s = defaultState();
  s.source.from = 'events';
  patch(s);
  return s;
}

class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
}

describe('buildRequest: the builder state as the POST /api/metrics body', () => {
  it('a funnel: steps with typed filters, window, order, anchor, exclusions, breakdown; roles and range', () => {
    const s = state((x) => {
      x.source.actorCol = 'user_id';
      x.since = '2026-09-01';
      x.tz = 'Europe/Berlin';
      x.funnel.steps = [
        {
          event: 'signup',
          filters: [
            { column: 'country', op: 'in', value: 'US, GB ,' },
            { column: 'revenue_usd', op: '>=', value: '10.5' },
          ],
        },
        { event: 'project_created', filters: [{ column: 'is_trial', op: '=', value: 'true' }] },
        { event: 'invite_sent', filters: [{ column: 'country', op: 'is_not_null', value: 'ignored' }] },
      ];
      x.funnel.window = '7d';
      x.funnel.order = 'strict';
      x.funnel.anchor = 'first_entry';
      x.funnel.exclusions = [
        { event: 'churn', from: 1, to: 3 },
        { event: '', from: 1, to: 2 },
      ];
      x.funnel.breakdown = 'country';
    });
    expect(buildRequest(s, COLUMNS)).toEqual({
      ok: true,
      value: {
        metric: 'funnel',
        from: 'events',
        actorCol: 'user_id',
        since: '2026-09-01',
        tz: 'Europe/Berlin',
        options: {
          steps: [
            {
              event: 'signup',
              filters: [
                { column: 'country', op: 'in', value: ['US', 'GB'] },
                { column: 'revenue_usd', op: '>=', value: 10.5 },
              ],
            },
            { event: 'project_created', filters: [{ column: 'is_trial', op: '=', value: true }] },
            { event: 'invite_sent', filters: [{ column: 'country', op: 'is_not_null' }] },
          ],
          window: '7d',
          order: 'strict',
          anchor: 'first_entry',
          exclusions: [{ event: 'churn', from: 1, to: 3 }],
          breakdown: 'country',
        },
      },
    });
  });

  it('a funnel with defaults sends only what is set, and says which step still needs an event', () => {
    const s = state((x) => {
      x.funnel.steps = [
        { event: 'signup', filters: [] },
        { event: '', filters: [] },
      ];
    });
    expect(buildRequest(s, COLUMNS)).toEqual({ ok: false, error: 'Pick the event of step 2.' });
    s.funnel.steps[1] = { event: 'invite_sent', filters: [{ column: 'country', op: '=', value: ' ' }] };
    expect(buildRequest(s, COLUMNS)).toEqual({
      ok: false,
      error: 'The filter on "country" of step 2 needs a value.',
    });
    s.funnel.steps[1] = { event: 'invite_sent', filters: [] };
    expect(buildRequest(s, COLUMNS)).toEqual({
      ok: true,
      value: {
        metric: 'funnel',
        from: 'events',
        options: {
          steps: [{ event: 'signup' }, { event: 'invite_sent' }],
          window: '14d',
          order: 'ordered',
          anchor: 'any_entry',
        },
      },
    });
  });

  it('retention: start, return (any or an event), period, periods, cohort and criterion', () => {
    const s = state((x) => {
      x.metric = 'retention';
      x.retention.start = { event: 'signup', filters: [] };
      x.until = '2026-11-01';
    });
    expect(buildRequest(s, COLUMNS)).toEqual({
      ok: true,
      value: {
        metric: 'retention',
        from: 'events',
        until: '2026-11-01',
        options: {
          start: { event: 'signup' },
          return: 'any',
          period: 'week',
          periods: 8,
          cohort: 'first_time',
          criterion: 'on',
        },
      },
    });
    s.retention.returnAny = false;
    expect(buildRequest(s, COLUMNS)).toEqual({
      ok: false,
      error: 'Pick the event that counts as coming back, or "any event".',
    });
    s.retention.ret = { event: 'login', filters: [] };
    s.retention.period = 'month';
    s.retention.criterion = 'on_or_after';
    const built = buildRequest(s, COLUMNS);
    expect(built.ok && built.value.options).toEqual({
      start: { event: 'signup' },
      return: { event: 'login' },
      period: 'month',
      periods: 8,
      cohort: 'first_time',
      criterion: 'on_or_after',
    });
  });

  it('active users: any event unless one is named, and the histogram period', () => {
    const s = state((x) => {
      x.metric = 'active';
    });
    const any = buildRequest(s, COLUMNS);
    expect(any.ok && any.value).toEqual({ metric: 'active', from: 'events', options: { histogram: 'week' } });
    s.active = { event: { event: 'login', filters: [] }, histogram: 'month' };
    const login = buildRequest(s, COLUMNS);
    expect(login.ok && login.value.options).toEqual({ event: { event: 'login' }, histogram: 'month' });
  });

  it('an A/B test from assignments and a goal event, or from one row per user (no roles, no range)', () => {
    const s = state((x) => {
      x.metric = 'abtest';
      x.since = '2026-01-01';
      x.abtest.assignments = 'experiment_assignments';
    });
    expect(buildRequest(s, COLUMNS)).toEqual({
      ok: false,
      error: 'Pick the goal event (what counts as converting).',
    });
    s.abtest.goal = { event: 'checkout_completed', filters: [] };
    s.abtest.window = '7d';
    expect(buildRequest(s, COLUMNS)).toEqual({
      ok: true,
      value: {
        metric: 'abtest',
        from: 'events',
        assignments: { from: 'experiment_assignments' },
        options: { goal: { event: 'checkout_completed' }, window: '7d', confidence: 0.95 },
      },
    });
    s.abtest.mode = 'table';
    s.abtest.table = 'results';
    expect(buildRequest(s, COLUMNS)).toEqual({
      ok: false,
      error: 'Pick the variant column and the metric column.',
    });
    s.abtest.variantCol = 'arm';
    s.abtest.outcomeCol = 'converted';
    s.abtest.control = 'A';
    s.abtest.confidence = 0.99;
    expect(buildRequest(s, COLUMNS)).toEqual({
      ok: true,
      value: {
        metric: 'abtest',
        from: 'results',
        options: { variant: 'arm', outcome: 'converted', control: 'A', confidence: 0.99 },
      },
    });
  });

  it('without an events table it asks for one first', () => {
    expect(buildRequest(defaultState(), COLUMNS)).toEqual({
      ok: false,
      error: 'Pick the table with the events.',
    });
  });
});

describe('the state across reloads and the default tables', () => {
  it('keeps the builder in storage and merges an older saved state over the defaults', () => {
    const storage = new MemoryStorage();
    const s = state((x) => {
      x.metric = 'retention';
      x.retention.period = 'day';
    });
    saveState(storage, s);
    expect(loadState(storage)).toEqual(s);
    storage.setItem(
      'sightline.metrics.state',
      JSON.stringify({ metric: 'active', funnel: { window: '2w' } }),
    );
    const merged = loadState(storage);
    expect(merged.metric).toBe('active');
    expect(merged.funnel.window).toBe('2w');
    expect(merged.funnel.order).toBe('ordered');
    storage.setItem('sightline.metrics.state', '{not json');
    expect(loadState(storage)).toEqual(defaultState());
  });

  it('picks the table that looks like events and the one that looks like assignments', () => {
    const ts = { name: 'ts', type: 'TIMESTAMP' };
    const catalog: Catalog = {
      connections: [],
      files: [],
      tables: [
        { table: 'users', rows: 3, columns: [{ name: 'user_id', type: 'VARCHAR' }, ts] },
        { table: 'assign', rows: 3, columns: [{ name: 'variant', type: 'VARCHAR' }, ts] },
        { table: 'clicks', rows: 3, columns: [{ name: 'action', type: 'VARCHAR' }, ts] },
        { table: 'events', rows: 3, columns: [{ name: 'event', type: 'VARCHAR' }, ts] },
      ],
    };
    expect(guessEventTable(catalog)).toBe('events');
    expect(guessEventTable({ ...catalog, tables: catalog.tables.slice(0, 3) })).toBe('clicks');
    expect(guessEventTable({ ...catalog, tables: catalog.tables.slice(0, 1) })).toBe('');
    expect(guessAssignmentTable(catalog)).toBe('assign');
    expect(guessEventTable(null)).toBe('');
  });
});
