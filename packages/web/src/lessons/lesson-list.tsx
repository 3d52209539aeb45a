import type { LessonSummary } from './lesson-types.js';

/** The lessons in order, each with a tick when completed; the open one is marked. */
export function LessonList(props: {
  lessons: LessonSummary[];
  current: string | null;
  completed: number;
  onOpen(id: string): void;
}) {
  const total = props.lessons.length;
  return (
    <nav className="lesson-list" aria-label="Lessons">
      <div className="lesson-list-head">
        <h2>SQL lessons</h2>
        <p className="muted small" data-testid="lessons-done">
          {props.completed} of {total} done
        </p>
        <progress className="lesson-meter" max={total} value={props.completed} aria-label="Lessons done" />
      </div>
      <ol>
        {props.lessons.map((l) => {
          const done = l.progress.completedAt !== null;
          const started = !done && l.progress.startedAt !== null;
          return (
            <li key={l.id}>
              <button
                type="button"
                className="lesson-link"
                aria-current={props.current === l.id ? 'page' : undefined}
                onClick={() => props.onOpen(l.id)}
              >
                <span
                  className={done ? 'lesson-mark done' : started ? 'lesson-mark started' : 'lesson-mark'}
                  aria-hidden="true"
                >
                  {done ? '✓' : l.number}
                </span>
                <span className="lesson-link-title">{l.title}</span>
                <span className="visually-hidden">{done ? ' (done)' : started ? ' (started)' : ''}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
