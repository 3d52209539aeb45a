import type { LessonDef } from './lesson-def.js';

/** The first steps: pick rows, sort, count per group, missing values, dates, CASE. */
export const BASIC_LESSONS: LessonDef[] = [
  {
    id: 'select-where',
    title: 'Pick columns and rows: SELECT and WHERE',
    concept: [
      'A table is a list of rows with named columns. The users table has one row per person who signed up.',
      "SELECT names the columns you want, FROM names the table, and WHERE keeps only the rows where a condition is true. Text values go in single quotes: country = 'DE'.",
      'Join two conditions with AND when both must be true, and with OR when either one is enough.',
    ],
    goal: 'List the user_id, country and plan of every user in Germany (country DE) who is on the pro plan.',
    starter: "SELECT user_id, country, plan\nFROM users\nWHERE country = 'DE'",
    hints: [
      'The starter already keeps German users. Add a second condition with AND.',
      "The plan column holds 'free', 'pro' or 'team': WHERE country = 'DE' AND plan = 'pro'.",
    ],
    solution: "SELECT user_id, country, plan FROM users WHERE country = 'DE' AND plan = 'pro'",
    check: { moreRowsHint: 'did you filter on plan as well as country?' },
    covers: ['names', 'quotes', 'syntax', 'tables', 'types'],
  },
  {
    id: 'order-limit',
    title: 'Sort and keep the top rows: ORDER BY and LIMIT',
    concept: [
      'Rows come back in no particular order unless you ask for one. ORDER BY sorts them: ascending (smallest, earliest, A first) by default, DESC for the other way round.',
      'LIMIT keeps only the first rows after sorting, which is how you ask for a "top 10".',
    ],
    goal: 'Who were our first 10 users? List user_id, signup_at and country of the 10 earliest signups, earliest first.',
    starter: 'SELECT user_id, signup_at, country\nFROM users',
    hints: [
      'Sort by signup_at: the earliest comes first with the default (ascending) order.',
      'Add ORDER BY signup_at, then LIMIT 10 at the very end.',
    ],
    solution: 'SELECT user_id, signup_at, country FROM users ORDER BY signup_at LIMIT 10',
    check: {
      ordered: true,
      orderBy: ['signup_at'],
      orderHint: 'sort by signup_at, earliest first (ORDER BY signup_at)',
      moreRowsHint: 'did you keep only the first 10 with LIMIT 10?',
      fewerRowsHint: 'the goal asks for 10 rows: check the number after LIMIT.',
    },
  },
  {
    id: 'group-by',
    title: 'Count per group: GROUP BY',
    concept: [
      'count(*) counts rows. With GROUP BY, SQL first puts rows with the same value together and then counts each group: one result row per group.',
      'Every column you SELECT must either be in GROUP BY or be inside a summary like count, sum, avg, min or max.',
      'Give summaries a readable name with AS: count(*) AS users.',
    ],
    goal: 'How many users are on each plan? One row per plan, with the columns plan and users.',
    starter: 'SELECT plan, count(*) AS users\nFROM users',
    hints: [
      'The starter counts every user at once. Tell SQL to count per plan.',
      'Add GROUP BY plan after FROM users.',
    ],
    solution: 'SELECT plan, count(*) AS users FROM users GROUP BY plan',
    check: {
      fewerRowsHint: 'did you GROUP BY plan, so each plan gets its own row?',
      moreRowsHint: 'did you group by plan only, and count from the users table?',
      columnHints: { users: 'count people from the users table, not rows of events.' },
    },
  },
  {
    id: 'nulls',
    title: 'Missing values: NULL',
    concept: [
      'NULL means "no value here". In the events table, user_id is NULL for visitors who are not signed in.',
      'NULL is not equal to anything, not even to NULL, so user_id = NULL is never true. Ask with IS NULL or IS NOT NULL instead.',
      'count(column) skips NULLs while count(*) counts every row: a quick way to see how many values are missing.',
    ],
    goal: 'How many events are anonymous (no user_id), and how many are from signed-in users? One row with the columns anonymous_events and signed_in_events.',
    starter:
      'SELECT\n  count(*) FILTER (WHERE user_id = NULL) AS anonymous_events,\n  count(user_id) AS signed_in_events\nFROM events',
    hints: [
      'Run the starter: anonymous_events comes out as 0. Why would a comparison with NULL match nothing?',
      'Write user_id IS NULL instead of user_id = NULL.',
    ],
    solution:
      'SELECT count(*) FILTER (WHERE user_id IS NULL) AS anonymous_events, count(*) FILTER (WHERE user_id IS NOT NULL) AS signed_in_events FROM events',
    check: {
      columnHints: {
        anonymous_events: 'did you compare with = NULL? Use IS NULL: nothing is ever equal to NULL.',
      },
    },
  },
  {
    id: 'dates',
    title: 'Dates and time zones',
    concept: [
      'signup_at is a moment in time stored with its time zone (TIMESTAMPTZ). Sightline shows it in UTC.',
      'A "day" depends on where you are: 03:00 UTC on 26 October is still 25 October in New York. Convert first with AT TIME ZONE, then keep the date with CAST(... AS DATE).',
      "date_trunc('week', ts) and date_trunc('month', ts) round a moment down to the start of its week or month, which is how you count per week or month.",
    ],
    goal: 'Count signups per day for the last week of October 2026 (25 to 31 October), using New York days (America/New_York): columns day and signups, one row per day, by day.',
    starter:
      "SELECT CAST(signup_at AS DATE) AS day, count(*) AS signups\nFROM users\nWHERE CAST(signup_at AS DATE) BETWEEN DATE '2026-10-25' AND DATE '2026-10-31'\nGROUP BY day\nORDER BY day",
    hints: [
      'The starter counts UTC days. Convert signup_at to New York time before taking the date.',
      "Use CAST(signup_at AT TIME ZONE 'America/New_York' AS DATE) in both the SELECT and the WHERE.",
    ],
    solution:
      "SELECT CAST(signup_at AT TIME ZONE 'America/New_York' AS DATE) AS day, count(*) AS signups FROM users WHERE CAST(signup_at AT TIME ZONE 'America/New_York' AS DATE) BETWEEN DATE '2026-10-25' AND DATE '2026-10-31' GROUP BY 1 ORDER BY 1",
    check: {
      ordered: true,
      orderBy: ['day'],
      orderHint: 'sort by day (ORDER BY day)',
      columnHints: {
        signups:
          "did you convert signup_at to New York time (AT TIME ZONE 'America/New_York') before taking the date?",
      },
    },
    covers: ['functions'],
  },
  {
    id: 'case',
    title: 'Labels and percentages: CASE',
    concept: [
      'CASE WHEN condition THEN value ELSE other END turns a condition into a value, row by row. It is how you label rows ("paid" or "free") or count only some of them.',
      "sum(CASE WHEN plan <> 'free' THEN 1 ELSE 0 END) counts the paid users in each group. Divide by count(*) to get a share, and multiply by 100.0 for a percentage.",
      'Write 100.0 rather than 100: some databases divide whole numbers without decimals (7 / 2 = 3).',
    ],
    goal: 'For each acquisition channel: the number of users and the percentage of them on a paid plan (pro or team), rounded to one decimal. Columns acquisition_channel, users, paid_pct.',
    starter: 'SELECT\n  acquisition_channel,\n  count(*) AS users\nFROM users\nGROUP BY acquisition_channel',
    hints: [
      "A paid user has plan 'pro' or 'team'. CASE WHEN plan IN ('pro', 'team') THEN 1 ELSE 0 END is 1 for them.",
      'paid_pct is round(100.0 * sum(CASE ... END) / count(*), 1).',
    ],
    solution:
      "SELECT acquisition_channel, count(*) AS users, round(100.0 * sum(CASE WHEN plan IN ('pro', 'team') THEN 1 ELSE 0 END) / count(*), 1) AS paid_pct FROM users GROUP BY acquisition_channel",
    check: {
      tolerance: 0.05,
      columnHints: {
        paid_pct: 'did you count both paid plans, pro and team, and divide by all users of the channel?',
      },
    },
    covers: ['math'],
  },
];
