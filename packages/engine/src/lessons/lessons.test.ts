import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../core/engine.js';
import { API_RESPONSE_FILE } from './api-response.js';
import { builtInLessons, lessonById } from './catalog.js';
import { checkLesson } from './check-lesson.js';
import { withFilesDir } from './lesson-def.js';
import { LessonBook } from './lesson-service.js';
import { openLessonEngine } from './test-support.js';

let engine: Engine;
let filesDir: string;
let close: () => Promise<void>;
let book: LessonBook;

beforeAll(async () => {
  ({ engine, filesDir, close } = await openLessonEngine());
  book = new LessonBook(engine, filesDir);
  // Writes the API lesson's response file, as opening the lesson does.
  await book.open('api-response');
}, 60_000);
afterAll(async () => close());

interface Case {
  alternative: string;
  nearMiss: string;
  says: RegExp;
}

const LOG = "(SELECT unnest(string_split(content, chr(10))) AS line FROM read_text('{{files}}/access.log'))";

const CASES: Record<string, Case> = {
  'select-where': {
    alternative: "select plan, user_id, country from users where plan = 'pro' and country in ('DE')",
    nearMiss: "SELECT user_id, country, plan FROM users WHERE country = 'DE'",
    says: /^You have [\d,]+ rows, the answer has [\d,]+: did you filter on plan as well as country\?$/,
  },
  'order-limit': {
    alternative: 'SELECT u.user_id, u.signup_at, u.country FROM users AS u ORDER BY 2 ASC, 1 LIMIT 10',
    nearMiss: 'SELECT user_id, signup_at, country FROM users ORDER BY signup_at',
    says: /^You have 1,000 rows, the answer has 10: did you keep only the first 10 with LIMIT 10\?$/,
  },
  'group-by': {
    alternative: 'SELECT plan, count(user_id) AS users FROM users GROUP BY ALL ORDER BY users DESC',
    nearMiss: 'SELECT plan, count(*) AS users FROM events GROUP BY plan',
    says: /^You have 4 rows, the answer has 3: did you group by plan only, and count from the users table\?$/,
  },
  nulls: {
    alternative:
      'SELECT count(*) - count(user_id) AS anonymous_events, sum(CASE WHEN user_id IS NULL THEN 0 ELSE 1 END) AS signed_in_events FROM events',
    nearMiss:
      'SELECT count(*) FILTER (WHERE user_id = NULL) AS anonymous_events, count(user_id) AS signed_in_events FROM events',
    says: /^Your anonymous_events is 0; the answer's is larger: did you compare with = NULL\? Use IS NULL/,
  },
  dates: {
    alternative:
      "SELECT day, count(*) AS signups FROM (SELECT date_trunc('day', timezone('America/New_York', signup_at)) AS day FROM users) WHERE day >= DATE '2026-10-25' AND day < DATE '2026-11-01' GROUP BY day ORDER BY day",
    nearMiss:
      "SELECT CAST(signup_at AS DATE) AS day, count(*) AS signups FROM users WHERE CAST(signup_at AS DATE) BETWEEN DATE '2026-10-25' AND DATE '2026-10-31' GROUP BY day ORDER BY day",
    says: /^Some values in your column "signups" differ from the answer's: did you convert signup_at to New York time/,
  },
  case: {
    alternative:
      "SELECT acquisition_channel, count(*) AS users, 100.0 * count(*) FILTER (WHERE plan <> 'free') / count(*) AS paid_pct FROM users GROUP BY 1",
    nearMiss:
      "SELECT acquisition_channel, count(*) AS users, round(100.0 * sum(CASE WHEN plan = 'pro' THEN 1 ELSE 0 END) / count(*), 1) AS paid_pct FROM users GROUP BY 1",
    says: /^Your paid_pct column adds up to less than the answer's \(0\.\d\dx\): did you count both paid plans/,
  },
  joins: {
    alternative:
      "SELECT country, count(*) AS creators FROM users WHERE user_id IN (SELECT user_id FROM events WHERE event = 'project_created') GROUP BY country",
    nearMiss:
      "SELECT u.country, count(*) AS creators FROM users AS u JOIN events AS e USING (user_id) WHERE e.event = 'project_created' GROUP BY u.country",
    says: /^Your creators column adds up to \d\.\dx the answer's: did the join repeat each user once per project\?/,
  },
  ctes: {
    alternative:
      "SELECT plan, count(*) AS power_users FROM users WHERE user_id IN (SELECT user_id FROM events WHERE event = 'query_run' GROUP BY user_id HAVING count(*) >= 20) GROUP BY plan",
    nearMiss:
      "SELECT plan, count(*) AS power_users FROM users WHERE user_id IN (SELECT user_id FROM events WHERE event = 'query_run' GROUP BY user_id HAVING count(*) > 20) GROUP BY plan",
    says: /^Your power_users column adds up to less than the answer's \(0\.\d\dx\): "at least 20" includes 20/,
  },
  windows: {
    alternative:
      "SELECT CAST(signup_at AS DATE) AS day, count(*) AS signups, sum(count(*)) OVER (ORDER BY CAST(signup_at AS DATE) ROWS UNBOUNDED PRECEDING) AS running_total FROM users WHERE signup_at >= TIMESTAMPTZ '2026-10-01 00:00:00+00' AND signup_at < TIMESTAMPTZ '2026-11-01 00:00:00+00' GROUP BY 1 ORDER BY 1",
    nearMiss:
      "WITH daily AS (SELECT CAST(signup_at AS DATE) AS day, count(*) AS signups FROM users WHERE signup_at >= TIMESTAMPTZ '2026-10-01 00:00:00+00' AND signup_at < TIMESTAMPTZ '2026-11-01 00:00:00+00' GROUP BY day) SELECT day, signups, sum(signups) OVER () AS running_total FROM daily ORDER BY day",
    says: /^Your running_total column adds up to \d\.\dx the answer's: did you give the window an order/,
  },
  funnel: {
    alternative:
      "WITH s AS (SELECT user_id, min(ts) AS at FROM events WHERE event = 'signup' GROUP BY user_id), p AS (SELECT s.user_id, (SELECT min(e.ts) FROM events e WHERE e.user_id = s.user_id AND e.event = 'project_created' AND e.ts >= s.at) AS at FROM s) SELECT count(*) AS signed_up, count(p.at) AS created_project, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM events e WHERE e.user_id = p.user_id AND e.event = 'invite_sent' AND e.ts >= p.at)) AS sent_invite FROM p",
    nearMiss:
      "WITH s AS (SELECT user_id, min(ts) AS at FROM events WHERE event = 'signup' GROUP BY user_id), p AS (SELECT e.user_id, min(e.ts) AS at FROM events e JOIN s ON s.user_id = e.user_id WHERE e.event = 'project_created' AND e.ts >= s.at GROUP BY e.user_id) SELECT (SELECT count(*) FROM s) AS signed_up, (SELECT count(*) FROM p) AS created_project, (SELECT count(*) FROM events e JOIN p ON p.user_id = e.user_id WHERE e.event = 'invite_sent' AND e.ts >= p.at) AS sent_invite",
    says: /^Your sent_invite is [\d,]+; the answer's is smaller: did you count people \(not invites\)/,
  },
  retention: {
    alternative:
      "SELECT CAST(date_trunc('week', u.signup_at) AS DATE) AS cohort_week, count(DISTINCT u.user_id) AS users, count(DISTINCT e.user_id) AS returned_week_1 FROM users u LEFT JOIN events e ON e.user_id = u.user_id AND e.ts >= u.signup_at + INTERVAL 7 DAY AND e.ts < u.signup_at + INTERVAL 14 DAY WHERE u.signup_at >= TIMESTAMPTZ '2026-07-06 00:00:00+00' AND u.signup_at < TIMESTAMPTZ '2026-10-19 00:00:00+00' GROUP BY 1 ORDER BY 1",
    nearMiss:
      "SELECT date_trunc('week', u.signup_at) AS cohort_week, count(DISTINCT u.user_id) AS users, count(e.user_id) AS returned_week_1 FROM users u LEFT JOIN events e ON e.user_id = u.user_id AND e.ts >= u.signup_at + INTERVAL 7 DAY AND e.ts < u.signup_at + INTERVAL 14 DAY WHERE u.signup_at >= TIMESTAMPTZ '2026-07-06 00:00:00+00' AND u.signup_at < TIMESTAMPTZ '2026-10-19 00:00:00+00' GROUP BY 1 ORDER BY 1",
    says: /^Your returned_week_1 column adds up to \d+\.\dx the answer's: did you count people \(not events\)/,
  },
  'api-response': {
    alternative: `SELECT id, name, seats FROM (SELECT unnest(data, recursive := true) FROM read_json('{{files}}/${API_RESPONSE_FILE}')) WHERE status IN ('active')`,
    nearMiss: `SELECT a.id AS id, a.name AS name, a.seats AS seats FROM (SELECT unnest(data) AS a FROM read_json('{{files}}/${API_RESPONSE_FILE}'))`,
    says: /^You have 8 rows, the answer has 5: did you keep only the accounts whose status is 'active'\?$/,
  },
  'parse-log': {
    alternative: `SELECT status, count(*) AS requests FROM (SELECT TRY_CAST(split_part(split_part(line, '" ', 2), ' ', 1) AS INTEGER) AS status FROM ${LOG}) WHERE status BETWEEN 400 AND 599 GROUP BY ALL ORDER BY 2 DESC`,
    nearMiss: `SELECT regexp_extract(line, '" (\\d{3}) ', 1) AS status, count(*) AS requests FROM ${LOG} WHERE regexp_extract(line, '" (\\d{3}) ', 1) >= '400' GROUP BY 1 ORDER BY requests DESC`,
    says: /^Your column "status" holds text, but the answer's holds numbers\.$/,
  },
};

describe('every lesson', () => {
  const set = builtInLessons();

  it('has at least 12 lessons, each with a check case here', () => {
    expect(set.lessons.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(CASES).sort()).toEqual(set.lessons.map((l) => l.id).sort());
  });

  for (const lesson of builtInLessons().lessons) {
    const c = CASES[lesson.id];
    describe(lesson.id, () => {
      it('accepts its reference answer and an answer written differently', async () => {
        const ref = await checkLesson(engine, lesson, withFilesDir(lesson.solution, filesDir), { filesDir });
        expect(ref.message).toMatch(/^Correct: /);
        expect(ref.passed).toBe(true);
        const alt = await checkLesson(engine, lesson, withFilesDir(c?.alternative ?? '', filesDir), {
          filesDir,
        });
        expect(alt.message).toMatch(/^Correct: /);
      });
      it('rejects a near miss saying what differs', async () => {
        const miss = await checkLesson(engine, lesson, withFilesDir(c?.nearMiss ?? '', filesDir), {
          filesDir,
        });
        expect(miss.passed).toBe(false);
        expect(miss.message).toMatch(c?.says ?? /never/);
      });
      it('rejects its starter SQL (the learner has work to do)', async () => {
        const start = await checkLesson(engine, lesson, withFilesDir(lesson.starter, filesDir), { filesDir });
        expect(start.passed).toBe(false);
      });
    });
  }
});

describe('the check', () => {
  it('says a row order is wrong when only the order differs', async () => {
    const lesson = lessonById(builtInLessons(), 'order-limit');
    const out = await checkLesson(
      engine,
      lesson,
      'SELECT * FROM (SELECT user_id, signup_at, country FROM users ORDER BY signup_at LIMIT 10) ORDER BY signup_at DESC',
      { filesDir },
    );
    expect(out.message).toBe(
      'Your rows are right, but not in the order asked: sort by signup_at, earliest first (ORDER BY signup_at).',
    );
  });

  it('explains a failing query with the error teacher and links its lesson', async () => {
    const lesson = lessonById(builtInLessons(), 'select-where');
    const out = await checkLesson(engine, lesson, 'SELECT user_id, contry FROM users', { filesDir });
    expect(out.passed).toBe(false);
    expect(out.message).toBe('Column "contry" doesn\'t exist in users (line 1, col 17).');
    expect(out.error?.kind).toBe('unknown-column');
    expect(out.error?.fix?.sql).toBe('SELECT user_id, country FROM users');
    expect(out.preview).toBeNull();
  });

  it('runs only one SELECT: a statement that changes data is refused and nothing changes', async () => {
    const lesson = lessonById(builtInLessons(), 'select-where');
    const out = await checkLesson(engine, lesson, 'DELETE FROM users', { filesDir });
    expect(out.message).toBe(
      'The check runs one SELECT query, and this is something else (or several statements).',
    );
    const two = await checkLesson(engine, lesson, 'SELECT 1; DROP TABLE users', { filesDir });
    expect(two.passed).toBe(false);
    const left = await engine.query('SELECT count(*) AS n FROM users');
    expect(left.rows[0]?.n).toBe(1000);
  });

  it('stops a query past the timeout and says so', async () => {
    const lesson = lessonById(builtInLessons(), 'select-where');
    const out = await checkLesson(
      engine,
      lesson,
      'SELECT count(*) AS n FROM range(100000000) a, range(1000) b',
      { filesDir, timeoutMs: 200 },
    );
    expect(out.passed).toBe(false);
    expect(out.message).toBe('The query took longer than 200 ms and was stopped.');
  });

  it('gives a preview of the first rows with the verdict', async () => {
    const lesson = lessonById(builtInLessons(), 'group-by');
    const out = await checkLesson(engine, lesson, lesson.solution, { filesDir, previewRows: 2 });
    expect(out.preview?.rowCount).toBe(3);
    expect(out.preview?.rows).toHaveLength(2);
    expect(out.preview?.columns.map((c) => c.name)).toEqual(['plan', 'users']);
  });
});
