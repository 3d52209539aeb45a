import type { SampleClock } from './clock.js';
import type { EventBuffer } from './event-buffer.js';
import type { ExperimentAllocator } from './experiment.js';

/** A subscription period; times are seconds since the window start, `endT` null while it runs. */
export interface SubscriptionRow {
  user: number;
  plan: number;
  annual: boolean;
  startT: number;
  endT: number | null;
  mrrCents: number;
}

/** A user entering the experiment. */
export interface AssignmentRow {
  user: number;
  variant: number;
  t: number;
}

/** Everything the per-user simulations write to, shared across users and processed in signup order. */
export interface SimulationState {
  clock: SampleClock;
  events: EventBuffer;
  subscriptions: SubscriptionRow[];
  assignments: AssignmentRow[];
  allocator: ExperimentAllocator;
  /** Plan of each user at the end of the window, by user index. */
  finalPlans: number[];
  counters: { session: number; project: number };
}
