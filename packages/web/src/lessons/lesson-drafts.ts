/** Storage key of the lesson that was open last. */
export const CURRENT_KEY = 'sightline.lessons.current';

/** The SQL the learner was writing in a lesson (kept across reloads), or null. */
export function loadDraft(storage: Storage, lessonId: string): string | null {
  return storage.getItem(`sightline.lessons.draft.${lessonId}`);
}

/** Keeps the SQL the learner is writing in a lesson. */
export function saveDraft(storage: Storage, lessonId: string, sql: string): void {
  storage.setItem(`sightline.lessons.draft.${lessonId}`, sql);
}

/** Forgets a lesson's draft (after "Start over"). */
export function dropDraft(storage: Storage, lessonId: string): void {
  storage.removeItem(`sightline.lessons.draft.${lessonId}`);
}
