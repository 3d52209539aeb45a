import { describe, expect, test } from 'vitest';
import { guessRoles, timeKindOf } from './roles.js';

const col = (name: string, type: string) => ({ name, type });

describe('guessRoles', () => {
  test('the sample events table: user_id, event, ts', () => {
    const r = guessRoles([
      col('event_id', 'BIGINT'),
      col('user_id', 'VARCHAR'),
      col('event', 'VARCHAR'),
      col('ts', 'TIMESTAMP WITH TIME ZONE'),
      col('plan', 'VARCHAR'),
    ]);
    expect(r).toEqual({
      ok: true,
      value: {
        actor: 'user_id',
        event: 'event',
        time: 'ts',
        timeType: 'TIMESTAMP WITH TIME ZONE',
        reasons: [
          'time: "ts" (its name suggests the event time)',
          'event: "event" (its name suggests the event name)',
          'actor: "user_id" (its name suggests the user (actor) id)',
        ],
      },
    });
  });

  test('Mixpanel/Segment-style names and a typed time column found by type', () => {
    const r = guessRoles([
      col('distinct_id', 'VARCHAR'),
      col('event_name', 'VARCHAR'),
      col('happened', 'TIMESTAMP'),
    ]);
    expect(r.ok && [r.value.actor, r.value.event, r.value.time]).toEqual([
      'distinct_id',
      'event_name',
      'happened',
    ]);
  });

  test('the user choice wins, and an unknown column is named', () => {
    const cols = [col('who', 'VARCHAR'), col('what', 'VARCHAR'), col('when_ms', 'BIGINT')];
    const r = guessRoles(cols, { actor: 'who', event: 'what', time: 'when_ms' });
    expect(r.ok && r.value.reasons[0]).toBe('time: "when_ms" (you chose it)');
    expect(guessRoles(cols, { actor: 'whom' })).toMatchObject({
      ok: false,
      error: 'There is no column "whom" to use as the actor column.',
    });
  });

  test('when a role cannot be found the hint lists the columns', () => {
    expect(guessRoles([col('a', 'VARCHAR'), col('b', 'VARCHAR')])).toEqual({
      ok: false,
      error: "Couldn't tell which column holds the event time.",
      hint: 'Name it with --time-col COLUMN. Columns: a (VARCHAR), b (VARCHAR).',
    });
  });
});

test('time kinds: zoned, naive, epoch seconds vs milliseconds, text', () => {
  expect(timeKindOf('TIMESTAMP WITH TIME ZONE', null)).toBe('timestamptz');
  expect(timeKindOf('TIMESTAMP', null)).toBe('timestamp');
  expect(timeKindOf('BIGINT', 1_780_000_000)).toBe('epoch_s');
  expect(timeKindOf('BIGINT', 1_780_000_000_000)).toBe('epoch_ms');
  expect(timeKindOf('VARCHAR', null)).toBe('text');
});
