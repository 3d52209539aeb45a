// Curated public API of the lessons: the built-in list, the semantic result check, progress, and the book.
export { builtInLessons, resolveLesson } from './catalog.js';
export type { CheckOutcome, ResultPreview } from './check-lesson.js';
export { compareResults, type ResultSet, type Verdict } from './compare-results.js';
export type { CheckRules, LessonDef, LessonSet } from './lesson-def.js';
export { LessonBook, type LessonSummary, type LessonView } from './lesson-service.js';
export type { LessonProgress } from './progress.js';
