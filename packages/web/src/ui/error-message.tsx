import type { ApiErrorInfo } from '../api/types.js';

/** An error as the UI shows it: the server's one shape, or a local one with the same fields. */
export type ShownError = Pick<ApiErrorInfo, 'message' | 'hints'> & {
  code?: string;
  position?: ApiErrorInfo['position'];
  candidates?: string[];
  lesson?: ApiErrorInfo['lesson'];
};

/** The one place errors are rendered: the plain sentence, then what to do, then one-click fixes. */
export function ErrorMessage(props: {
  error: ShownError;
  onUse?: (candidate: string) => void;
  /** Replaces the SQL that ran with the error teacher's corrected SQL. */
  onFix?: (sql: string) => void;
  /** `warning` for something that worked but needs a look (rows set aside), `error` (default) for a failure. */
  tone?: 'error' | 'warning';
  /** Opens the lesson that covers this error (its id, e.g. `group-by`). */
  onLesson?: (id: string) => void;
}) {
  const { error } = props;
  const warning = props.tone === 'warning';
  return (
    <div
      className={warning ? 'error-box warning-box' : 'error-box'}
      role={warning ? 'status' : 'alert'}
      data-testid={warning ? 'notice' : 'error'}
    >
      <div className="error-title">
        <span className="error-icon" aria-hidden="true">
          {warning ? 'i' : '!'}
        </span>
        <span>{error.message}</span>
      </div>
      {error.hints.length > 0 ? (
        <ul className="error-hints">
          {error.hints.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
      ) : null}
      {(props.onUse && error.candidates && error.candidates.length > 0) ||
      (props.onFix && error.lesson?.fix) ||
      (props.onLesson && error.lesson?.lesson) ? (
        <div className="error-actions">
          {props.onFix && error.lesson?.fix ? (
            <button
              type="button"
              className="btn small"
              title={error.lesson.fix.sql}
              onClick={() => props.onFix?.(error.lesson?.fix?.sql ?? '')}
            >
              {error.lesson.fix.label}
            </button>
          ) : null}
          {props.onUse
            ? (error.candidates ?? [])
                // The teacher's fix is often "Use <candidate>" already: one button per action.
                .filter((c) => !(props.onFix && error.lesson?.fix?.label === `Use ${c}`))
                .slice(0, 3)
                .map((c) => (
                  <button key={c} type="button" className="btn small" onClick={() => props.onUse?.(c)}>
                    Use {c}
                  </button>
                ))
            : null}
          {props.onLesson && error.lesson?.lesson ? (
            <button
              type="button"
              className="btn ghost small"
              onClick={() => props.onLesson?.(error.lesson?.lesson ?? '')}
            >
              Learn this in a short lesson →
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
