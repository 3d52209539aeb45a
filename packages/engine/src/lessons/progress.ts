import type { Engine } from '../core/engine.js';

/** Where a learner is in one lesson. */
export interface LessonProgress {
  lessonId: string;
  /** ISO time the lesson was first opened. */
  startedAt: string | null;
  /** ISO time of the first passing check (null until then). */
  completedAt: string | null;
  /** Number of checks run. */
  attempts: number;
  /** The SQL of the last check. */
  lastSql: string | null;
}

const TABLE = 'sightline_meta.lesson_progress';
const CREATE = `CREATE SCHEMA IF NOT EXISTS sightline_meta;
CREATE TABLE IF NOT EXISTS ${TABLE} (
  lesson_id VARCHAR PRIMARY KEY,
  started_at TIMESTAMPTZ,
  completed_at TIMESTAMPTZ,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_sql VARCHAR
)`;

/** Progress through the lessons, kept in the workspace database (`sightline_meta.lesson_progress`). */
export class ProgressStore {
  private ready: Promise<void> | undefined;

  constructor(private readonly engine: Engine) {}

  /** Every lesson's progress that has any, by lesson id. */
  async all(): Promise<Map<string, LessonProgress>> {
    await this.init();
    const res = await this.engine.query(
      `SELECT lesson_id, started_at, completed_at, attempts, last_sql FROM ${TABLE} ORDER BY lesson_id`,
    );
    return new Map(
      res.rows.map((r) => [
        String(r.lesson_id),
        {
          lessonId: String(r.lesson_id),
          startedAt: r.started_at === null ? null : String(r.started_at),
          completedAt: r.completed_at === null ? null : String(r.completed_at),
          attempts: Number(r.attempts),
          lastSql: r.last_sql === null ? null : String(r.last_sql),
        },
      ]),
    );
  }

  /** One lesson's progress (zero attempts when untouched). */
  async get(lessonId: string): Promise<LessonProgress> {
    return (
      (await this.all()).get(lessonId) ?? {
        lessonId,
        startedAt: null,
        completedAt: null,
        attempts: 0,
        lastSql: null,
      }
    );
  }

  /** Marks a lesson started (the first time only). */
  async start(lessonId: string): Promise<void> {
    await this.init();
    await this.engine.query(
      `INSERT INTO ${TABLE} (lesson_id, started_at) VALUES ($1, now())
       ON CONFLICT (lesson_id) DO UPDATE SET started_at = coalesce(${TABLE}.started_at, excluded.started_at)`,
      { params: [lessonId] },
    );
  }

  /** Records a check: one more attempt, its SQL, and the completion time the first time it passes. */
  async recordAttempt(lessonId: string, sql: string, passed: boolean): Promise<void> {
    await this.init();
    await this.engine.query(
      `INSERT INTO ${TABLE} (lesson_id, started_at, completed_at, attempts, last_sql)
       VALUES ($1, now(), CASE WHEN $2 THEN now() END, 1, $3)
       ON CONFLICT (lesson_id) DO UPDATE SET
         started_at = coalesce(${TABLE}.started_at, excluded.started_at),
         completed_at = coalesce(${TABLE}.completed_at, excluded.completed_at),
         attempts = ${TABLE}.attempts + 1,
         last_sql = excluded.last_sql`,
      { params: [lessonId, passed, sql] },
    );
  }

  /** Forgets a lesson's progress. */
  async reset(lessonId: string): Promise<void> {
    await this.init();
    await this.engine.query(`DELETE FROM ${TABLE} WHERE lesson_id = $1`, { params: [lessonId] });
  }

  private init(): Promise<void> {
    this.ready ??= this.engine.query(CREATE).then(
      () => undefined,
      (err: unknown) => {
        this.ready = undefined;
        throw err;
      },
    );
    return this.ready;
  }
}
