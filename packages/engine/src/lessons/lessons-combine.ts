import type { LessonDef } from './lesson-def.js';

/** Combining tables and steps: JOIN (and the fan-out trap), CTEs, window functions. */
export const COMBINE_LESSONS: LessonDef[] = [
  {
    id: 'joins',
    title: 'Combine tables: JOIN, and the fan-out trap',
    concept: [
      'JOIN puts rows of two tables side by side where a condition matches, usually the same id: users JOIN events ON events.user_id = users.user_id.',
      'The trap: one user has many events, so after the join each user appears once per matching event. count(*) then counts events, not people. This is called fan-out.',
      'Count people with count(DISTINCT users.user_id), or keep the join out of the count with WHERE user_id IN (SELECT ...).',
    ],
    goal: 'For each country (from users), how many users have created at least one project (event project_created)? Columns country and creators.',
    starter:
      "SELECT u.country, count(*) AS creators\nFROM users AS u\nJOIN events AS e ON e.user_id = u.user_id\nWHERE e.event = 'project_created'\nGROUP BY u.country",
    hints: [
      'Run the starter and compare creators with the number of users per country: can more people create projects than live there?',
      'A user with three projects is counted three times. Use count(DISTINCT u.user_id).',
    ],
    solution:
      "SELECT u.country, count(DISTINCT u.user_id) AS creators FROM users u JOIN events e ON e.user_id = u.user_id WHERE e.event = 'project_created' GROUP BY u.country",
    check: {
      columnHints: {
        creators:
          'did the join repeat each user once per project? Count people with count(DISTINCT u.user_id).',
      },
    },
  },
  {
    id: 'ctes',
    title: 'One step at a time: WITH (CTEs)',
    concept: [
      'A long question is easier as a few small steps. WITH name AS (SELECT ...) gives a step a name, and the next SELECT can read it like a table.',
      'This is a CTE (common table expression). It works exactly like a subquery in FROM, but reads from top to bottom.',
    ],
    goal: 'Power users ran at least 20 queries (event query_run). How many power users are on each plan (plan from users)? Columns plan and power_users.',
    starter:
      "WITH runs AS (\n  SELECT user_id, count(*) AS queries\n  FROM events\n  WHERE event = 'query_run'\n  GROUP BY user_id\n)\nSELECT *\nFROM runs\nLIMIT 10",
    hints: [
      'The step runs already has the number of queries per user. Keep users with queries >= 20.',
      'Join runs to users on user_id, then GROUP BY users.plan and count(*) AS power_users.',
    ],
    solution:
      "WITH runs AS (SELECT user_id, count(*) AS queries FROM events WHERE event = 'query_run' GROUP BY user_id), power AS (SELECT user_id FROM runs WHERE queries >= 20) SELECT u.plan, count(*) AS power_users FROM power p JOIN users u ON u.user_id = p.user_id GROUP BY u.plan",
    check: {
      columnHints: { power_users: '"at least 20" includes 20: did you write >= 20?' },
      moreRowsHint: 'did you group by plan only?',
    },
  },
  {
    id: 'windows',
    title: 'Running totals and ranks: window functions',
    concept: [
      'A window function computes something over other rows without merging them: each row keeps its place and gets a value from its "window".',
      'sum(signups) OVER (ORDER BY day) adds up signups from the first day to the current one: a running total. Without ORDER BY in OVER (), every row gets the grand total.',
      'rank() OVER (ORDER BY x DESC) and row_number() work the same way, for positions.',
    ],
    goal: 'Daily signups in October 2026 (UTC days) with a running total: columns day, signups and running_total, by day.',
    starter:
      "WITH daily AS (\n  SELECT CAST(signup_at AS DATE) AS day, count(*) AS signups\n  FROM users\n  WHERE signup_at >= TIMESTAMPTZ '2026-10-01 00:00:00+00'\n    AND signup_at < TIMESTAMPTZ '2026-11-01 00:00:00+00'\n  GROUP BY day\n)\nSELECT day, signups\nFROM daily\nORDER BY day",
    hints: [
      'Add a third column that sums signups over the days so far.',
      'sum(signups) OVER (ORDER BY day) AS running_total.',
    ],
    solution:
      "WITH daily AS (SELECT CAST(signup_at AS DATE) AS day, count(*) AS signups FROM users WHERE signup_at >= TIMESTAMPTZ '2026-10-01 00:00:00+00' AND signup_at < TIMESTAMPTZ '2026-11-01 00:00:00+00' GROUP BY day) SELECT day, signups, sum(signups) OVER (ORDER BY day) AS running_total FROM daily ORDER BY day",
    check: {
      ordered: true,
      orderBy: ['day'],
      orderHint: 'sort by day (ORDER BY day)',
      columnHints: {
        running_total:
          'did you give the window an order, OVER (ORDER BY day)? Without it every row gets the grand total.',
      },
    },
  },
];
