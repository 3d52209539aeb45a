import { useState } from 'react';
import { AuthEditor } from './auth-editor.js';
import { BodyEditor } from './body-editor.js';
import { HTTP_METHODS, type HttpRequestSpec } from './http-types.js';
import { KvEditor } from './kv-editor.js';
import { asMethod, looksLikeCurl } from './request-draft.js';
import { TemplateInput } from './template-input.js';
import { applyUrlText, composeUrl } from './url-query.js';

type Tab = 'params' | 'headers' | 'body' | 'auth';

/** How many rows a tab holds, for its label ("Params 2"). */
export function tabCounts(spec: HttpRequestSpec): Record<Tab, number> {
  return {
    params: spec.query.filter((q) => q.enabled && q.name !== '').length,
    headers: spec.headers.filter((h) => h.enabled && h.name !== '').length,
    body: spec.body.kind === 'none' ? 0 : 1,
    auth: spec.auth.kind === 'none' ? 0 : 1,
  };
}

/**
 * The request: method, URL (with `{{variables}}` highlighted; a pasted cURL command is converted), Send, and tabs
 * for the query parameters, headers, body and auth. The URL field and the Params rows are two views of one list.
 */
export function RequestEditor(props: {
  spec: HttpRequestSpec;
  onChange(spec: HttpRequestSpec): void;
  variables: readonly string[] | null;
  onSend(): void;
  sending: boolean;
  onCurl(text: string): void;
}) {
  const { spec, onChange } = props;
  const [tab, setTab] = useState<Tab>('params');
  // The URL as typed while the request is the one typing made; any other change (Params rows, history, cURL)
  // redraws it from the request. Derived in render, so the field never lags a frame behind.
  const [typed, setTyped] = useState<{ spec: HttpRequestSpec; text: string } | null>(null);
  const urlText = typed?.spec === spec ? typed.text : composeUrl(spec);

  const counts = tabCounts(spec);
  const tabs: { id: Tab; label: string }[] = [
    { id: 'params', label: 'Params' },
    { id: 'headers', label: 'Headers' },
    { id: 'body', label: 'Body' },
    { id: 'auth', label: 'Auth' },
  ];
  const canSend = spec.url.trim() !== '' && !props.sending;
  return (
    <section className="request-editor" aria-label="Request">
      <form
        className="request-line"
        onSubmit={(e) => {
          e.preventDefault();
          if (canSend) props.onSend();
        }}
      >
        <select
          className={`method-select method-${spec.method.toLowerCase()}`}
          aria-label="Method"
          value={spec.method}
          onChange={(e) => onChange({ ...spec, method: asMethod(e.target.value) })}
        >
          {HTTP_METHODS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <TemplateInput
          className="url-field"
          value={urlText}
          label="URL"
          testId="url"
          variables={props.variables}
          placeholder="Type a URL, or paste a cURL command"
          onChange={(text) => {
            if (looksLikeCurl(text) && !looksLikeCurl(urlText)) {
              props.onCurl(text);
              return;
            }
            const next = applyUrlText(spec, text);
            setTyped({ spec: next, text });
            onChange(next);
          }}
          onPaste={(e) => {
            const text = e.clipboardData.getData('text');
            if (looksLikeCurl(text)) {
              e.preventDefault();
              props.onCurl(text);
            }
          }}
        />
        <button type="submit" className="btn primary send" disabled={!canSend}>
          {props.sending ? 'Sending…' : 'Send'}
        </button>
      </form>
      <div className="request-tabs" role="tablist" aria-label="Request parts">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`request-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="request-tab-panel"
            className={tab === t.id ? 'sub-tab on' : 'sub-tab'}
            onClick={() => setTab(t.id)}
          >
            {t.label}
            {counts[t.id] > 0 && (t.id === 'params' || t.id === 'headers') ? (
              <span className="count">{counts[t.id]}</span>
            ) : null}
            {counts[t.id] > 0 && (t.id === 'body' || t.id === 'auth') ? (
              <span className="dot-on">
                <span className="visually-hidden">(set)</span>
              </span>
            ) : null}
          </button>
        ))}
      </div>
      <div
        className="request-panel"
        role="tabpanel"
        id="request-tab-panel"
        aria-labelledby={`request-tab-${tab}`}
      >
        {tab === 'params' ? (
          <KvEditor
            rows={spec.query}
            onChange={(query) => onChange({ ...spec, query })}
            variables={props.variables}
            what="parameter"
            namePlaceholder="Parameter"
            valuePlaceholder="Value"
          />
        ) : null}
        {tab === 'headers' ? (
          <KvEditor
            rows={spec.headers}
            onChange={(headers) => onChange({ ...spec, headers })}
            variables={props.variables}
            what="header"
            namePlaceholder="Header"
            valuePlaceholder="Value"
          />
        ) : null}
        {tab === 'body' ? (
          <BodyEditor
            body={spec.body}
            onChange={(body) => onChange({ ...spec, body })}
            variables={props.variables}
          />
        ) : null}
        {tab === 'auth' ? (
          <AuthEditor
            auth={spec.auth}
            onChange={(auth) => onChange({ ...spec, auth })}
            variables={props.variables}
          />
        ) : null}
      </div>
    </section>
  );
}
