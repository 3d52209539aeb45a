import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '@sightline/sql';
import { appendIntegerTable } from './append.js';
import { EventBuffer, NONE } from './event-buffer.js';
import type { AssignmentRow, SubscriptionRow } from './simulation.js';
import type { SampleUser } from './users.js';

/** Names of the temporary tables the generator fills before it builds the visible ones. */
export const STAGING = {
  users: '_sightline_sample_users',
  events: '_sightline_sample_events',
  subscriptions: '_sightline_sample_subscriptions',
  assignments: '_sightline_sample_assignments',
} as const;

/** The simulation's output, ready to be staged. */
export interface SimulatedData {
  users: readonly SampleUser[];
  finalPlans: readonly number[];
  events: EventBuffer;
  subscriptions: readonly SubscriptionRow[];
  assignments: readonly AssignmentRow[];
}

/** Appends the simulated codes into temporary tables (visible only to this connection). */
export async function stageSimulation(conn: DuckDBConnection, data: SimulatedData): Promise<void> {
  const { users, events, subscriptions: subs, assignments } = data;
  await appendIntegerTable(
    conn,
    STAGING.users,
    ['idx', 'signup_t', 'country', 'device', 'channel', 'company_size', 'plan'],
    [
      { values: users.map((u) => u.idx) },
      { values: users.map((u) => u.signupT) },
      { values: users.map((u) => u.country) },
      { values: users.map((u) => u.device) },
      { values: users.map((u) => u.channel) },
      { values: users.map((u) => u.companySize) },
      { values: data.finalPlans },
    ],
    users.length,
  );
  const seq = Int32Array.from({ length: events.length }, (_, i) => i);
  await appendIntegerTable(
    conn,
    STAGING.events,
    ['seq', ...EventBuffer.columns],
    [{ values: seq }, ...EventBuffer.columns.map((c) => ({ values: events.column(c), noneIs: NONE }))],
    events.length,
  );
  await appendIntegerTable(
    conn,
    STAGING.subscriptions,
    ['seq', 'user', 'plan', 'annual', 'start_t', 'end_t', 'mrr_cents'],
    [
      { values: subs.map((_, i) => i) },
      { values: subs.map((s) => s.user) },
      { values: subs.map((s) => s.plan) },
      { values: subs.map((s) => (s.annual ? 1 : 0)) },
      { values: subs.map((s) => s.startT) },
      { values: subs.map((s) => s.endT) },
      { values: subs.map((s) => s.mrrCents) },
    ],
    subs.length,
  );
  await appendIntegerTable(
    conn,
    STAGING.assignments,
    ['seq', 'user', 'variant', 't'],
    [
      { values: assignments.map((_, i) => i) },
      { values: assignments.map((a) => a.user) },
      { values: assignments.map((a) => a.variant) },
      { values: assignments.map((a) => a.t) },
    ],
    assignments.length,
  );
}

/** Drops the temporary tables. */
export async function dropStaging(conn: DuckDBConnection): Promise<void> {
  for (const table of Object.values(STAGING))
    await conn.run(`DROP TABLE IF EXISTS temp.main.${quoteIdent(table)}`);
}
