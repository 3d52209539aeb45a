import { describe, expect, test } from 'vitest';
import { FunnelSpecSchema, parseExclusion } from './schema.js';

const base = {
  version: 1,
  metric: 'funnel',
  events: { source: { table: 'ev' }, actor: 'user_id', event: 'event', time: 'ts' },
  steps: [{ event: 'signup' }, { event: 'purchase' }],
};
const issues = (input: object) => {
  const r = FunnelSpecSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('FunnelSpecSchema', () => {
  test('every option has its metrics.md default', () => {
    const spec = FunnelSpecSchema.parse(base);
    expect(spec).toEqual({
      ...base,
      events: { ...base.events, timeKind: 'timestamp' },
      steps: [
        { event: 'signup', filters: [] },
        { event: 'purchase', filters: [] },
      ],
      window: '14d',
      tz: 'UTC',
      order: 'ordered',
      anchor: 'any_entry',
      exclusions: [],
    });
  });
  test('2 to 20 steps', () => {
    expect(issues({ ...base, steps: [{ event: 'a' }] })).toEqual(['a funnel needs at least 2 steps']);
    expect(issues({ ...base, steps: Array.from({ length: 21 }, () => ({ event: 'a' })) })).toEqual([
      'a funnel has at most 20 steps',
    ]);
  });
  test('a window must be a duration', () => {
    expect(issues({ ...base, window: 'soon' })).toEqual([
      '"soon" is not a window: write a number with a unit, e.g. 30m, 12h, 14d or 2w (or a number of seconds)',
    ]);
  });
  test('exclusions need 1 <= FROM < TO <= n and an order', () => {
    expect(issues({ ...base, exclusions: [{ event: 'x', from: 2, to: 3 }] })).toEqual([
      'exclusion x:2:3 needs 1 <= FROM < TO <= 2 (steps are numbered from 1)',
    ]);
    expect(issues({ ...base, order: 'any', exclusions: [{ event: 'x', from: 1, to: 2 }] })).toEqual([
      'exclusions need an order of steps: use order ordered or strict, or drop the exclusions',
    ]);
  });
  test('no breakdown with order any', () => {
    expect(issues({ ...base, order: 'any', breakdown: 'country' })).toEqual([
      'a breakdown needs a first step: use order ordered or strict, or drop the breakdown',
    ]);
  });
  test('unknown options are refused', () => {
    expect(FunnelSpecSchema.safeParse({ ...base, windw: '1d' }).success).toBe(false);
  });
});

describe('parseExclusion', () => {
  test('EVENT:FROM:TO, the event may contain colons', () => {
    expect(parseExclusion('logout:1:3')).toEqual({
      ok: true,
      value: { event: 'logout', filters: [], from: 1, to: 3 },
    });
    expect(parseExclusion('page:view:2:3')).toEqual({
      ok: true,
      value: { event: 'page:view', filters: [], from: 2, to: 3 },
    });
  });
  test('anything else says how to write one', () => {
    expect(parseExclusion('logout')).toEqual({
      ok: false,
      error: '"logout" is not an exclusion: write EVENT:FROM:TO, e.g. logout:1:3 (steps are numbered from 1)',
    });
  });
});
