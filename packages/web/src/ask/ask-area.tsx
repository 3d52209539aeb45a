import {
  type BuilderQuery,
  type ColumnInfo,
  describeSource,
  describeStep,
  parseBuilderQuery,
  StepSchema,
} from '@sightline/spec';
import { type Dialect, rawQuery, select, star, subqueryRef, table, toSql } from '@sightline/sql';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiRequestError } from '../api/client.js';
import type { LiveTable } from '../api/types.js';
import type { AreaProps } from '../app/areas.js';
import { ResultPanel } from '../app/result-panel.js';
import { formatCount } from '../format/format.js';
import { runToEnd } from '../query/run-to-end.js';
import { dialectFor, type QueryTarget } from '../query/target.js';
import { type SortOrder, useQueryRuns } from '../query/use-query-runs.js';
import { sortedSql } from '../sql/result-sql.js';
import { ErrorMessage } from '../ui/error-message.js';
import './ask.css';
import { type CompileContext, columnsPerStep, compileDraft, untypedStepSql } from './compile-draft.js';
import { leftSide, rightColumns, rightSide } from './doctor-sides.js';
import {
  type AskDraft,
  loadDraft,
  moveStep,
  newStep,
  removeStep,
  replaceStep,
  STEP_MENU,
  saveDraft,
} from './draft.js';
import { EditAsSql } from './edit-as-sql.js';
import { applyJoinFix } from './join-fix.js';
import type { KeyMismatch } from './join-report.js';
import { checkName, loadSaved, saveQuery } from './saved-store.js';
import { SqlView } from './sql-view.js';
import { StepCard } from './step-card.js';
import { StepEditor } from './step-editor.js';

const TAB = 'ask';

function summaryOf(step: unknown): string {
  const parsed = StepSchema.safeParse(step);
  return parsed.success ? describeStep(parsed.data) : 'unfinished';
}

/** Sources and joined tables given as SQL, whose columns are read once with LIMIT 0. */
function sqlTexts(draft: AskDraft): string[] {
  const out: string[] = [];
  if (draft.source?.kind === 'sql') out.push(draft.source.sql);
  for (const s of draft.steps) if (s.type === 'join' && s.with.kind === 'sql') out.push(s.with.sql);
  return out;
}

/** Files used as a source or joined, whose columns are read the same way (kept under their path). */
function filePaths(draft: AskDraft): string[] {
  const out: string[] = [];
  if (draft.source?.kind === 'file') out.push(draft.source.path);
  for (const s of draft.steps) if (s.type === 'join' && s.with.kind === 'file') out.push(s.with.path);
  return out;
}

/** `SELECT * FROM <source> LIMIT 0`: a source's columns without reading its rows. */
function probeSql(text: string, isFile: boolean, dialect: Dialect): string {
  const from = isFile ? table(text, 's') : subqueryRef(rawQuery(text), 's');
  return toSql(select(star()).from(from).limit(0), dialect);
}

/** A live connection's tables as the Ask area holds them: loading, loaded, or why they could not be read. */
type LiveTables = 'loading' | LiveTable[] | { error: string };

/** The Ask area: a question built by clicking (source, then steps), its SQL shown live, the join doctor, results. */
export default function AskArea(props: AreaProps) {
  const { api, catalog, storage } = props;
  const [draft, setDraftState] = useState<AskDraft>(() => loadDraft(storage));
  const [saved, setSaved] = useState<Record<string, BuilderQuery>>({});
  const [sqlColumns, setSqlColumns] = useState<Record<string, ColumnInfo[]>>({});
  const [editing, setEditing] = useState(false);
  const [fixNote, setFixNote] = useState<string | null>(null);
  const [saveName, setSaveName] = useState(draft.savedAs ?? '');
  const [saveNote, setSaveNote] = useState<string | null>(null);
  const [parseNote, setParseNote] = useState<string | null>(null);
  // SQL whose columns are being read (so a re-render doesn't ask twice).
  const reading = useRef(new Set<string>());
  const { runs, start, cancel } = useQueryRuns(api, () => undefined);
  const run = runs[TAB];
  // A question on a live connection reads its tables and runs there, in its dialect.
  const [liveTables, setLiveTables] = useState<Record<string, LiveTables>>({});
  const on = draft.on;
  const target: QueryTarget | undefined = useMemo(
    () =>
      on === undefined
        ? undefined
        : { on, kind: catalog?.connections.find((c) => c.name === on)?.kind ?? 'postgres' },
    [on, catalog],
  );
  const dialect = dialectFor(target);
  const onTables = on === undefined ? undefined : liveTables[on];
  const live = Array.isArray(onTables) ? onTables : undefined;
  const loadLive = useCallback(
    (name: string) => {
      setLiveTables((all) => ({ ...all, [name]: 'loading' }));
      api.connectionCatalog(name).then(
        ({ tables }) => setLiveTables((all) => ({ ...all, [name]: tables })),
        (err: unknown) =>
          setLiveTables((all) => ({
            ...all,
            [name]: {
              error:
                err instanceof ApiRequestError
                  ? err.info.message
                  : `The tables of ${name} could not be read.`,
            },
          })),
      );
    },
    [api],
  );
  useEffect(() => {
    if (on !== undefined && liveTables[on] === undefined) loadLive(on);
  }, [on, liveTables, loadLive]);

  const setDraft = useCallback(
    (next: AskDraft) => {
      setDraftState(next);
      saveDraft(storage, next);
    },
    [storage],
  );
  const ctx: CompileContext = useMemo(
    () => ({ catalog, sqlColumns, saved, dialect, ...(on === undefined ? {} : { live: live ?? [] }) }),
    [catalog, sqlColumns, saved, dialect, on, live],
  );
  const perStep = useMemo(() => columnsPerStep(draft, ctx), [draft, ctx]);
  const compiled = useMemo(() => compileDraft(draft, ctx), [draft, ctx]);
  const tables =
    on === undefined ? (catalog?.tables.map((t) => t.table) ?? []) : (live ?? []).map((t) => t.table);

  useEffect(() => {
    let live = true;
    loadSaved(api)
      .then((s) => live && setSaved(s))
      .catch(() => live && setSaved({}));
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    const files = new Set(filePaths(draft));
    const missing = [
      ...sqlTexts(draft).filter((s) => !(s in sqlColumns)),
      ...[...files].filter((f) => !(f in sqlColumns)),
      ...untypedStepSql(draft, ctx),
    ].filter((s) => !reading.current.has(s));
    // Results are kept even after the draft moved on: they are a cache by SQL text (or file path).
    for (const sql of missing) {
      reading.current.add(sql);
      const probe = probeSql(sql, files.has(sql), dialect);
      runToEnd(api, probe, 0, undefined, on)
        .then((page) => setSqlColumns((all) => ({ ...all, [sql]: page.columns })))
        .catch(() => setSqlColumns((all) => ({ ...all, [sql]: [] })))
        .finally(() => reading.current.delete(sql));
    }
  }, [api, draft, sqlColumns, ctx, dialect, on]);

  const runNow = useCallback(() => {
    if (!compiled.ok) return;
    void start(TAB, compiled.sql, {
      userSql: compiled.sql,
      base: 0,
      sort: null,
      ...(target ? { target } : {}),
    });
  }, [compiled, start, target]);

  const shown = props.active;
  useEffect(() => {
    if (!shown) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        runNow();
      } else if (e.key === 'Escape') void cancel(TAB);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runNow, cancel, shown]);

  const onSort = (sort: SortOrder) => {
    if (!run) return;
    void start(TAB, sortedSql(run.userSql, sort.column, sort.direction, dialectFor(run.target)), {
      userSql: run.userSql,
      base: 0,
      sort,
      ...(run.target ? { target: run.target } : {}),
    });
  };

  const fixJoin = (index: number, m: KeyMismatch) => {
    const step = draft.steps[index];
    if (step?.type !== 'join') return;
    const r = applyJoinFix(draft, index, m, perStep[index] ?? [], rightColumns(step.with, ctx));
    if (r.ok) {
      setDraft(r.draft);
      setFixNote(null);
    } else setFixNote(r.reason);
  };

  const save = async () => {
    const name = saveName.trim();
    const problem = checkName(name);
    if (problem) return setSaveNote(problem);
    const parsed = parseBuilderQuery({ version: 1, source: draft.source, steps: draft.steps });
    if (!parsed.ok) return setSaveNote(parsed.error);
    try {
      await saveQuery(api, name, parsed.value);
      setSaved((all) => ({ ...all, [name]: parsed.value }));
      setDraft({ ...draft, savedAs: name });
      setSaveNote(`Saved as "${name}".`);
    } catch (err) {
      setSaveNote(err instanceof ApiRequestError ? err.info.message : 'The question could not be saved.');
    }
  };

  const openSaved = (name: string) => {
    const q = saved[name];
    if (q) setDraft({ source: q.source, steps: q.steps, savedAs: name });
    setSaveName(name);
  };

  const pickSource = (value: string) => {
    if (value === '') return;
    const [kind, ...rest] = value.split(':');
    const name = rest.join(':');
    const workspace = {
      source: draft.source,
      steps: draft.steps,
      ...(draft.savedAs ? { savedAs: draft.savedAs } : {}),
    };
    if (kind === 'saved') return openSaved(name);
    if (kind === 'query') return setDraft({ ...workspace, source: { kind: 'query', id: name } });
    if (kind === 'file') return setDraft({ ...workspace, source: { kind: 'file', path: name } });
    if (kind === 'live' && on !== undefined) {
      const [schema, ...table] = name.split('.');
      return setDraft({ ...draft, source: { kind: 'table', schema: schema ?? '', name: table.join('.') } });
    }
    setDraft({ ...workspace, source: { kind: 'table', name } });
  };

  /** Starts a question on a table of the live connection `name`. */
  const startLive = (name: string, t: LiveTable) =>
    setDraft({ source: { kind: 'table', schema: t.schema, name: t.table }, steps: [], on: name });

  const sourceValue =
    draft.source?.kind === 'table'
      ? on !== undefined
        ? `live:${draft.source.schema ?? 'public'}.${draft.source.name}`
        : `table:${draft.source.name}`
      : draft.source?.kind === 'query'
        ? `query:${draft.source.id}`
        : draft.source?.kind === 'file'
          ? `file:${draft.source.path}`
          : '';
  const savedNames = Object.keys(saved).sort();
  const stepError = !compiled.ok && compiled.error.step !== undefined ? compiled.error : null;
  const lastColumns = perStep[draft.steps.length] ?? [];

  if (!draft.source) {
    return (
      <div className="ask ask-start">
        <h2>Ask a question, step by step</h2>
        <p className="muted">
          Start from a table or a file. Then filter, join, summarise and sort by clicking; the SQL is written
          for you beside the steps.
        </p>
        {tables.length === 0 ? (
          <p className="empty-state">
            There are no tables in the workspace yet. Import a file or load the sample data from the SQL area,
            then come back.
          </p>
        ) : (
          <ul className="ask-table-list" aria-label="Tables to start from">
            {catalog?.tables.map((t) => (
              <li key={t.table}>
                <button
                  type="button"
                  className="ask-table-card"
                  onClick={() => pickSource(`table:${t.table}`)}
                >
                  <strong title={t.table}>{t.table}</strong>
                  <span className="muted small">
                    {formatCount(t.rows)} rows · {t.columns.length} columns
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {(catalog?.files.length ?? 0) > 0 ? (
          <>
            <h3>Files in the workspace</h3>
            <ul className="ask-table-list" aria-label="Files to start from">
              {catalog?.files.map((f) => (
                <li key={f.path}>
                  <button
                    type="button"
                    className="ask-table-card"
                    onClick={() => pickSource(`file:${f.path}`)}
                  >
                    <strong title={f.path}>{f.name}</strong>
                    <span className="muted small">read directly, without importing it</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {(catalog?.connections ?? []).map((c) => {
          const state = liveTables[c.name];
          return (
            <section key={c.name} className="ask-live" aria-label={`Tables of ${c.name}`}>
              <h3>
                Tables in {c.name}{' '}
                <span className="muted small">(live {c.kind}: the question runs there)</span>
              </h3>
              {state === undefined ? (
                <button type="button" className="btn small" onClick={() => loadLive(c.name)}>
                  List the tables of {c.name}
                </button>
              ) : state === 'loading' ? (
                <p className="muted small">Reading the tables of {c.name}…</p>
              ) : Array.isArray(state) ? (
                state.length === 0 ? (
                  <p className="muted small">{c.name} has no tables.</p>
                ) : (
                  <ul className="ask-table-list" aria-label={`Tables of ${c.name} to start from`}>
                    {state.map((t) => (
                      <li key={`${t.schema}.${t.table}`}>
                        <button type="button" className="ask-table-card" onClick={() => startLive(c.name, t)}>
                          <strong title={`${t.schema}.${t.table}`}>
                            {t.schema === 'public' ? t.table : `${t.schema}.${t.table}`}
                          </strong>
                          <span className="muted small">
                            {t.estimated ? 'about ' : ''}
                            {formatCount(t.rows)} rows · {t.columns.length} columns
                          </span>
                        </button>
                      </li>
                    ))}
                  </ul>
                )
              ) : (
                <ErrorMessage error={{ message: state.error, hints: [] }} tone="warning" />
              )}
            </section>
          );
        })}
        {savedNames.length > 0 ? (
          <>
            <h3>Saved questions</h3>
            <div className="ask-table-list">
              {savedNames.map((n) => (
                <button key={n} type="button" className="ask-table-card" onClick={() => openSaved(n)}>
                  <strong>{n}</strong>
                  <span className="muted small">{describeSource(saved[n]!.source)}</span>
                </button>
              ))}
            </div>
          </>
        ) : null}
        <p>
          <button type="button" className="btn ghost small" onClick={() => setEditing(true)}>
            Or paste SQL…
          </button>
        </p>
        {editing ? (
          <EditAsSql
            api={api}
            initial=""
            onSteps={(q, reason) => {
              setDraft({ source: q.source, steps: q.steps });
              setParseNote(reason ?? null);
              setEditing(false);
            }}
            onSource={(sql) => {
              setDraft({ source: { kind: 'sql', sql }, steps: [] });
              setEditing(false);
            }}
            onClose={() => setEditing(false)}
          />
        ) : null}
      </div>
    );
  }

  return (
    <div className="ask">
      <div className="ask-top">
        <section className="ask-steps" aria-label="Steps">
          <div className="ask-source">
            <span className="ask-step-number source" aria-hidden="true">
              ▶
            </span>
            <label className="ask-word" htmlFor="ask-source">
              Start from
            </label>
            {draft.source.kind === 'sql' ? (
              <span className="ask-chip">your SQL</span>
            ) : on !== undefined ? (
              <select
                id="ask-source"
                className="ask-input"
                value={sourceValue}
                onChange={(e) => pickSource(e.target.value)}
              >
                <optgroup label={`Tables of ${on}`}>
                  {live === undefined ? (
                    <option value={sourceValue}>{sourceValue.slice('live:'.length)}</option>
                  ) : (
                    live.map((t) => (
                      <option key={`${t.schema}.${t.table}`} value={`live:${t.schema}.${t.table}`}>
                        {t.schema === 'public' ? t.table : `${t.schema}.${t.table}`}
                      </option>
                    ))
                  )}
                </optgroup>
              </select>
            ) : (
              <select
                id="ask-source"
                className="ask-input"
                value={sourceValue}
                onChange={(e) => pickSource(e.target.value)}
              >
                <optgroup label="Tables">
                  {tables.map((t) => (
                    <option key={t} value={`table:${t}`}>
                      {t}
                    </option>
                  ))}
                </optgroup>
                {(catalog?.files.length ?? 0) > 0 ? (
                  <optgroup label="Files">
                    {catalog?.files.map((f) => (
                      <option key={f.path} value={`file:${f.path}`}>
                        {f.name}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                {savedNames.length > 0 ? (
                  <optgroup label="Saved questions (as a source)">
                    {savedNames.map((n) => (
                      <option key={n} value={`query:${n}`}>
                        {n}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
              </select>
            )}
            {on !== undefined ? (
              <span className="ask-chip" title={`The question reads ${on} and runs there (pushed down)`}>
                on {on}
              </span>
            ) : null}
            <span className="muted small">{perStep[0]?.length ?? 0} columns</span>
            <button
              type="button"
              className="btn ghost small ask-new"
              onClick={() => {
                setDraft({ source: null, steps: [] });
                setSaveName('');
              }}
            >
              New question
            </button>
          </div>
          {draft.steps.map((step, i) => (
            <StepCard
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are identified by their place in the list
              key={i}
              index={i}
              count={draft.steps.length}
              type={step.type}
              summary={summaryOf(step)}
              error={stepError?.step === i ? stepError.message.replace(/^Step \d+: /, '') : undefined}
              onMove={(d) => setDraft({ ...draft, steps: moveStep(draft.steps, i, d) })}
              onRemove={() => setDraft({ ...draft, steps: removeStep(draft.steps, i) })}
            >
              <StepEditor
                api={api}
                step={step}
                columns={perStep[i] ?? []}
                join={{
                  rightColumns: step.type === 'join' ? rightColumns(step.with, ctx) : [],
                  tables,
                  savedNames: on === undefined ? savedNames : [],
                  // The join doctor reads the workspace: not offered on a live connection.
                  left: step.type === 'join' && on === undefined ? leftSide(draft, i, ctx) : null,
                  right: step.type === 'join' && on === undefined ? rightSide(step.with, ctx) : null,
                  onFix: (m) => fixJoin(i, m),
                }}
                onChange={(s) => setDraft({ ...draft, steps: replaceStep(draft.steps, i, s) })}
              />
            </StepCard>
          ))}
          {parseNote ? <ErrorMessage error={{ message: parseNote, hints: [] }} tone="warning" /> : null}
          {fixNote ? <ErrorMessage error={{ message: fixNote, hints: [] }} tone="warning" /> : null}
          <fieldset className="ask-add">
            <legend className="visually-hidden">Add a step</legend>
            {STEP_MENU.map((m) => (
              <button
                key={m.type}
                type="button"
                className="btn small"
                title={m.hint}
                onClick={() => setDraft({ ...draft, steps: [...draft.steps, newStep(m.type, lastColumns)] })}
              >
                + {m.label}
              </button>
            ))}
          </fieldset>
        </section>
        <aside className="ask-side" aria-label="SQL">
          <div className="ask-side-bar">
            <strong>SQL</strong>
            <span className="muted small">written from your steps, one named part per step</span>
            {editing || on !== undefined ? null : (
              <button
                type="button"
                className="btn ghost small ask-edit-button"
                onClick={() => setEditing(true)}
              >
                Edit as SQL
              </button>
            )}
          </div>
          {editing ? (
            <EditAsSql
              api={api}
              initial={compiled.ok ? compiled.sql : ''}
              onSteps={(q, reason) => {
                setDraft({ ...draft, source: q.source, steps: q.steps });
                setParseNote(reason ?? null);
                setEditing(false);
              }}
              onSource={(sql) => {
                setDraft({ ...draft, source: { kind: 'sql', sql }, steps: [] });
                setEditing(false);
              }}
              onClose={() => setEditing(false)}
            />
          ) : compiled.ok ? (
            <SqlView sql={compiled.sql} />
          ) : (
            <div className="ask-sql-error">
              <ErrorMessage
                error={{ message: compiled.error.message, hints: compiled.error.hints }}
                tone="warning"
              />
            </div>
          )}
          <div className="ask-actions">
            <button
              type="button"
              className="btn primary"
              disabled={!compiled.ok}
              onClick={runNow}
              title="Run (Ctrl+Enter)"
            >
              Run <kbd>Ctrl</kbd>
              <kbd>Enter</kbd>
            </button>
            <button
              type="button"
              className="btn"
              disabled={!compiled.ok}
              onClick={() =>
                compiled.ok && props.openSql(compiled.sql, draft.savedAs ?? 'Question', false, on)
              }
            >
              Open in SQL editor
            </button>
          </div>
          {on !== undefined ? (
            <p className="muted small">
              Saved questions read the workspace, so a question on {on} can't be saved here yet: Open in SQL
              editor keeps its SQL, running on {on}.
            </p>
          ) : (
            <form
              className="ask-save"
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
            >
              <input
                aria-label="Name of this question"
                className="ask-input"
                placeholder="Name this question"
                value={saveName}
                onChange={(e) => setSaveName(e.target.value)}
              />
              <button type="submit" className="btn small" disabled={saveName.trim() === ''}>
                Save
              </button>
              {saveNote ? <span className="muted small">{saveNote}</span> : null}
            </form>
          )}
        </aside>
      </div>
      {run ? (
        <div className="ask-result">
          <ResultPanel
            api={api}
            run={run}
            onCancel={() => void cancel(TAB)}
            onSort={onSort}
            onUseCandidate={() => undefined}
            onApplyFix={(sql) => props.openSql(sql, 'Fixed question')}
            onOpenSql={(sql) => props.openSql(sql)}
          />
        </div>
      ) : null}
    </div>
  );
}
