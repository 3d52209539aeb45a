import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../core/engine.js';
import { API_RESPONSE_FILE } from './api-response.js';
import { builtInLessons, resolveLesson } from './catalog.js';
import { validateLessons } from './lesson-def.js';
import { LessonBook } from './lesson-service.js';
import { openLessonEngine } from './test-support.js';

describe('the lesson list', () => {
  it('resolves every lesson id the error teacher links to', () => {
    const dir = new URL('../teach/', import.meta.url).pathname;
    const ids = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/lesson: '([a-z-]+)'/g))
        ids.add(m[1] ?? '');
    }
    expect(ids.size).toBeGreaterThanOrEqual(13);
    const set = builtInLessons();
    const unresolved = [...ids].filter((id) => !resolveLesson(set, id));
    expect(unresolved).toEqual([]);
    expect(resolveLesson(set, 'quotes')?.id).toBe('select-where');
    expect(resolveLesson(set, 'math')?.id).toBe('case');
  });

  it('covers the topics of the issue, first three being the basics', () => {
    const ids = builtInLessons().lessons.map((l) => l.id);
    expect(ids.slice(0, 3)).toEqual(['select-where', 'order-limit', 'group-by']);
    for (const id of [
      'dates',
      'case',
      'joins',
      'ctes',
      'windows',
      'funnel',
      'retention',
      'api-response',
      'parse-log',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('refuses a list with a repeated id, an empty goal or no hints', () => {
    const base = builtInLessons().lessons[0];
    if (!base) throw new Error('no lessons');
    expect(validateLessons({ version: 1, lessons: [base, base] })).toEqual({
      ok: false,
      error: 'Lesson "select-where": the id "select-where" is used twice.',
    });
    expect(validateLessons({ version: 1, lessons: [{ ...base, goal: ' ' }] })).toEqual({
      ok: false,
      error: 'Lesson "select-where" has an empty goal.',
    });
    expect(validateLessons({ version: 1, lessons: [{ ...base, hints: [] }] })).toEqual({
      ok: false,
      error: 'Lesson "select-where" needs at least one hint.',
    });
  });
});

describe('LessonBook', () => {
  let fx: Awaited<ReturnType<typeof openLessonEngine>>;
  let book: LessonBook;
  beforeAll(async () => {
    fx = await openLessonEngine(0.01);
    book = new LessonBook(fx.engine, fx.filesDir);
  }, 60_000);
  afterAll(async () => fx.close());

  it('lists the lessons in order, untouched at first', async () => {
    const list = await book.list();
    expect(list.map((l) => l.number)).toEqual(list.map((_, i) => i + 1));
    expect(list.every((l) => l.progress.attempts === 0 && l.progress.completedAt === null)).toBe(true);
  });

  it('keeps progress: opened, attempts, last SQL, completed; the answer shows after completion', async () => {
    const opened = await book.open('select-where');
    expect(opened.progress.startedAt).not.toBeNull();
    expect(opened.solution).toBeNull();
    expect(opened.next).toBe('order-limit');
    const wrong = await book.check(
      'select-where',
      "SELECT user_id, country, plan FROM users WHERE country = 'DE'",
    );
    expect(wrong.passed).toBe(false);
    expect(wrong.lesson.progress.attempts).toBe(1);
    expect(wrong.lesson.progress.completedAt).toBeNull();
    const sql = "SELECT user_id, country, plan FROM users WHERE plan = 'pro' AND country = 'DE'";
    const right = await book.check('select-where', sql);
    expect(right.passed).toBe(true);
    expect(right.lesson.progress).toMatchObject({ attempts: 2, lastSql: sql });
    expect(right.lesson.progress.completedAt).not.toBeNull();
    expect(right.lesson.solution).toContain("plan = 'pro'");
    // A later miss does not take the completion away.
    await book.check('select-where', 'SELECT 1 AS x');
    const again = (await book.list()).find((l) => l.id === 'select-where');
    expect(again?.progress.attempts).toBe(3);
    expect(again?.progress.completedAt).toBe(right.lesson.progress.completedAt);
  });

  it('keeps progress in the workspace database across engines', async () => {
    const dir = tempDir('sightline-lesson-progress-');
    try {
      const path = join(dir.path, 'w.duckdb');
      const first = await Engine.open(path, { threads: 1 });
      await first.query(
        "CREATE TABLE users AS SELECT 'u_1' AS user_id, now() AS signup_at, 'DE' AS country, 'pro' AS plan, 'direct' AS acquisition_channel; CREATE TABLE events AS SELECT 1 AS event_id, 'u_1' AS user_id, 'login' AS event, now() AS ts",
      );
      await new LessonBook(first, dir.path).check(
        'group-by',
        'SELECT plan, count(*) AS users FROM users GROUP BY plan',
      );
      await first.close();
      const second = await Engine.open(path, { threads: 1 });
      const list = await new LessonBook(second, dir.path).list();
      expect(list.find((l) => l.id === 'group-by')?.progress.completedAt).not.toBeNull();
      await second.close();
    } finally {
      dir.cleanup();
    }
  });

  it('shows the answer after three attempts, and reset forgets the progress', async () => {
    for (let i = 0; i < 3; i += 1) await book.check('nulls', 'SELECT 1 AS anonymous_events');
    expect((await book.open('nulls')).solution).toContain('IS NULL');
    const reset = await book.reset('nulls');
    expect(reset.progress.attempts).toBe(0);
    expect(reset.solution).toBeNull();
  });

  it('opens a lesson by an id the error teacher uses', async () => {
    expect((await book.open('quotes')).id).toBe('select-where');
  });

  it('writes the API lesson response into the files folder and puts that folder in the starter', async () => {
    const view = await book.open('api-response');
    const path = join(fx.filesDir, API_RESPONSE_FILE);
    expect(existsSync(path)).toBe(true);
    expect(view.starter).toContain(`read_json('${path}')`);
    expect(JSON.parse(readFileSync(path, 'utf8')).data).toHaveLength(8);
  });

  it('says plainly that the sample data is missing, and an unknown lesson names the real ones', async () => {
    const empty = await Engine.open(':memory:', { threads: 1 });
    try {
      const bare = new LessonBook(empty, fx.filesDir);
      await expect(bare.open('select-where')).rejects.toThrow(
        'The lessons use the sample data, and this workspace has no "users" table yet.',
      );
      await expect(bare.open('nope')).rejects.toThrow('There is no lesson "nope".');
    } finally {
      await empty.close();
    }
  });
});
