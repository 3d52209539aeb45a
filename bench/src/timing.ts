import type { MetricAnswer } from './answers.js';
import { median } from './stats.js';

/** How long one measured piece of work took inside a child process. */
export interface Timing {
  /** First run in a fresh process (cold process and engine; the OS file cache is warm). */
  ms: number;
  /** Median of the next WARM_RUNS runs in the same process, when the task can repeat. */
  warmMs: number | null;
  /** A metric: how long the workbench took to make the table's actor-ordered copy (ActorOrderedCopies). */
  copyBuildMs?: number;
  /** A metric: median of WARM_RUNS runs reading that copy (the workbench's repeat metrics on a large table). */
  copyWarmMs?: number;
  /** Rows of the result (or of the imported table; for a metric, the users it counts), to check both sides did the same work. */
  resultRows: number;
  /** A metric's numbers, checked against pandas'. */
  answer?: MetricAnswer;
}

/** Warm runs after the first, per process: their median damps this machine's run-to-run noise. */
export const WARM_RUNS = 3;

/** Runs `once` WARM_RUNS more times and gives the median of their times. */
export async function warmMs(once: () => Promise<{ ms: number }>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) times.push((await once()).ms);
  return median(times) ?? Number.NaN;
}

/** A runner that cannot run yet, e.g. because the Sightline API it needs is not committed. */
export class Unavailable extends Error {}
