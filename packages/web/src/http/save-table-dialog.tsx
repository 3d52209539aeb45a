// biome-ignore-all lint/a11y/noStaticElementInteractions: a press on the backdrop closes the dialog, as Esc does
import { detectPagination } from '@sightline/spec';
import { useEffect, useState } from 'react';
import { ApiRequestError } from '../api/client.js';
import { formatCount, formatDuration } from '../format/format.js';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';
import type { HttpApi } from './http-api.js';
import type { HttpExchange, HttpRequestSpec, Pagination, SaveTableOutcome } from './http-types.js';
import { saveProblem, suggestTableName } from './save-table-draft.js';

type Kind = 'none' | Pagination['kind'];

const KIND_LABELS: Record<Kind, string> = {
  none: 'Only this response',
  link: 'Link header (rel="next")',
  cursor: 'A next-cursor field',
  page: 'A page number parameter',
  offset: 'An offset parameter',
};

/**
 * "Save as table": which list becomes the table (suggested), its name, and how to follow pages up to a limit.
 * All pages are appended into one table with a `_page` column.
 */
export function SaveTableDialog(props: {
  http: HttpApi;
  exchange: HttpExchange;
  request: HttpRequestSpec;
  environment: string | null;
  takenNames: readonly string[];
  onSaved(outcome: SaveTableOutcome): void;
  onClose(): void;
}) {
  const { exchange } = props;
  const [arrayPath, setArrayPath] = useState(exchange.arrays[0]?.path ?? '');
  const [table, setTable] = useState(() => suggestTableName(props.request.url, props.takenNames));
  const [mode, setMode] = useState<'create' | 'replace' | 'append'>('create');
  const [suggested] = useState(() => detectPagination(props.request, exchange));
  const [kind, setKind] = useState<Kind>(suggested?.kind ?? 'none');
  const [cursorPath, setCursorPath] = useState(
    suggested?.kind === 'cursor' ? suggested.cursorPath : '$.next_cursor',
  );
  const [param, setParam] = useState(
    suggested && suggested.kind !== 'link' ? suggested.param : kind === 'offset' ? 'offset' : 'page',
  );
  const [limitParam, setLimitParam] = useState(
    suggested?.kind === 'offset' ? (suggested.limitParam ?? '') : 'limit',
  );
  const [pageSize, setPageSize] = useState(
    suggested?.kind === 'offset' ? suggested.pageSize : (exchange.arrays[0]?.length ?? 100),
  );
  const [start, setStart] = useState(suggested?.kind === 'page' ? (suggested.start ?? 1) : 1);
  const [maxPages, setMaxPages] = useState(20);
  const [busy, setBusy] = useState<number | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const [error, setError] = useState<ShownError | null>(null);

  useEffect(() => {
    if (busy === null) return;
    const t = setInterval(() => setElapsed(Date.now() - busy), 250);
    return () => clearInterval(t);
  }, [busy]);

  const paginate: Pagination | null =
    kind === 'none'
      ? null
      : kind === 'link'
        ? { kind: 'link' }
        : kind === 'cursor'
          ? { kind: 'cursor', cursorPath, param }
          : kind === 'page'
            ? { kind: 'page', param, start }
            : {
                kind: 'offset',
                param,
                pageSize,
                ...(limitParam.trim() ? { limitParam: limitParam.trim() } : {}),
              };
  const problem = saveProblem(table, paginate, maxPages);
  const chosen = exchange.arrays.find((a) => a.path === arrayPath);

  const save = async () => {
    setBusy(Date.now());
    setElapsed(0);
    setError(null);
    try {
      const outcome = await props.http.saveTable({
        request: props.request,
        ...(props.environment ? { environment: props.environment } : {}),
        table: table.trim(),
        ...(arrayPath.trim() ? { arrayPath: arrayPath.trim() } : {}),
        flatten: true,
        ...(paginate ? { paginate } : {}),
        maxPages: paginate ? maxPages : 1,
        mode,
      });
      props.onSaved(outcome);
    } catch (err) {
      setError(
        err instanceof ApiRequestError ? err.info : { message: 'The table could not be saved.', hints: [] },
      );
    } finally {
      setBusy(null);
    }
  };

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && busy === null && props.onClose()}
    >
      <div
        className="dialog save-table"
        role="dialog"
        aria-modal="true"
        aria-label="Save as table"
        onKeyDown={(e) => e.key === 'Escape' && busy === null && props.onClose()}
      >
        <div className="dialog-head">
          <h2>Save as table</h2>
          <button
            type="button"
            className="btn ghost small"
            aria-label="Close"
            onClick={props.onClose}
            disabled={busy !== null}
          >
            ✕
          </button>
        </div>
        <div className="dialog-body">
          <fieldset className="dialog-section">
            <legend>Which list becomes the rows</legend>
            {exchange.arrays.map((a, i) => (
              <label key={a.path} className="choice">
                <input
                  type="radio"
                  name="array"
                  checked={arrayPath === a.path}
                  onChange={() => setArrayPath(a.path)}
                />
                <code>{a.path}</code>
                <span className="muted">
                  {formatCount(a.length)} item{a.length === 1 ? '' : 's'}
                  {a.columns.length > 0
                    ? ` · ${a.columns.slice(0, 6).join(', ')}${a.columns.length > 6 ? ', …' : ''}`
                    : ''}
                </span>
                {i === 0 ? <span className="tag">suggested</span> : null}
              </label>
            ))}
            {exchange.arrays.length === 0 ? (
              <label className="field">
                Path to the list (leave empty to let Sightline find it in the whole answer)
                <input
                  value={arrayPath}
                  placeholder="$.data"
                  spellCheck={false}
                  onChange={(e) => setArrayPath(e.target.value)}
                />
              </label>
            ) : null}
            <p className="muted small">
              Nested objects become columns named <code>parent_child</code>; each row records the page it came
              from in <code>_page</code>.
            </p>
          </fieldset>
          <div className="dialog-row">
            <label className="field">
              Table name
              <input
                value={table}
                onChange={(e) => setTable(e.target.value)}
                spellCheck={false}
                aria-label="Table name"
              />
            </label>
            <label className="field">
              If the table exists
              <select value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
                <option value="create">Stop (keep the old one)</option>
                <option value="replace">Replace it</option>
                <option value="append">Add these rows to it</option>
              </select>
            </label>
          </div>
          <fieldset className="dialog-section">
            <legend>More pages</legend>
            <div className="dialog-row">
              <label className="field">
                Follow
                <select
                  value={kind}
                  onChange={(e) => {
                    const next = e.target.value as Kind;
                    setKind(next);
                    // A parameter name still at another kind's default follows the new kind's default.
                    if (['page', 'offset', 'cursor'].includes(param) && next !== 'none' && next !== 'link')
                      setParam(next === 'page' ? 'page' : next === 'offset' ? 'offset' : 'cursor');
                  }}
                  aria-label="Pagination"
                >
                  {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
                    <option key={k} value={k}>
                      {KIND_LABELS[k]}
                      {suggested?.kind === k ? ' (found in this response)' : ''}
                    </option>
                  ))}
                </select>
              </label>
              {kind === 'cursor' ? (
                <>
                  <label className="field">
                    Cursor in the response
                    <input
                      value={cursorPath}
                      onChange={(e) => setCursorPath(e.target.value)}
                      spellCheck={false}
                    />
                  </label>
                  <label className="field">
                    Sent back as parameter
                    <input value={param} onChange={(e) => setParam(e.target.value)} spellCheck={false} />
                  </label>
                </>
              ) : null}
              {kind === 'page' ? (
                <>
                  <label className="field">
                    Page parameter
                    <input value={param} onChange={(e) => setParam(e.target.value)} spellCheck={false} />
                  </label>
                  <label className="field narrow">
                    First page
                    <input type="number" value={start} onChange={(e) => setStart(Number(e.target.value))} />
                  </label>
                </>
              ) : null}
              {kind === 'offset' ? (
                <>
                  <label className="field">
                    Offset parameter
                    <input value={param} onChange={(e) => setParam(e.target.value)} spellCheck={false} />
                  </label>
                  <label className="field">
                    Limit parameter (optional)
                    <input
                      value={limitParam}
                      onChange={(e) => setLimitParam(e.target.value)}
                      spellCheck={false}
                    />
                  </label>
                  <label className="field narrow">
                    Items per page
                    <input
                      type="number"
                      min={1}
                      value={pageSize}
                      onChange={(e) => setPageSize(Number(e.target.value))}
                    />
                  </label>
                </>
              ) : null}
              {kind !== 'none' ? (
                <label className="field narrow">
                  At most
                  <span className="with-unit">
                    <input
                      type="number"
                      min={1}
                      max={1000}
                      value={maxPages}
                      aria-label="Maximum pages"
                      onChange={(e) => setMaxPages(Number(e.target.value))}
                    />
                    pages
                  </span>
                </label>
              ) : null}
            </div>
            <p className="muted small">
              {kind === 'none'
                ? 'Only the list in this response is saved.'
                : `Pages are requested one after another until one is empty, there is no next ${kind === 'link' ? 'link' : kind === 'cursor' ? 'cursor' : 'page'}, or ${formatCount(maxPages)} pages were read (the result says which).`}
            </p>
          </fieldset>
          {error ? <ErrorMessage error={error} /> : null}
        </div>
        <div className="dialog-foot">
          <span className="muted small" role="status">
            {busy !== null
              ? `Requesting pages and saving… ${formatDuration(elapsed)}`
              : (problem ??
                (chosen
                  ? `${formatCount(chosen.length)} rows in this page${kind === 'none' ? '' : ', more from the next pages'}.`
                  : ''))}
          </span>
          <div>
            <button type="button" className="btn" onClick={props.onClose} disabled={busy !== null}>
              Cancel
            </button>
            <button
              type="button"
              className="btn primary"
              disabled={busy !== null || problem !== null}
              onClick={save}
            >
              {busy !== null ? 'Saving…' : 'Save table'}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}
