import type { Catalog, Column } from '../api/types.js';

/** The metrics of the area, in the order the picker shows them. */
export const METRICS = [
  { id: 'funnel', label: 'Funnel', title: 'How many users go from one step to the next' },
  { id: 'retention', label: 'Retention', title: 'How many users come back, week after week' },
  { id: 'active', label: 'Active users', title: 'Daily, weekly and monthly active users, stickiness' },
  { id: 'abtest', label: 'A/B test', title: 'Did a variant convert better than the control?' },
] as const;

/** One metric's id. */
export type MetricKind = (typeof METRICS)[number]['id'];

/** Comparison operators of a property filter (as in the spec), with the words the UI shows. */
export const FILTER_OPS = [
  ['=', 'is'],
  ['!=', 'is not'],
  ['in', 'is one of'],
  ['not_in', 'is none of'],
  ['contains', 'contains'],
  ['>', '>'],
  ['>=', '>='],
  ['<', '<'],
  ['<=', '<='],
  ['is_null', 'is empty'],
  ['is_not_null', 'is set'],
] as const;

/** A filter operator. */
export type FilterOp = (typeof FILTER_OPS)[number][0];

/** A property filter as edited: the value is text (a list is comma-separated) until the request is built. */
export interface FilterState {
  column: string;
  op: FilterOp;
  value: string;
}

/** An event name plus property filters (a funnel step, the retention start, the A/B goal). */
export interface EventState {
  event: string;
  filters: FilterState[];
}

/** Where the events are and which columns play which role ('' = detected by the server). */
export interface SourceState {
  from: string;
  on: string;
  actorCol: string;
  eventCol: string;
  timeCol: string;
}

/** The funnel builder (metrics.md section 1). */
export interface FunnelState {
  steps: EventState[];
  window: string;
  order: 'ordered' | 'strict' | 'any';
  anchor: 'any_entry' | 'first_entry';
  exclusions: { event: string; from: number; to: number }[];
  breakdown: string;
}

/** The retention builder (metrics.md section 2). */
export interface RetentionState {
  start: EventState;
  /** `returnAny`: any event counts as coming back. */
  returnAny: boolean;
  ret: EventState;
  period: 'day' | 'week' | 'month';
  periods: number;
  cohort: 'first_time' | 'recurring';
  criterion: 'on' | 'on_or_after';
}

/** The active-users builder (metrics.md section 3); an empty event means any event. */
export interface ActiveState {
  event: EventState;
  histogram: 'week' | 'month';
}

/** The A/B builder (metrics.md section 4): assignments plus a goal event, or one row per user. */
export interface AbTestState {
  mode: 'events' | 'table';
  assignments: string;
  goal: EventState;
  window: string;
  /** The per-user table and its columns (mode `table`). */
  table: string;
  variantCol: string;
  outcomeCol: string;
  control: string;
  confidence: number;
}

/** Everything the area keeps across reloads. */
export interface MetricsState {
  metric: MetricKind;
  source: SourceState;
  since: string;
  until: string;
  tz: string;
  funnel: FunnelState;
  retention: RetentionState;
  active: ActiveState;
  abtest: AbTestState;
}

const KEY = 'sightline.metrics.state';

/** An event with no filters. */
export function eventState(event = ''): EventState {
  return { event, filters: [] };
}

/** The builder's starting state: nothing picked yet, every option at its metrics.md default. */
export function defaultState(): MetricsState {
  return {
    metric: 'funnel',
    source: { from: '', on: '', actorCol: '', eventCol: '', timeCol: '' },
    since: '',
    until: '',
    tz: 'UTC',
    funnel: {
      steps: [eventState(), eventState()],
      window: '14d',
      order: 'ordered',
      anchor: 'any_entry',
      exclusions: [],
      breakdown: '',
    },
    retention: {
      start: eventState(),
      returnAny: true,
      ret: eventState(),
      period: 'week',
      periods: 8,
      cohort: 'first_time',
      criterion: 'on',
    },
    active: { event: eventState(), histogram: 'week' },
    abtest: {
      mode: 'events',
      assignments: '',
      goal: eventState(),
      window: '',
      table: '',
      variantCol: '',
      outcomeCol: '',
      control: '',
      confidence: 0.95,
    },
  };
}

/** The saved state (merged over the defaults, so a state saved by an older version still loads). */
export function loadState(storage: Storage): MetricsState {
  const base = defaultState();
  try {
    const saved = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<MetricsState> | null;
    if (!saved || typeof saved !== 'object') return base;
    return {
      ...base,
      ...saved,
      source: { ...base.source, ...saved.source },
      funnel: { ...base.funnel, ...saved.funnel },
      retention: { ...base.retention, ...saved.retention },
      active: { ...base.active, ...saved.active },
      abtest: { ...base.abtest, ...saved.abtest },
    };
  } catch {
    return base;
  }
}

/** Keeps the builder state for the next visit. */
export function saveState(storage: Storage, state: MetricsState): void {
  storage.setItem(KEY, JSON.stringify(state));
}

const EVENT_COLUMN = /^(event|event_name|event_type|action|name|type|activity)$/i;
const VARIANT_COLUMN = /^(variant|variation|arm|group|bucket|treatment)$/i;

/** The catalog's table that looks most like events: named `events`, else one with an event-like and a time column. */
export function guessEventTable(catalog: Catalog | null): string {
  const tables = catalog?.tables ?? [];
  const looksLike = (cols: Column[]) =>
    cols.some((c) => EVENT_COLUMN.test(c.name)) && cols.some((c) => /^(TIMESTAMP|DATE)/i.test(c.type));
  const named = tables.find((t) => /^(events?|event_log|tracks?)$/i.test(t.table) && looksLike(t.columns));
  return (named ?? tables.find((t) => looksLike(t.columns)))?.table ?? '';
}

/** The catalog's table that looks like experiment assignments (a variant column and a time column). */
export function guessAssignmentTable(catalog: Catalog | null): string {
  const t = (catalog?.tables ?? []).find(
    (x) =>
      x.columns.some((c) => VARIANT_COLUMN.test(c.name)) &&
      x.columns.some((c) => /^(TIMESTAMP|DATE)/i.test(c.type)),
  );
  return t?.table ?? '';
}

/** The body of `POST /api/metrics` (docs/server.md "Product metrics"). */
export interface MetricBody {
  metric: MetricKind;
  from: string;
  on?: string;
  actorCol?: string;
  eventCol?: string;
  timeCol?: string;
  since?: string;
  until?: string;
  tz?: string;
  assignments?: { from: string };
  options: Record<string, unknown>;
}

/** Either the request or a plain sentence saying what is still missing. */
export type Built = { ok: true; value: MetricBody } | { ok: false; error: string };

const NUMERIC = /^(U?(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT)|FLOAT|DOUBLE|REAL|DECIMAL|NUMERIC)/i;

/** A filter's text value as the column's type wants it (numbers for numeric columns, true/false for booleans). */
function filterValue(text: string, type: string | undefined): string | number | boolean {
  const t = text.trim();
  if (type && NUMERIC.test(type) && t !== '' && Number.isFinite(Number(t))) return Number(t);
  if (type && /^BOOL/i.test(type) && (t === 'true' || t === 'false')) return t === 'true';
  return t;
}

/** The spec form of an event match; filters without a column are left out. */
export function eventMatch(e: EventState, columns: Column[]): Record<string, unknown> {
  const typeOf = (name: string) => columns.find((c) => c.name === name)?.type;
  const filters = e.filters
    .filter((f) => f.column !== '')
    .map((f) => {
      if (f.op === 'is_null' || f.op === 'is_not_null') return { column: f.column, op: f.op };
      if (f.op === 'in' || f.op === 'not_in') {
        const list = f.value
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== '')
          .map((v) => filterValue(v, typeOf(f.column)));
        return { column: f.column, op: f.op, value: list };
      }
      return { column: f.column, op: f.op, value: filterValue(f.value, typeOf(f.column)) };
    });
  return filters.length ? { event: e.event, filters } : { event: e.event };
}

/** A filter that still needs a value (the spec would refuse it), described for people. */
function missingFilterValue(e: EventState, where: string): string | null {
  const f = e.filters.find(
    (x) => x.column !== '' && x.op !== 'is_null' && x.op !== 'is_not_null' && x.value.trim() === '',
  );
  return f ? `The filter on "${f.column}" of ${where} needs a value.` : null;
}

/**
 * The request the builder state stands for, or what is missing. `columns` are the event table's (to type filter
 * values). Roles left empty are detected by the server.
 */
export function buildRequest(state: MetricsState, columns: Column[]): Built {
  const { source } = state;
  const common: Omit<MetricBody, 'metric' | 'options'> = {
    from: source.from,
    ...(source.on ? { on: source.on } : {}),
  };
  const roles = {
    ...(source.actorCol ? { actorCol: source.actorCol } : {}),
    ...(source.eventCol ? { eventCol: source.eventCol } : {}),
    ...(source.timeCol ? { timeCol: source.timeCol } : {}),
  };
  const range = {
    ...(state.since ? { since: state.since } : {}),
    ...(state.until ? { until: state.until } : {}),
    ...(state.tz && state.tz !== 'UTC' ? { tz: state.tz } : {}),
  };
  const fail = (error: string): Built => ({ ok: false, error });
  if (state.metric === 'abtest' && state.abtest.mode === 'table') {
    const a = state.abtest;
    if (!a.table) return fail('Pick the table with one row per user.');
    if (!a.variantCol || !a.outcomeCol) return fail('Pick the variant column and the metric column.');
    return {
      ok: true,
      value: {
        metric: 'abtest',
        from: a.table,
        ...(source.on ? { on: source.on } : {}),
        options: {
          variant: a.variantCol,
          outcome: a.outcomeCol,
          ...(a.control ? { control: a.control } : {}),
          confidence: a.confidence,
        },
      },
    };
  }
  if (!source.from) return fail('Pick the table with the events.');
  if (state.metric === 'funnel') {
    const f = state.funnel;
    const empty = f.steps.findIndex((s) => s.event === '');
    if (empty >= 0) return fail(`Pick the event of step ${empty + 1}.`);
    for (const [i, s] of f.steps.entries()) {
      const missing = missingFilterValue(s, `step ${i + 1}`);
      if (missing) return fail(missing);
    }
    const exclusions = f.exclusions.filter((x) => x.event !== '');
    return {
      ok: true,
      value: {
        metric: 'funnel',
        ...common,
        ...roles,
        ...range,
        options: {
          steps: f.steps.map((s) => eventMatch(s, columns)),
          window: f.window.trim() || '14d',
          order: f.order,
          anchor: f.anchor,
          ...(exclusions.length ? { exclusions } : {}),
          ...(f.breakdown ? { breakdown: f.breakdown } : {}),
        },
      },
    };
  }
  if (state.metric === 'retention') {
    const r = state.retention;
    if (!r.start.event) return fail('Pick the event that starts a cohort (e.g. signup).');
    if (!r.returnAny && !r.ret.event)
      return fail('Pick the event that counts as coming back, or "any event".');
    const missing =
      missingFilterValue(r.start, 'the start event') ?? missingFilterValue(r.ret, 'the return event');
    if (missing) return fail(missing);
    return {
      ok: true,
      value: {
        metric: 'retention',
        ...common,
        ...roles,
        ...range,
        options: {
          start: eventMatch(r.start, columns),
          return: r.returnAny ? 'any' : eventMatch(r.ret, columns),
          period: r.period,
          periods: r.periods,
          cohort: r.cohort,
          criterion: r.criterion,
        },
      },
    };
  }
  if (state.metric === 'active') {
    const a = state.active;
    return {
      ok: true,
      value: {
        metric: 'active',
        ...common,
        ...roles,
        ...range,
        options: {
          ...(a.event.event ? { event: eventMatch(a.event, columns) } : {}),
          histogram: a.histogram,
        },
      },
    };
  }
  const a = state.abtest;
  if (!a.assignments) return fail('Pick the table that says which variant each user saw.');
  if (!a.goal.event) return fail('Pick the goal event (what counts as converting).');
  return {
    ok: true,
    value: {
      metric: 'abtest',
      ...common,
      ...roles,
      assignments: { from: a.assignments },
      options: {
        goal: eventMatch(a.goal, columns),
        ...(a.window.trim() ? { window: a.window.trim() } : {}),
        ...(a.control ? { control: a.control } : {}),
        confidence: a.confidence,
      },
    },
  };
}
