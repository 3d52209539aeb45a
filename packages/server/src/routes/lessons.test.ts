import { afterAll, beforeAll, expect, it } from 'vitest';
import { body, type TestServer, testServer } from '../test-support.js';

interface Progress {
  attempts: number;
  completedAt: string | null;
  lastSql: string | null;
}
interface ListBody {
  lessons: { id: string; number: number; title: string; progress: Progress }[];
  completed: number;
  sampleReady: boolean;
}
interface CheckBody {
  passed: boolean;
  message: string;
  details: string[];
  preview: { columns: { name: string }[]; rows: Record<string, unknown>[]; rowCount: number } | null;
  error?: { kind: string; lesson?: string; fix?: { sql: string } };
  lesson: { id: string; next: string | null; progress: Progress };
}

let s: TestServer;
beforeAll(async () => {
  s = await testServer({ log: (l) => console.log(l) });
});
afterAll(async () => s.close());

it('says the sample data is missing, in the one error shape, and the list says it is not ready', async () => {
  const list = await body<ListBody>(await s.call('/api/lessons'));
  expect(list.sampleReady).toBe(false);
  expect(list.lessons.length).toBeGreaterThanOrEqual(12);
  const res = await s.call('/api/lessons/select-where');
  expect(res.status).toBe(400);
  const err = (await body(res)).error;
  expect(err.code).toBe('user_error');
  expect(err.message).toBe('The lessons use the sample data, and this workspace has no "users" table yet.');
  expect(err.hints[0]).toContain('Create the sample data');
});

it('lists, opens, checks (a miss says what differs, a pass records completion) and resets', async () => {
  expect((await s.call('/api/sample', { json: { scale: 0.01 } })).status).toBe(201);
  const lesson = await body<{ id: string; goal: string; starter: string; hints: string[] }>(
    await s.call('/api/lessons/group-by'),
  );
  expect(lesson.id).toBe('group-by');
  expect(lesson.goal).toContain('each plan');

  const starter = await body<CheckBody>(
    await s.call('/api/lessons/group-by/check', { json: { sql: lesson.starter } }),
  );
  expect(starter.passed).toBe(false);
  expect(starter.error?.lesson).toBe('group-by');
  expect(starter.preview).toBeNull();
  const miss = await body<CheckBody>(
    await s.call('/api/lessons/group-by/check', {
      json: { sql: 'SELECT plan, count(*) AS users FROM events GROUP BY plan' },
    }),
  );
  expect(miss.passed).toBe(false);
  expect(miss.message).toBe(
    'You have 4 rows, the answer has 3: did you group by plan only, and count from the users table?',
  );
  expect(miss.preview?.rowCount).toBe(4);

  const pass = await body<CheckBody>(
    await s.call('/api/lessons/group-by/check', {
      json: { sql: 'SELECT plan, count(*) AS users FROM users GROUP BY plan' },
    }),
  );
  expect(pass.passed).toBe(true);
  expect(pass.message).toBe('Correct: your 3 rows match the answer.');
  expect(pass.lesson.next).toBe('nulls');
  expect(pass.preview?.columns.map((c) => c.name)).toEqual(['plan', 'users']);

  const list = await body<ListBody>(await s.call('/api/lessons'));
  expect(list.sampleReady).toBe(true);
  expect(list.completed).toBe(1);
  expect(list.lessons.find((l) => l.id === 'group-by')?.progress.attempts).toBe(3);

  const reset = await body<{ progress: Progress }>(
    await s.call('/api/lessons/group-by/reset', { method: 'POST' }),
  );
  expect(reset.progress.attempts).toBe(0);
  expect((await body<ListBody>(await s.call('/api/lessons'))).completed).toBe(0);
});

it('explains a failing query with the error teacher, linking back to a lesson', async () => {
  const res = await s.call('/api/lessons/select-where/check', {
    json: { sql: 'SELECT user_id FROM users WHERE country = "DE"' },
  });
  expect(res.status).toBe(200);
  const out = await body<CheckBody>(res);
  expect(out.passed).toBe(false);
  expect(out.error?.lesson).toBe('select-where');
  expect(out.error?.fix?.sql).toBe("SELECT user_id FROM users WHERE country = 'DE'");
});

it('answers a plain error for an unknown lesson and 400 for a body without sql', async () => {
  const unknown = await s.call('/api/lessons/nope');
  expect(unknown.status).toBe(400);
  expect((await body(unknown)).error.message).toBe('There is no lesson "nope".');
  const bad = await s.call('/api/lessons/group-by/check', { json: { query: 'SELECT 1' } });
  expect(bad.status).toBe(400);
  expect((await body(bad)).error.code).toBe('bad_request');
});
