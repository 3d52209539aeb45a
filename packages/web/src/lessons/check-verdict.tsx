import type { CheckResult } from './lesson-types.js';

/** The check's answer in plain words: a success with the next step, or what differs and what to try. */
export function CheckVerdict(props: { result: CheckResult; nextTitle: string | null; onNext(): void }) {
  const { result } = props;
  if (result.passed) {
    return (
      <div className="lesson-verdict pass" role="status" data-testid="verdict">
        <span className="verdict-icon" aria-hidden="true">
          ✓
        </span>
        <div className="verdict-body">
          <strong>Well done! </strong>
          <span>{result.message.replace(/^Correct: y/, 'Y')}</span>
          <div className="verdict-actions">
            {props.nextTitle ? (
              <button type="button" className="btn primary" onClick={props.onNext}>
                Next lesson: {props.nextTitle} →
              </button>
            ) : (
              <span className="muted">That was the last lesson. You can now write real product SQL.</span>
            )}
          </div>
        </div>
      </div>
    );
  }
  return (
    <div className="lesson-verdict miss" role="status" data-testid="verdict">
      <span className="verdict-icon" aria-hidden="true">
        →
      </span>
      <div className="verdict-body">
        <strong>Not yet. </strong>
        <span>{result.message}</span>
        {result.details.length > 0 ? (
          <ul className="verdict-details">
            {result.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
