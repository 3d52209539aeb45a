import type { ReactNode } from 'react';

const TITLES: Record<string, string> = {
  filter: 'Filter',
  customColumn: 'Custom column',
  summarize: 'Summarise',
  sort: 'Sort',
  limit: 'Limit',
  join: 'Join',
};

/** One step of the builder: number, kind, plain-words summary, its editor, and move/delete. */
export function StepCard(props: {
  index: number;
  count: number;
  type: string;
  summary: string;
  error?: string | undefined;
  children: ReactNode;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}) {
  const { index, count } = props;
  const title = TITLES[props.type] ?? props.type;
  return (
    <section
      className={props.error ? 'ask-step has-error' : 'ask-step'}
      aria-label={`Step ${index + 1}: ${title}`}
      data-testid="ask-step"
    >
      <header className="ask-step-head">
        <span className="ask-step-number" aria-hidden="true">
          {index + 1}
        </span>
        <strong>{title}</strong>
        <span className="ask-step-summary muted small">{props.summary}</span>
        <span className="ask-step-tools">
          <button
            type="button"
            className="btn ghost small"
            aria-label={`Move step ${index + 1} up`}
            disabled={index === 0}
            onClick={() => props.onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="btn ghost small"
            aria-label={`Move step ${index + 1} down`}
            disabled={index === count - 1}
            onClick={() => props.onMove(1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="btn ghost small"
            aria-label={`Delete step ${index + 1}`}
            onClick={props.onRemove}
          >
            ✕
          </button>
        </span>
      </header>
      <div className="ask-step-body">{props.children}</div>
      {props.error ? (
        <p className="ask-step-error error-text small" role="alert">
          {props.error}
        </p>
      ) : null}
    </section>
  );
}
