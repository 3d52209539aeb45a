import type { MetricInput } from '@sightline/engine';

const EVENTS = {
  source: { schema: 'main', table: 'events' },
  actor: 'user_id',
  event: 'event',
  time: 'ts',
  timeKind: 'timestamp',
};

/**
 * The metric tasks, with the definitions pandas implements (bench/python/pandas_worker.py): a first-entry funnel
 * signup -> project_created -> invite_sent in 14 days (greedy chains are exact there: each step is a different
 * event) and weekly first-time retention of any return over 8 periods. Sightline runs them through its metric API;
 * the floor runs the same generated SQL straight through node-api.
 */
export const METRIC_INPUT: Partial<Record<string, MetricInput>> = {
  funnel: {
    version: 1,
    metric: 'funnel',
    events: EVENTS,
    steps: [{ event: 'signup' }, { event: 'project_created' }, { event: 'invite_sent' }],
    window: '14d',
    anchor: 'first_entry',
  },
  retention: {
    version: 1,
    metric: 'retention',
    events: EVENTS,
    start: { event: 'signup' },
    return: 'any',
    period: 'week',
    periods: 8,
  },
};
