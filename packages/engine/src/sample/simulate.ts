import { SampleClock } from './clock.js';
import { EventBuffer } from './event-buffer.js';
import { ExperimentAllocator } from './experiment.js';
import { Rng } from './prng.js';
import type { SimulatedData } from './staging.js';
import { UserLife } from './user-life.js';
import { generateUsers } from './users.js';
import { simulateVisitors } from './visitors.js';

/** Users at scale 1. */
export const FULL_SIZE_USERS = 20_000;
/** Visitors who never sign up, per user. */
const VISITORS_PER_USER = 0.5;

// Separate random streams per part of the generator; user lives take streams from USER_STREAMS upward.
const STREAM = { users: 1, allocator: 2, visitors: 3, accessLog: 4, appLog: 5 } as const;
const USER_STREAMS = 1_000;

/** Random streams for the parts of the generator that are not per user. */
export function streamFor(seed: number, part: keyof typeof STREAM): Rng {
  return new Rng(seed, STREAM[part]);
}

/** Runs the whole simulation in memory: users, their events, subscriptions and experiment assignments. */
export function simulateSample(
  seed: number,
  scale: number,
  now: Date,
): SimulatedData & { clock: SampleClock } {
  const clock = new SampleClock(now);
  const count = Math.max(20, Math.round(FULL_SIZE_USERS * scale));
  const users = generateUsers(streamFor(seed, 'users'), clock, count);
  const state = {
    clock,
    events: new EventBuffer(Math.max(1 << 12, Math.round(count * 64))),
    subscriptions: [],
    assignments: [],
    allocator: new ExperimentAllocator(streamFor(seed, 'allocator')),
    finalPlans: new Array<number>(count).fill(0),
    counters: { session: 0, project: 0 },
  };
  for (const user of users) new UserLife(state, new Rng(seed, USER_STREAMS + user.idx), user).run();
  simulateVisitors(state, streamFor(seed, 'visitors'), Math.round(count * VISITORS_PER_USER), count);
  return { users, ...state };
}
