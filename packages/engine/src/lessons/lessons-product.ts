import { API_RESPONSE_FILE, apiResponseText } from './api-response.js';
import type { LessonDef } from './lesson-def.js';

const LOG_LINES =
  "WITH lines AS (\n  SELECT unnest(string_split(content, chr(10))) AS line\n  FROM read_text('{{files}}/access.log')\n)";

/** Product questions in SQL: a funnel, a retention table, an API response, a log file. */
export const PRODUCT_LESSONS: LessonDef[] = [
  {
    id: 'funnel',
    title: 'A funnel in SQL',
    concept: [
      'A funnel counts how many people reach each step of a journey, in order: signed up, then created a project, then invited a colleague.',
      'Each step keeps only the people from the step before who did the next thing afterwards. With one CTE per step, each step reads the previous one and compares times.',
    ],
    goal: 'How many users signed up, how many of them created a project after signing up, and how many of those sent an invite after creating their first project? One row with the columns signed_up, created_project and sent_invite.',
    starter:
      "WITH signed AS (\n  SELECT user_id, min(ts) AS at\n  FROM events\n  WHERE event = 'signup'\n  GROUP BY user_id\n),\ncreated AS (\n  SELECT e.user_id, min(e.ts) AS at\n  FROM events e JOIN signed s ON s.user_id = e.user_id\n  WHERE e.event = 'project_created' AND e.ts >= s.at\n  GROUP BY e.user_id\n)\nSELECT\n  (SELECT count(*) FROM signed) AS signed_up,\n  (SELECT count(*) FROM created) AS created_project",
    hints: [
      'Add a third step, invited, that reads created the way created reads signed.',
      "invited: SELECT DISTINCT e.user_id FROM events e JOIN created c ON c.user_id = e.user_id WHERE e.event = 'invite_sent' AND e.ts >= c.at. Then add (SELECT count(*) FROM invited) AS sent_invite.",
    ],
    solution:
      "WITH s AS (SELECT user_id, min(ts) AS at FROM events WHERE event = 'signup' GROUP BY user_id), p AS (SELECT e.user_id, min(e.ts) AS at FROM events e JOIN s ON s.user_id = e.user_id WHERE e.event = 'project_created' AND e.ts >= s.at GROUP BY e.user_id), i AS (SELECT DISTINCT e.user_id FROM events e JOIN p ON p.user_id = e.user_id WHERE e.event = 'invite_sent' AND e.ts >= p.at) SELECT (SELECT count(*) FROM s) AS signed_up, (SELECT count(*) FROM p) AS created_project, (SELECT count(*) FROM i) AS sent_invite",
    check: {
      columnHints: {
        sent_invite:
          'did you count people (not invites), only those who created a project first, and only invites sent after it?',
        created_project: 'count each person once, and only projects created after their signup.',
      },
    },
  },
  {
    id: 'retention',
    title: 'A retention table in SQL',
    concept: [
      'Retention asks: of the people who started in a given week (a cohort), how many came back later?',
      'Group users by the week they signed up with date_trunc(\'week\', signup_at). "Came back in week 1" means they did anything between 7 and 14 days after their own signup.',
      'EXISTS (SELECT 1 FROM events ...) asks "is there at least one such event?" without repeating the user once per event.',
    ],
    goal: 'Weekly cohorts of users who signed up from Monday 6 July to Sunday 18 October 2026 (UTC): cohort_week (the Monday), users, and returned_week_1 (users with any event 7 to 14 days after their signup: at least 7 days, less than 14), by cohort_week.',
    starter:
      "SELECT\n  date_trunc('week', signup_at) AS cohort_week,\n  count(*) AS users\nFROM users\nWHERE signup_at >= TIMESTAMPTZ '2026-07-06 00:00:00+00'\n  AND signup_at < TIMESTAMPTZ '2026-10-19 00:00:00+00'\nGROUP BY cohort_week\nORDER BY cohort_week",
    hints: [
      'For each user, ask whether an event exists with ts >= signup_at + INTERVAL 7 DAY and ts < signup_at + INTERVAL 14 DAY.',
      'count(*) FILTER (WHERE EXISTS (SELECT 1 FROM events e WHERE e.user_id = users.user_id AND e.ts >= users.signup_at + INTERVAL 7 DAY AND e.ts < users.signup_at + INTERVAL 14 DAY)) AS returned_week_1.',
    ],
    solution:
      "SELECT date_trunc('week', u.signup_at) AS cohort_week, count(*) AS users, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM events e WHERE e.user_id = u.user_id AND e.ts >= u.signup_at + INTERVAL 7 DAY AND e.ts < u.signup_at + INTERVAL 14 DAY)) AS returned_week_1 FROM users u WHERE u.signup_at >= TIMESTAMPTZ '2026-07-06 00:00:00+00' AND u.signup_at < TIMESTAMPTZ '2026-10-19 00:00:00+00' GROUP BY 1 ORDER BY 1",
    check: {
      ordered: true,
      orderBy: ['cohort_week'],
      orderHint: 'sort by cohort_week (ORDER BY cohort_week)',
      columnHints: {
        returned_week_1:
          'did you count people (not events), with events at least 7 and less than 14 days after their own signup?',
        users: 'keep signups from 6 July to 18 October 2026 only.',
      },
    },
  },
  {
    id: 'api-response',
    title: 'Read an API response into a table',
    concept: [
      'APIs answer with JSON: objects in curly braces, lists in square brackets, often with the records you want inside a list such as "data".',
      `read_json('file') reads a JSON file as a table. This lesson put an API's answer in files/${API_RESPONSE_FILE}: it is one object, so it reads as one row with a data column holding the list.`,
      'unnest(data) turns the list into one row per element. Each element is a record (a STRUCT): reach its fields with a dot, like a.name.',
    ],
    goal: 'One row per account in the response, with the columns id, name and seats, for the accounts whose status is active.',
    starter: `SELECT *\nFROM read_json('{{files}}/${API_RESPONSE_FILE}')`,
    hints: [
      'Start with SELECT unnest(data) AS a FROM read_json(...): one row per account.',
      "Put that in FROM ( ... ) and select a.id AS id, a.name AS name, a.seats AS seats WHERE a.status = 'active'.",
    ],
    solution: `SELECT a.id AS id, a.name AS name, a.seats AS seats FROM (SELECT unnest(data) AS a FROM read_json('{{files}}/${API_RESPONSE_FILE}')) WHERE a.status = 'active'`,
    check: { moreRowsHint: "did you keep only the accounts whose status is 'active'?" },
    files: { [API_RESPONSE_FILE]: apiResponseText() },
  },
  {
    id: 'parse-log',
    title: 'Parse a log file',
    concept: [
      'A web server writes one line per request. Each line has the same shape: address, time, the request in quotes, then the status code and the size.',
      'read_text reads a whole file as one value; string_split(content, chr(10)) cuts it into lines and unnest gives one row per line.',
      "regexp_extract(line, pattern, 1) pulls out the part of a line that matches the brackets in a pattern. After the closing quote of the request comes the status: '\" (\\d{3}) ' captures its three digits.",
    ],
    goal: 'From files/access.log: for every status code of 400 or more (client and server errors), the number of requests. Columns status (a number) and requests, most requests first.',
    starter: `${LOG_LINES}\nSELECT line\nFROM lines\nLIMIT 20`,
    hints: [
      "CAST(regexp_extract(line, '\" (\\d{3}) ', 1) AS INTEGER) is the status as a number. Empty text means the line had none.",
      "Wrap it: WITH parsed AS (SELECT CAST(nullif(regexp_extract(line, '\" (\\d{3}) ', 1), '') AS INTEGER) AS status FROM lines), then GROUP BY status with WHERE status >= 400 and ORDER BY requests DESC.",
    ],
    solution: `${LOG_LINES}, parsed AS (SELECT CAST(nullif(regexp_extract(line, '" (\\d{3}) ', 1), '') AS INTEGER) AS status FROM lines) SELECT status, count(*) AS requests FROM parsed WHERE status >= 400 GROUP BY status ORDER BY requests DESC`,
    check: {
      ordered: true,
      orderBy: ['requests'],
      orderHint: 'sort by requests, most first (ORDER BY requests DESC)',
      moreRowsHint: 'did you keep only status codes of 400 or more?',
      fewerRowsHint: 'keep every status code from 400 up, client errors (4xx) and server errors (5xx).',
    },
  },
];
