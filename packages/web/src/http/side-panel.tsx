import { useRef, useState } from 'react';
import { formatDuration } from '../format/format.js';
import type { HttpHistoryEntry, OpenApiImport, OpenApiOperation } from './http-types.js';
import { statusClass } from './request-draft.js';
import { composeUrl } from './url-query.js';

/** "3 min ago" for a history entry (the exact time is in the title). */
export function ago(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
}

/** The URL split for a narrow list: the path and query first (what differs between requests), then the host. */
export function splitForList(url: string): { path: string; host: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]+)(.*)$/i.exec(url);
  if (!m) return { path: url, host: '' };
  return { path: m[2] || '/', host: (m[1] ?? '').replace(/^[a-z]+:\/\//i, '') };
}

function Method(props: { method: string }) {
  return <span className={`method-tag method-${props.method.toLowerCase()}`}>{props.method}</span>;
}

/** The side list: past requests, and the operations of an imported OpenAPI document. */
export function SidePanel(props: {
  history: HttpHistoryEntry[] | null;
  onHistory(entry: HttpHistoryEntry): void;
  onClearHistory(): void;
  openApi: OpenApiImport | null;
  onOperation(op: OpenApiOperation): void;
  onImportOpenApi(text: string): void;
  onForgetOpenApi(): void;
  onEnvironmentFromServer(server: string): void;
  openApiBusy: boolean;
}) {
  const [tab, setTab] = useState<'history' | 'openapi'>(props.openApi ? 'openapi' : 'history');
  const [filter, setFilter] = useState('');
  const [pasting, setPasting] = useState(false);
  const [text, setText] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const f = filter.trim().toLowerCase();
  const ops = (props.openApi?.operations ?? []).filter(
    (o) =>
      f === '' || `${o.method} ${o.path} ${o.summary ?? ''} ${o.operationId ?? ''}`.toLowerCase().includes(f),
  );
  return (
    <aside className="api-side" aria-label="History and OpenAPI">
      <div className="side-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'history'}
          className={tab === 'history' ? 'sub-tab on' : 'sub-tab'}
          onClick={() => setTab('history')}
        >
          History
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'openapi'}
          className={tab === 'openapi' ? 'sub-tab on' : 'sub-tab'}
          onClick={() => setTab('openapi')}
        >
          OpenAPI
        </button>
      </div>
      {tab === 'history' ? (
        <div className="side-body" role="tabpanel" aria-label="History">
          {props.history === null ? <p className="muted small">Loading…</p> : null}
          {props.history && props.history.length > 0 ? (
            <div className="side-actions">
              <span className="muted small">
                {props.history.length === 1
                  ? 'The last request'
                  : `The last ${props.history.length} requests`}
              </span>
              <button type="button" className="btn ghost small" onClick={props.onClearHistory}>
                Clear
              </button>
            </div>
          ) : null}
          {props.history?.length === 0 ? (
            <p className="muted small">
              Requests you send appear here, newest first (secrets are never kept).
            </p>
          ) : null}
          <ul className="side-list">
            {(props.history ?? []).map((h) => (
              <li key={h.id}>
                <button
                  type="button"
                  className="side-item"
                  title={`${composeUrl(h.request)}\n${new Date(h.at).toLocaleString()}${h.environment ? ` · ${h.environment}` : ''}\nOpen this request`}
                  onClick={() => props.onHistory(h)}
                >
                  <span className="side-line">
                    <Method method={h.request.method} />
                    <span className="side-url">{splitForList(composeUrl(h.request)).path}</span>
                  </span>
                  <span className="side-meta small">
                    {h.status !== null ? (
                      <span className={`status-text ${statusClass(h.status)}`}>{h.status}</span>
                    ) : (
                      <span className="status-text server-error" title={h.error ?? ''}>
                        failed
                      </span>
                    )}
                    {h.timings ? <span className="muted">{formatDuration(h.timings.total)}</span> : null}
                    <span className="muted">{ago(h.at)}</span>
                  </span>
                  {splitForList(composeUrl(h.request)).host ? (
                    <span className="muted small side-host">{splitForList(composeUrl(h.request)).host}</span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <div className="side-body" role="tabpanel" aria-label="OpenAPI">
          {props.openApi ? (
            <>
              <div className="openapi-head">
                <strong>{props.openApi.title}</strong>
                {props.openApi.version ? <span className="muted small"> {props.openApi.version}</span> : null}
                <button
                  type="button"
                  className="btn ghost small"
                  onClick={props.onForgetOpenApi}
                  title="Forget this document"
                >
                  ✕
                </button>
              </div>
              {props.openApi.servers[0] ? (
                <p className="small openapi-server">
                  <code>{props.openApi.servers[0]}</code>{' '}
                  <button
                    type="button"
                    className="btn small"
                    onClick={() => props.onEnvironmentFromServer(props.openApi?.servers[0] ?? '')}
                  >
                    Use as {'{{base_url}}'}
                  </button>
                </p>
              ) : null}
              <input
                className="side-filter"
                placeholder={`Filter ${props.openApi.operations.length} operations`}
                aria-label="Filter operations"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
              <ul className="side-list">
                {ops.map((o) => (
                  <li key={`${o.method} ${o.path}`}>
                    <button
                      type="button"
                      className="side-item"
                      onClick={() => props.onOperation(o)}
                      title="Try this operation"
                    >
                      <span className="side-line">
                        <Method method={o.method.toUpperCase()} />
                        <span className="side-url">{o.path}</span>
                      </span>
                      {o.summary ? <span className="side-meta small muted">{o.summary}</span> : null}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <div className="openapi-empty">
              <p className="muted small">
                Import an OpenAPI 3 document (JSON or YAML) to list its operations; click one to try it.
              </p>
              <button
                type="button"
                className="btn small"
                onClick={() => file.current?.click()}
                disabled={props.openApiBusy}
              >
                Choose a file…
              </button>
              <button
                type="button"
                className="btn small"
                onClick={() => setPasting((p) => !p)}
                disabled={props.openApiBusy}
              >
                Paste the document
              </button>
              <input
                ref={file}
                type="file"
                hidden
                tabIndex={-1}
                accept=".json,.yaml,.yml,application/json,application/yaml"
                onChange={async (e) => {
                  const chosen = e.target.files?.[0];
                  if (chosen) props.onImportOpenApi(await chosen.text());
                  e.target.value = '';
                }}
              />
              {pasting ? (
                <>
                  <textarea
                    className="body-text"
                    aria-label="OpenAPI document"
                    placeholder="openapi: 3.0.0 …"
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                  />
                  <button
                    type="button"
                    className="btn primary small"
                    disabled={text.trim() === '' || props.openApiBusy}
                    onClick={() => props.onImportOpenApi(text)}
                  >
                    {props.openApiBusy ? 'Reading…' : 'Import'}
                  </button>
                </>
              ) : null}
            </div>
          )}
        </div>
      )}
    </aside>
  );
}
