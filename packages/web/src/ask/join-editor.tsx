import type { BuilderSource, ColumnInfo } from '@sightline/spec';
import { useEffect, useState } from 'react';
import { type ApiClient, ApiRequestError } from '../api/client.js';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';
import { ColumnSelect } from './column-select.js';
import type { StepDraft } from './draft.js';
import { JoinDoctorPanel, percent } from './join-doctor-panel.js';
import type { JoinReport, KeyMismatch, KeySuggestion } from './join-report.js';

type JoinDraft = Extract<StepDraft, { type: 'join' }>;

/** A side of a join as the join doctor takes it. */
export type DoctorSource = { table: string; label?: string } | { sql: string; label?: string };

function kinds(left: string, right: string) {
  return [
    { kind: 'inner', label: 'Only matches', title: 'Inner join: keep rows that have a match on both sides' },
    { kind: 'left', label: `All ${left}`, title: `Left join: keep every row of ${left}, matched or not` },
    { kind: 'right', label: `All ${right}`, title: `Right join: keep every row of ${right}, matched or not` },
    { kind: 'full', label: 'Everything', title: 'Full join: keep every row of both sides' },
  ] as const;
}

/** A short name of a side for the buttons. */
function shortName(side: DoctorSource | null, fallback: string): string {
  if (!side) return fallback;
  if ('table' in side) return side.table;
  return side.label && side.label.length <= 24 ? side.label : fallback;
}

function errorInfo(err: unknown): ShownError {
  return err instanceof ApiRequestError ? err.info : { message: 'The join check failed.', hints: [] };
}

/** The join step: what to join, how, on which keys (suggested), and the join doctor's check before running. */
export function JoinEditor(props: {
  api: ApiClient;
  step: JoinDraft;
  leftColumns: ColumnInfo[];
  rightColumns: ColumnInfo[];
  tables: string[];
  savedNames: string[];
  left: DoctorSource | null;
  right: DoctorSource | null;
  onChange(step: JoinDraft): void;
  onFix(m: KeyMismatch): void;
}) {
  const { step, api } = props;
  const [report, setReport] = useState<JoinReport | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [suggestions, setSuggestions] = useState<KeySuggestion[]>([]);
  const keysDone = step.on.every((k) => k.left !== '' && k.right !== '');
  const doctorBody =
    props.left && props.right && keysDone
      ? JSON.stringify({ left: props.left, right: props.right, on: step.on, kind: step.kind ?? 'left' })
      : null;
  const keysBody =
    props.left && props.right ? JSON.stringify({ left: props.left, right: props.right }) : null;

  useEffect(() => {
    if (!doctorBody) {
      setReport(null);
      return;
    }
    let live = true;
    setChecking(true);
    const timer = setTimeout(() => {
      api
        .request<JoinReport>('POST', '/join-doctor', JSON.parse(doctorBody))
        .then((r) => {
          if (!live) return;
          setReport(r);
          setError(null);
        })
        .catch((e) => {
          if (!live) return;
          setReport(null);
          setError(errorInfo(e));
        })
        .finally(() => live && setChecking(false));
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, doctorBody]);

  const needKeys = step.on.length === 1 && step.on[0]?.left === '' && step.on[0]?.right === '';
  const { onChange } = props;
  // Suggestions depend on the two sides only; the keys are filled once, when still empty.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (!keysBody) return;
    let live = true;
    // Waits for a pause: editing an earlier step changes the rows so far on every keystroke.
    const timer = setTimeout(() => {
      api
        .request<{ suggestions: KeySuggestion[] }>('POST', '/join-doctor/keys', JSON.parse(keysBody))
        .then((r) => {
          if (!live) return;
          setSuggestions(r.suggestions);
          const best = r.suggestions[0];
          if (needKeys && best) onChange({ ...step, on: [{ left: best.left, right: best.right }] });
        })
        .catch(() => live && setSuggestions([]));
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, keysBody]);

  const withValue =
    step.with.kind === 'table'
      ? `table:${step.with.name}`
      : step.with.kind === 'query'
        ? `query:${step.with.id}`
        : '';
  const pickWith = (v: string) => {
    const [kind, ...rest] = v.split(':');
    const name = rest.join(':');
    const w: BuilderSource = kind === 'query' ? { kind: 'query', id: name } : { kind: 'table', name };
    onChange({ type: 'join', kind: step.kind ?? 'left', with: w, on: [{ left: '', right: '' }] });
  };

  return (
    <div className="ask-rows">
      <div className="ask-row">
        <span className="ask-word">with</span>
        <select
          aria-label="Join with"
          className="ask-input"
          value={withValue}
          onChange={(e) => pickWith(e.target.value)}
        >
          {withValue === '' ? (
            <option value="">{step.with.kind === 'sql' ? 'SQL (with a fixed key)' : 'Pick a table'}</option>
          ) : null}
          <optgroup label="Tables">
            {props.tables.map((t) => (
              <option key={t} value={`table:${t}`}>
                {t}
              </option>
            ))}
          </optgroup>
          {props.savedNames.length > 0 ? (
            <optgroup label="Saved questions">
              {props.savedNames.map((n) => (
                <option key={n} value={`query:${n}`}>
                  {n}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
        <div className="segmented">
          {kinds(shortName(props.left, 'rows so far'), shortName(props.right, 'joined rows')).map((k) => (
            <button
              key={k.kind}
              type="button"
              aria-pressed={(step.kind ?? 'left') === k.kind}
              className={(step.kind ?? 'left') === k.kind ? 'on' : ''}
              title={k.title}
              onClick={() => onChange({ ...step, kind: k.kind })}
            >
              {k.label}
            </button>
          ))}
        </div>
      </div>
      {step.on.map((k, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: key pairs are edited in place by position
        <div className="ask-row" key={i}>
          <span className="ask-word">{i === 0 ? 'where' : 'and'}</span>
          <ColumnSelect
            columns={props.leftColumns}
            value={k.left}
            label="Key column of the rows so far"
            onChange={(left) =>
              onChange({ ...step, on: step.on.map((x, j) => (j === i ? { ...x, left } : x)) })
            }
          />
          <span className="ask-word">=</span>
          <ColumnSelect
            columns={props.rightColumns}
            value={k.right}
            label="Key column of the joined table"
            onChange={(right) =>
              onChange({ ...step, on: step.on.map((x, j) => (j === i ? { ...x, right } : x)) })
            }
          />
          {step.on.length > 1 ? (
            <button
              type="button"
              className="btn ghost small"
              aria-label={`Remove key pair ${i + 1}`}
              onClick={() => onChange({ ...step, on: step.on.filter((_, j) => j !== i) })}
            >
              ✕
            </button>
          ) : null}
        </div>
      ))}
      <div className="ask-row">
        <button
          type="button"
          className="btn ghost small ask-add-line"
          onClick={() => onChange({ ...step, on: [...step.on, { left: '', right: '' }] })}
        >
          + Key pair
        </button>
        {(report && (report.mismatches.length > 0 || report.left.matchedShare >= 0.999) ? [] : suggestions)
          // A column shared by many rows (country, plan) is not a key: only key-like pairs are offered; none while
          // the keys match fully or a fix is offered (the fix is the better next step).
          .filter((s) => s.uniqueness >= 0.5)
          .filter((s) => !step.on.some((k) => k.left === s.left && k.right === s.right))
          .slice(0, 3)
          .map((s) => (
            <button
              key={`${s.left}=${s.right}`}
              type="button"
              className="btn small jd-suggestion"
              title={`Names ${percent(s.nameScore)} alike; ${percent(s.overlap)} of sampled values found`}
              onClick={() => onChange({ ...step, on: [{ left: s.left, right: s.right }] })}
            >
              Use {s.left} = {s.right} <span className="muted">({percent(s.overlap)} of values match)</span>
            </button>
          ))}
      </div>
      {checking && !report ? <p className="muted small">Checking the join…</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
      {report ? <JoinDoctorPanel report={report} onFix={props.onFix} /> : null}
    </div>
  );
}
