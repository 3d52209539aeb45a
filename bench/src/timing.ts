/** How long one measured piece of work took inside a child process. */
export interface Timing {
  /** First run in a fresh process (cold process and engine; the OS file cache is warm). */
  ms: number;
  /** Second run in the same process, when the task can repeat. */
  warmMs: number | null;
  /** Rows of the result (or of the imported table), to check both sides did the same work. */
  resultRows: number;
}

/** A runner that cannot run yet, e.g. because the Sightline API it needs is not committed. */
export class Unavailable extends Error {}
