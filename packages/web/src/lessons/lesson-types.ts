import type { ApiErrorInfo, Column, Row } from '../api/types.js';

/** Where the learner is in one lesson (`progress` of the lesson routes). */
export interface LessonProgress {
  lessonId: string;
  startedAt: string | null;
  completedAt: string | null;
  attempts: number;
  lastSql: string | null;
}

/** One lesson in `GET /api/lessons`. */
export interface LessonSummary {
  id: string;
  number: number;
  title: string;
  goal: string;
  covers: string[];
  progress: LessonProgress;
}

/** `GET /api/lessons`. */
export interface LessonList {
  lessons: LessonSummary[];
  completed: number;
  sampleReady: boolean;
}

/** `GET /api/lessons/:id`. */
export interface LessonView extends LessonSummary {
  concept: string[];
  starter: string;
  hints: string[];
  solution: string | null;
  next: string | null;
}

/** What the error teacher says about a failed query (the `lesson` of the API's error shape). */
export type TeacherLesson = NonNullable<ApiErrorInfo['lesson']>;

/** `POST /api/lessons/:id/check`. */
export interface CheckResult {
  passed: boolean;
  message: string;
  details: string[];
  preview: { columns: Column[]; rows: Row[]; rowCount: number } | null;
  error?: TeacherLesson;
  lesson: LessonView;
}
