import { duckdbDialect, postgresDialect, select, table, toSql } from '@sightline/sql';
import { describe, expect, test } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';
import { actorPresent, eventTime, inRange, matchesEvent } from './event-sql.js';
import { EventTableSchema, PropertyFilterSchema, RangeSchema } from './event-table.js';

describe('durations', () => {
  test.each([
    ['30m', 1800],
    ['12h', 43_200],
    ['14d', 1_209_600],
    ['2w', 1_209_600],
    ['90', 90],
    [3600, 3600],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: seconds });
  });
  test('bad windows say how to write one', () => {
    expect(parseDuration('fortnight')).toEqual({
      ok: false,
      error:
        '"fortnight" is not a window: write a number with a unit, e.g. 30m, 12h, 14d or 2w (or a number of seconds)',
    });
    expect(parseDuration('0d').ok).toBe(false);
  });
  test('formatting uses the largest whole unit', () => {
    expect(formatDuration(1_209_600)).toBe('2w');
    expect(formatDuration(86_400)).toBe('1d');
    expect(formatDuration(90)).toBe('90s');
  });
});

describe('schemas', () => {
  test('an event table defaults to a timestamp time column', () => {
    expect(
      EventTableSchema.parse({ source: { table: 'events' }, actor: 'user_id', event: 'event', time: 'ts' })
        .timeKind,
    ).toBe('timestamp');
  });
  test('filters check their value shape', () => {
    expect(PropertyFilterSchema.safeParse({ column: 'plan', op: 'in', value: 'pro' }).success).toBe(false);
    expect(PropertyFilterSchema.safeParse({ column: 'plan', op: 'is_null', value: 1 }).success).toBe(false);
    expect(PropertyFilterSchema.safeParse({ column: 'plan', op: 'in', value: ['pro', 'team'] }).success).toBe(
      true,
    );
  });
  test('time zones and dates are validated', () => {
    expect(RangeSchema.safeParse({ tz: 'Mars/Olympus' }).success).toBe(false);
    expect(RangeSchema.safeParse({ since: '2026-3-1' }).success).toBe(false);
    expect(RangeSchema.parse({}).tz).toBe('UTC');
  });
});

describe('event SQL pieces', () => {
  const events = EventTableSchema.parse({
    source: { table: 'events' },
    actor: 'user id',
    event: 'event',
    time: 'ts',
    timeKind: 'epoch_ms',
  });
  const q = select({
    t: eventTime(events),
    ok: matchesEvent(events, {
      event: "O'Brien",
      filters: [
        { column: 'plan', op: 'in', value: ['pro', 'team'] },
        { column: 'path', op: 'contains', value: '50%_off' },
      ],
    }),
  })
    .from(table('events'))
    .where(actorPresent(events));
  test('duckdb text', () => {
    expect(toSql(q, duckdbDialect())).toContain(`"event" = 'O''Brien'`);
    expect(toSql(q, duckdbDialect())).toContain(`'%50\\%\\_off%'`);
  });
  test('postgres text', () => {
    expect(toSql(q, postgresDialect())).toContain(`"plan" IN ('pro', 'team')`);
  });
  test('range bounds are local midnight in the zone', () => {
    const where = inRange(eventTime(events), { since: '2026-03-01', tz: 'Europe/Berlin' });
    expect(where).not.toBeNull();
    expect(inRange(eventTime(events), { tz: 'UTC' })).toBeNull();
  });
});
