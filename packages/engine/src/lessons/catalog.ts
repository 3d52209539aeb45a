import { SightlineError } from '../errors.js';
import { type LessonDef, type LessonSet, validateLessons } from './lesson-def.js';
import { BASIC_LESSONS } from './lessons-basics.js';
import { COMBINE_LESSONS } from './lessons-combine.js';
import { PRODUCT_LESSONS } from './lessons-product.js';

/** The built-in lessons, in the order they are taught, validated once per call. */
export function builtInLessons(): LessonSet {
  const set: LessonSet = { version: 1, lessons: [...BASIC_LESSONS, ...COMBINE_LESSONS, ...PRODUCT_LESSONS] };
  const checked = validateLessons(set);
  if (!checked.ok) throw new SightlineError(checked.error, { kind: 'internal' });
  return checked.value;
}

/** The lesson with this id, or the lesson that covers it (the error teacher links to ids such as `quotes`). */
export function resolveLesson(set: LessonSet, id: string): LessonDef | undefined {
  return set.lessons.find((l) => l.id === id) ?? set.lessons.find((l) => l.covers?.includes(id));
}

/** Like `resolveLesson`, but an unknown id is a plain error naming the lessons there are. */
export function lessonById(set: LessonSet, id: string): LessonDef {
  const found = resolveLesson(set, id);
  if (found) return found;
  throw new SightlineError(`There is no lesson "${id}".`, {
    kind: 'user',
    hints: [`The lessons are: ${set.lessons.map((l) => l.id).join(', ')}.`],
  });
}
