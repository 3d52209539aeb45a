import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiClient, ApiRequestError } from '../api/client.js';
import { ResultPanel } from '../app/result-panel.js';
import { errorSpan } from '../editor/error-marks.js';
import { SqlEditor, type SqlEditorHandle } from '../editor/sql-editor.js';
import { useQueryRuns } from '../query/use-query-runs.js';
import { sortedSql } from '../sql/result-sql.js';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';
import { CheckVerdict } from './check-verdict.js';
import { dropDraft, loadDraft, saveDraft } from './lesson-drafts.js';
import type { CheckResult, LessonSummary, LessonView, TeacherLesson } from './lesson-types.js';

/** Props of `LessonPage`. */
export interface LessonPageProps {
  api: ApiClient;
  lesson: LessonView;
  lessons: LessonSummary[];
  schema: Record<string, string[]>;
  storage: Storage;
  /** The lesson's progress changed (a check or a reset). */
  onChanged(view: LessonView): void;
  onOpen(id: string): void;
  /** Opens SQL in a new tab of the SQL area. */
  onOpenSql(sql: string): void;
}

/** The character offset of an error's position, when it has one. */
function offsetOf(err: object | null | undefined): number | undefined {
  const pos = err && 'position' in err ? (err.position as { offset?: unknown } | undefined) : undefined;
  return typeof pos?.offset === 'number' ? pos.offset : undefined;
}

function shownFromTeacher(t: TeacherLesson): ShownError {
  return { message: t.title, hints: [t.detail], lesson: t, ...(t.position ? { position: t.position } : {}) };
}

/** One lesson: the idea, the goal, hints revealed one at a time, an editor, Run, Check and the verdict. */
export function LessonPage(props: LessonPageProps) {
  const { api, lesson, storage } = props;
  const editor = useRef<SqlEditorHandle>(null);
  const feedback = useRef<HTMLDivElement>(null);
  const [sql, setSql] = useState(
    () => loadDraft(storage, lesson.id) ?? lesson.progress.lastSql ?? lesson.starter,
  );
  const [hintsShown, setHintsShown] = useState(0);
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [failure, setFailure] = useState<ShownError | null>(null);
  const [showAnswer, setShowAnswer] = useState(false);
  const { runs, start, cancel } = useQueryRuns(api, () => undefined);
  const run = runs[lesson.id];
  const done = lesson.progress.completedAt !== null;

  const edit = (text: string) => {
    setSql(text);
    saveDraft(storage, lesson.id, text);
  };

  const runSql = useCallback(
    (text: string) => {
      if (text.trim() === '') return;
      editor.current?.showError(null);
      void start(lesson.id, text, { userSql: text, base: 0, sort: null });
    },
    [lesson.id, start],
  );

  const check = async () => {
    setChecking(true);
    setFailure(null);
    editor.current?.showError(null);
    try {
      const out = await api.request<CheckResult>('POST', `/lessons/${encodeURIComponent(lesson.id)}/check`, {
        sql,
      });
      setResult(out);
      props.onChanged(out.lesson);
      requestAnimationFrame(() =>
        feedback.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' }),
      );
      if (!out.error) runSql(sql);
    } catch (err) {
      setResult(null);
      setFailure(
        err instanceof ApiRequestError ? err.info : { message: 'The check could not be run.', hints: [] },
      );
    } finally {
      setChecking(false);
    }
  };

  const startOver = async () => {
    try {
      const view = await api.request<LessonView>('POST', `/lessons/${encodeURIComponent(lesson.id)}/reset`);
      dropDraft(storage, lesson.id);
      setSql(view.starter);
      setResult(null);
      setHintsShown(0);
      setShowAnswer(false);
      props.onChanged(view);
    } catch (err) {
      setFailure(
        err instanceof ApiRequestError ? err.info : { message: 'The lesson could not be reset.', hints: [] },
      );
    }
  };

  // Underline where the teacher says the SQL is wrong (from a check or a run).
  const taught = result?.error;
  const runError = run?.state === 'error' && !run.sort ? run.error : null;
  const errorOffset = offsetOf(taught) ?? offsetOf(runError);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new error moves the underline (typing clears it)
  useEffect(() => {
    if (errorOffset !== undefined) editor.current?.showError(errorSpan(sql, errorOffset));
  }, [errorOffset, taught, runError]);

  const applyFix = (fixed: string) => {
    if (fixed === '') return;
    edit(fixed);
    editor.current?.focus();
  };

  const covering = (id: string | undefined) =>
    id === undefined ? undefined : props.lessons.find((l) => l.id === id || l.covers.includes(id));
  const taughtLesson = covering(taught?.lesson);
  const next = lesson.next ? props.lessons.find((l) => l.id === lesson.next) : undefined;

  return (
    <article className="lesson-page" aria-labelledby="lesson-title">
      <header className="lesson-head">
        <p className="lesson-kicker">
          Lesson {lesson.number} of {props.lessons.length}
          {done ? <span className="lesson-done-badge">✓ Done</span> : null}
          {lesson.progress.attempts > 0 ? (
            <span>
              · checked {lesson.progress.attempts} {lesson.progress.attempts === 1 ? 'time' : 'times'}
            </span>
          ) : null}
        </p>
        <h1 id="lesson-title">{lesson.title}</h1>
      </header>
      <section className="lesson-concept" aria-label="The idea">
        {lesson.concept.map((p) => (
          <p key={p}>{p}</p>
        ))}
      </section>
      <section className="lesson-goal" aria-label="Your goal">
        <h2>Your goal</h2>
        <p>{lesson.goal}</p>
      </section>
      {hintsShown > 0 ? (
        <ol className="lesson-hints" aria-label="Hints">
          {lesson.hints.slice(0, hintsShown).map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ol>
      ) : null}
      <div className="lesson-editor">
        <SqlEditor
          ref={editor}
          value={sql}
          schema={props.schema}
          label={`SQL for lesson ${lesson.number}`}
          onChange={edit}
          onRun={(req) => runSql(req.sql)}
        />
      </div>
      <div className="lesson-actions">
        <button type="button" className="btn" onClick={() => runSql(sql)} title="Run (Ctrl/Cmd+Enter)">
          Run <kbd>Ctrl+Enter</kbd>
        </button>
        <button type="button" className="btn primary" onClick={() => void check()} disabled={checking}>
          {checking ? 'Checking…' : 'Check my answer'}
        </button>
        <span className="lesson-actions-end">
          {hintsShown < lesson.hints.length ? (
            <button type="button" className="btn ghost small" onClick={() => setHintsShown((n) => n + 1)}>
              {hintsShown === 0 ? 'Show a hint' : 'Another hint'} ({hintsShown + 1} of {lesson.hints.length})
            </button>
          ) : null}
          {lesson.solution ? (
            <button type="button" className="btn ghost small" onClick={() => setShowAnswer((v) => !v)}>
              {showAnswer ? 'Hide the answer' : 'Show the answer'}
            </button>
          ) : null}
          <button
            type="button"
            className="btn ghost small"
            onClick={() => void startOver()}
            title="Forget this lesson's progress and start from its first SQL"
          >
            Start over
          </button>
        </span>
      </div>
      {showAnswer && lesson.solution ? (
        <div className="lesson-answer">
          <pre>{lesson.solution}</pre>
          <button type="button" className="btn small" onClick={() => props.onOpenSql(lesson.solution ?? '')}>
            Open in the SQL editor
          </button>
        </div>
      ) : null}
      <div ref={feedback} className="lesson-feedback">
        {failure ? <ErrorMessage error={failure} /> : null}
        {result && !result.error ? (
          <CheckVerdict
            result={result}
            nextTitle={next?.title ?? null}
            onNext={() => (lesson.next ? props.onOpen(lesson.next) : undefined)}
          />
        ) : null}
        {taught ? (
          <div className="lesson-error">
            <ErrorMessage error={shownFromTeacher(taught)} onFix={applyFix} />
            {taughtLesson && taughtLesson.id !== lesson.id ? (
              <button type="button" className="lesson-learn" onClick={() => props.onOpen(taughtLesson.id)}>
                Learn more in lesson {taughtLesson.number}: {taughtLesson.title} →
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {run ? (
        <div className="lesson-result">
          <ResultPanel
            key={lesson.id}
            api={api}
            run={run}
            onCancel={() => void cancel(lesson.id)}
            onSort={(sort) => {
              if (!run) return;
              void start(lesson.id, sortedSql(run.userSql, sort.column, sort.direction), {
                userSql: run.userSql,
                base: 0,
                sort,
              });
            }}
            onUseCandidate={(candidate) => {
              const offset = offsetOf(runError);
              if (offset === undefined) return;
              const span = errorSpan(sql, offset);
              edit(`${sql.slice(0, span.from)}${candidate}${sql.slice(span.to)}`);
            }}
            onApplyFix={applyFix}
            onOpenSql={props.onOpenSql}
          />
        </div>
      ) : null}
    </article>
  );
}
