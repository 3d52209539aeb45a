import type { ColumnInfo } from '../types.js';

/** How a time column is stored (mirrors `TimeKind` of @sightline/spec). */
export type DetectedTimeKind = 'timestamp' | 'timestamptz' | 'epoch_s' | 'epoch_ms' | 'text';

/** The column roles of an event table and why each was chosen, so the UI and CLI can show (and override) them. */
export interface Roles {
  actor: string;
  event: string;
  time: string;
  timeKind: DetectedTimeKind;
  /** One plain sentence per role saying how it was picked ("user_id: named like a user id"). */
  reasons: string[];
}

const ACTOR_NAMES = [
  'user_id',
  'userid',
  'distinct_id',
  'actor_id',
  'actor',
  'person_id',
  'account_id',
  'customer_id',
  'member_id',
  'visitor_id',
  'anonymous_id',
  'device_id',
  'uid',
  'user',
  'client_id',
];
const EVENT_NAMES = ['event', 'event_name', 'event_type', 'action', 'name', 'type', 'activity'];
const TIME_NAMES = [
  'ts',
  'timestamp',
  'event_time',
  'event_timestamp',
  'time',
  'occurred_at',
  'created_at',
  'datetime',
  'at',
  'date',
];

const TEXT = /^(VARCHAR|TEXT|CHARACTER VARYING|STRING|CHAR)/i;
const INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UBIGINT|UINTEGER|INT\d?)$/i;
const NUMBER = /^(DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC|DOUBLE PRECISION)/i;
const TIMESTAMPTZ = /^(TIMESTAMP WITH TIME ZONE|TIMESTAMPTZ)$/i;
const TIMESTAMP = /^(TIMESTAMP|TIMESTAMP WITHOUT TIME ZONE|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|DATETIME)$/i;

function norm(name: string): string {
  return name.toLowerCase().replace(/[\s-]+/g, '_');
}

function pick(
  columns: ColumnInfo[],
  names: string[],
  accept: (c: ColumnInfo) => boolean,
  taken: Set<string>,
): ColumnInfo | undefined {
  for (const wanted of names) {
    const found = columns.find((c) => !taken.has(c.name) && norm(c.name) === wanted && accept(c));
    if (found) return found;
  }
  return undefined;
}

/**
 * Guesses the actor, event and time columns from names and types; `given` wins where set. Returns an error
 * sentence naming the role it could not find and the columns there are. `epoch` tells whether an integer time
 * column holds seconds or milliseconds (the caller measures it; see `epochKindOf`).
 */
export function guessRoles(
  columns: ColumnInfo[],
  given: { actor?: string; event?: string; time?: string } = {},
):
  | { ok: true; value: Omit<Roles, 'timeKind'> & { timeType: string } }
  | { ok: false; error: string; hint: string } {
  const reasons: string[] = [];
  const taken = new Set<string>();
  const byName = (name: string) => columns.find((c) => c.name === name);
  const choose = (
    role: 'actor' | 'event' | 'time',
    names: string[],
    accept: (c: ColumnInfo) => boolean,
    what: string,
  ): ColumnInfo | string => {
    const wanted = given[role];
    if (wanted !== undefined) {
      const c = byName(wanted);
      if (!c) return `There is no column "${wanted}" to use as the ${role} column.`;
      reasons.push(`${role}: "${c.name}" (you chose it)`);
      taken.add(c.name);
      return c;
    }
    const exact = pick(columns, names, accept, taken);
    const c = exact ?? fuzzy(columns, role, accept, taken);
    if (!c) return `Couldn't tell which column holds ${what}.`;
    reasons.push(`${role}: "${c.name}" (${exact ? 'its name' : 'its name and type'} suggests ${what})`);
    taken.add(c.name);
    return c;
  };
  const time = choose('time', TIME_NAMES, (c) => isTimeLike(c.type), 'the event time');
  const event = choose('event', EVENT_NAMES, (c) => TEXT.test(c.type), 'the event name');
  const actor = choose(
    'actor',
    ACTOR_NAMES,
    (c) => !/[[(]|STRUCT|MAP|LIST/i.test(c.type),
    'the user (actor) id',
  );
  const failures = (
    [
      ['time', time],
      ['event', event],
      ['actor', actor],
    ] as const
  ).filter((f): f is readonly ['time' | 'event' | 'actor', string] => typeof f[1] === 'string');
  // A column the user named but that doesn't exist is the mistake to show first.
  const failure = failures.find(([role]) => given[role] !== undefined) ?? failures[0];
  if (failure) {
    const [role, error] = failure;
    return {
      ok: false,
      error,
      hint: `Name it with --${role}-col COLUMN. Columns: ${columns.map((c) => `${c.name} (${c.type})`).join(', ')}.`,
    };
  }
  const t = time as ColumnInfo;
  return {
    ok: true,
    value: {
      actor: (actor as ColumnInfo).name,
      event: (event as ColumnInfo).name,
      time: t.name,
      timeType: t.type,
      reasons,
    },
  };
}

function fuzzy(
  columns: ColumnInfo[],
  role: 'actor' | 'event' | 'time',
  accept: (c: ColumnInfo) => boolean,
  taken: Set<string>,
): ColumnInfo | undefined {
  const pattern = {
    actor: /(user|actor|person|account|customer|visitor)_?id$/,
    event: /event/,
    time: /(time|_at$|date|^ts)/,
  }[role];
  if (role === 'time') {
    const typed = columns.find(
      (c) => !taken.has(c.name) && (TIMESTAMP.test(c.type) || TIMESTAMPTZ.test(c.type)),
    );
    if (typed) return typed;
  }
  return columns.find((c) => !taken.has(c.name) && pattern.test(norm(c.name)) && accept(c));
}

function isTimeLike(type: string): boolean {
  return (
    TIMESTAMP.test(type) ||
    TIMESTAMPTZ.test(type) ||
    /^DATE$/i.test(type) ||
    INTEGER.test(type) ||
    NUMBER.test(type) ||
    TEXT.test(type)
  );
}

/**
 * The time kind from the column type; for numbers, from the magnitude of the largest absolute value (epoch
 * milliseconds are above 1e11 for any date after 1973; seconds are below that until the year 5138).
 */
export function timeKindOf(type: string, maxAbs: number | null): DetectedTimeKind {
  if (TIMESTAMPTZ.test(type)) return 'timestamptz';
  if (TIMESTAMP.test(type)) return 'timestamp';
  if (INTEGER.test(type) || NUMBER.test(type))
    return maxAbs !== null && maxAbs > 1e11 ? 'epoch_ms' : 'epoch_s';
  return 'text';
}

/** True when the type needs the magnitude check of `timeKindOf`. */
export function isNumericTime(type: string): boolean {
  return INTEGER.test(type) || NUMBER.test(type);
}
