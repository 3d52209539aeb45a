import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../core/engine.js';
import { isSightlineError } from '../errors.js';
import { builtInLessons, lessonById } from './catalog.js';
import { type CheckOptions, type CheckOutcome, checkLesson } from './check-lesson.js';
import { type LessonDef, type LessonSet, withFilesDir } from './lesson-def.js';
import { type LessonProgress, ProgressStore } from './progress.js';
import { requireSampleData } from './sample-check.js';

/** A lesson in the list: its place, title, goal and the learner's progress. */
export interface LessonSummary {
  id: string;
  number: number;
  title: string;
  goal: string;
  /** Error teacher lesson ids this lesson also answers for (e.g. `quotes` for select-where). */
  covers: string[];
  progress: LessonProgress;
}

/** A lesson as the learner sees it: the idea, the goal, hints, the starter SQL (files folder filled in). */
export interface LessonView extends LessonSummary {
  concept: string[];
  starter: string;
  hints: string[];
  /** The answer, shown once the lesson is completed or after three attempts. */
  solution: string | null;
  /** The next lesson's id (null after the last one). */
  next: string | null;
}

/** How many checks before the answer may be shown. */
const ATTEMPTS_BEFORE_ANSWER = 3;

/** The lessons of one workspace: list with progress, open (writes lesson files), check, reset. */
export class LessonBook {
  private readonly set: LessonSet;
  private readonly progress: ProgressStore;

  constructor(
    private readonly engine: Engine,
    private readonly filesDir: string,
    private readonly limits: Omit<CheckOptions, 'filesDir'> = {},
  ) {
    this.set = builtInLessons();
    this.progress = new ProgressStore(engine);
  }

  /** Every lesson in order with the learner's progress. */
  async list(): Promise<LessonSummary[]> {
    const all = await this.progress.all();
    return this.set.lessons.map((l, i) => this.summary(l, i, all.get(l.id)));
  }

  /** True when the workspace holds the sample tables the lessons read. */
  async sampleReady(): Promise<boolean> {
    try {
      await requireSampleData(this.engine);
      return true;
    } catch (err) {
      if (isSightlineError(err) && err.kind === 'user') return false;
      throw err;
    }
  }

  /** Opens a lesson (ids the error teacher uses resolve to the lesson covering them): marks it started. */
  async open(id: string): Promise<LessonView> {
    const lesson = lessonById(this.set, id);
    await requireSampleData(this.engine);
    this.writeFiles(lesson);
    await this.progress.start(lesson.id);
    return this.view(lesson);
  }

  /** Checks the learner's SQL against the lesson's answer and records the attempt. */
  async check(id: string, sql: string): Promise<CheckOutcome & { lesson: LessonView }> {
    const lesson = lessonById(this.set, id);
    await requireSampleData(this.engine);
    this.writeFiles(lesson);
    const outcome = await checkLesson(this.engine, lesson, sql, { ...this.limits, filesDir: this.filesDir });
    await this.progress.recordAttempt(lesson.id, sql, outcome.passed);
    return { ...outcome, lesson: await this.view(lesson) };
  }

  /** Forgets the learner's progress in a lesson. */
  async reset(id: string): Promise<LessonView> {
    const lesson = lessonById(this.set, id);
    await this.progress.reset(lesson.id);
    return this.view(lesson);
  }

  private async view(lesson: LessonDef): Promise<LessonView> {
    const index = this.set.lessons.indexOf(lesson);
    const progress = await this.progress.get(lesson.id);
    const showAnswer = progress.completedAt !== null || progress.attempts >= ATTEMPTS_BEFORE_ANSWER;
    return {
      ...this.summary(lesson, index, progress),
      concept: lesson.concept,
      starter: withFilesDir(lesson.starter, this.filesDir),
      hints: lesson.hints,
      solution: showAnswer ? withFilesDir(lesson.solution, this.filesDir) : null,
      next: this.set.lessons[index + 1]?.id ?? null,
    };
  }

  private summary(lesson: LessonDef, index: number, progress: LessonProgress | undefined): LessonSummary {
    return {
      id: lesson.id,
      number: index + 1,
      title: lesson.title,
      goal: lesson.goal,
      covers: lesson.covers ?? [],
      progress: progress ?? {
        lessonId: lesson.id,
        startedAt: null,
        completedAt: null,
        attempts: 0,
        lastSql: null,
      },
    };
  }

  private writeFiles(lesson: LessonDef): void {
    for (const [name, text] of Object.entries(lesson.files ?? {})) {
      const path = join(this.filesDir, name);
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) writeFileSync(path, text);
    }
  }
}
