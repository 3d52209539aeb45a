import type { AbTestResult, ActiveResult, FunnelResult, RetentionResult } from '@sightline/spec';

/** `POST /api/metrics`: the result with the options in force, the counts, warnings, SQL and how roles were picked. */
export interface MetricAnswer<R = Record<string, unknown>> {
  options: Record<string, unknown>;
  result: R;
  stats: Record<string, unknown>;
  warnings: string[];
  sql: string;
  roles: string[];
  /** Read from the workbench's copy of the table ordered by actor (same rows, faster; docs/metrics.md). */
  readFromCopy?: boolean;
  elapsedMs: number;
}

/** The answer of each metric. */
export type FunnelAnswer = MetricAnswer<FunnelResult>;
/** The answer of a retention table. */
export type RetentionAnswer = MetricAnswer<RetentionResult>;
/** The answer of active users. */
export type ActiveAnswer = MetricAnswer<ActiveResult>;
/** The answer of an A/B test. */
export type AbTestAnswer = MetricAnswer<AbTestResult>;

/** `POST /api/metrics/source`: the table's columns, the detected roles and the event names with row counts. */
export interface EventSourceInfo {
  from: string;
  columns: { name: string; type: string }[];
  roles: { actor: string; event: string; time: string; timeKind: string; reasons: string[] };
  events: { name: string; count: number }[];
}

/** `POST /api/explain`: a clause-by-clause explanation of a query. */
export interface ExplainAnswer {
  ok: boolean;
  steps?: { clause: string; text: string }[];
  /** Why it could not be explained (when `ok` is false). */
  reason?: string;
}
