import type { MetricAnswer } from './answers.js';
/** The benchmark tasks, in the order they run. `import` loads the CSV; the others query prepared tables. */
export const TASKS = ['import', 'group_by', 'join', 'funnel', 'retention'] as const;
export type TaskName = (typeof TASKS)[number];

/**
 * The SQL of each query task: the floor runs it directly on DuckDB; Sightline runs the same text through
 * `workspace.engine.query` (for `funnel` and `retention`, through the metric API once there is one).
 * The funnel is signup -> project_created -> invite_sent within 14 days of the first signup (first entry);
 * retention counts, per weekly signup cohort, users active in each of the 8 following weeks.
 */
export const QUERY_SQL: Record<Exclude<TaskName, 'import'>, string> = {
  group_by: `SELECT CAST(ts AS DATE) AS day, event, count(*) AS events
FROM events GROUP BY ALL ORDER BY day, event`,
  join: `SELECT u.country, u.plan, count(*) AS events, count(e.revenue_usd) AS paid_events
FROM events e JOIN users u ON u.user_id = e.user_id GROUP BY ALL ORDER BY ALL`,
  funnel: `WITH s AS (
  SELECT user_id, min(ts) AS t1 FROM events WHERE event = 'signup' AND user_id IS NOT NULL GROUP BY 1
), p AS (
  SELECT s.user_id, s.t1, min(e.ts) AS t2 FROM s JOIN events e
    ON e.user_id = s.user_id AND e.event = 'project_created' AND e.ts >= s.t1 AND e.ts <= s.t1 + INTERVAL 14 DAY
  GROUP BY 1, 2
), i AS (
  SELECT p.user_id FROM p JOIN events e
    ON e.user_id = p.user_id AND e.event = 'invite_sent' AND e.ts >= p.t2 AND e.ts <= p.t1 + INTERVAL 14 DAY
  GROUP BY 1
)
SELECT (SELECT count(*) FROM s) AS signup, (SELECT count(*) FROM p) AS project_created,
       (SELECT count(*) FROM i) AS invite_sent`,
  retention: `WITH c AS (
  SELECT user_id, date_trunc('week', min(ts)) AS cohort FROM events
  WHERE event = 'signup' AND user_id IS NOT NULL GROUP BY 1
), a AS (
  SELECT DISTINCT user_id, date_trunc('week', ts) AS week FROM events WHERE user_id IS NOT NULL
)
SELECT c.cohort, datediff('week', c.cohort, a.week) AS k, count(*) AS users
FROM c JOIN a ON a.user_id = c.user_id AND a.week >= c.cohort AND a.week <= c.cohort + INTERVAL 8 WEEK
GROUP BY ALL ORDER BY ALL`,
};

/** Which side runs a measurement. */
export type Side = 'sightline' | 'floor' | 'pandas';

/** One measurement request handed to a child process. */
export interface WorkerJob {
  side: Exclude<Side, 'pandas'>;
  task: TaskName;
  eventsCsv: string;
  usersCsv: string;
  /** Prepared workspace for query tasks. */
  workspaceDir: string;
  /** An empty folder the import task may create its database in. */
  scratchDir: string;
}

/** What a child process reports on its last stdout line. */
export type WorkerReport =
  | {
      status: 'ok';
      ms: number;
      warmMs: number | null;
      copyBuildMs?: number;
      copyWarmMs?: number;
      maxRssMb: number;
      resultRows: number;
      answer?: MetricAnswer;
    }
  | { status: 'unavailable' | 'failed'; note: string };
