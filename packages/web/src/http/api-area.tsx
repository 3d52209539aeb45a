import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiRequestError } from '../api/client.js';
import type { AreaProps } from '../app/areas.js';
import { formatDuration } from '../format/format.js';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';
import { ApiEmpty } from './api-empty.js';
import { CurlDialog } from './curl-dialog.js';
import { EnvironmentEditor } from './environment-editor.js';
import { HttpApi } from './http-api.js';
import {
  type HttpEnvironment,
  type HttpExchange,
  type HttpHistoryEntry,
  type HttpRequestSpec,
  type OpenApiImport,
  SECRET_MASK,
} from './http-types.js';
import { asRequest, clearMasked, hasTypedSecrets, loadDraft, saveDraft } from './request-draft.js';
import { RequestEditor } from './request-editor.js';
import { ResponseView } from './response-view.js';
import { SaveTableDialog } from './save-table-dialog.js';
import { environmentFor, extractSecrets } from './secret-extract.js';
import { SidePanel } from './side-panel.js';
import { useSend } from './use-send.js';
import './http.css';
import './side-and-dialogs.css';

const ENV_KEY = 'sightline.api.environment';
const OPENAPI_KEY = 'sightline.api.openapi.v1';

function shown(err: unknown, fallback: string): ShownError {
  return err instanceof ApiRequestError ? err.info : { message: fallback, hints: [] };
}

function loadOpenApi(storage: Storage): OpenApiImport | null {
  try {
    const raw = storage.getItem(OPENAPI_KEY);
    const parsed = raw ? (JSON.parse(raw) as OpenApiImport) : null;
    return parsed && Array.isArray(parsed.operations) ? parsed : null;
  } catch {
    return null;
  }
}

function quoteTable(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The API area: build a request (or paste cURL), send it, read the answer, and save a list as a table. */
export default function ApiArea(props: AreaProps) {
  const { api, storage } = props;
  const http = useMemo(() => new HttpApi(api), [api]);
  const [spec, setSpec] = useState<HttpRequestSpec>(() => loadDraft(storage));
  const [environments, setEnvironments] = useState<HttpEnvironment[]>([]);
  const [envName, setEnvName] = useState<string | null>(() => storage.getItem(ENV_KEY) || null);
  const [history, setHistory] = useState<HttpHistoryEntry[] | null>(null);
  const [openApi, setOpenApi] = useState<OpenApiImport | null>(() => loadOpenApi(storage));
  const [exchange, setExchange] = useState<{
    x: HttpExchange;
    request: HttpRequestSpec;
    env: string | null;
  } | null>(null);
  const sending = useSend();
  const [error, setError] = useState<ShownError | null>(null);
  const [notice, setNotice] = useState<{ text: string; ms: number } | null>(null);
  const [dialog, setDialog] = useState<'curl' | 'env' | 'save' | null>(null);
  const [curlBusy, setCurlBusy] = useState(false);
  const [curlError, setCurlError] = useState<ShownError | null>(null);
  const [openApiBusy, setOpenApiBusy] = useState(false);

  useEffect(() => saveDraft(storage, spec), [storage, spec]);
  useEffect(() => {
    if (envName) storage.setItem(ENV_KEY, envName);
    else storage.removeItem(ENV_KEY);
  }, [storage, envName]);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), notice.ms);
    return () => clearTimeout(t);
  }, [notice]);
  /** Shows a passing message: short ones (a copy) briefly, ones to read (cURL notes) longer. */
  const say = useCallback((text: string, ms = 8000) => setNotice({ text, ms }), []);

  const loadEnvironments = useCallback(() => {
    http
      .environments()
      .then(setEnvironments, (err: unknown) => setError(shown(err, 'The environments could not be loaded.')));
  }, [http]);
  const loadHistory = useCallback(() => {
    http.history().then(setHistory, () => setHistory([]));
  }, [http]);
  useEffect(() => {
    loadEnvironments();
    loadHistory();
  }, [loadEnvironments, loadHistory]);

  const env = environments.find((e) => e.name === envName) ?? null;
  const variables = env ? env.variables.map((v) => v.name) : null;

  const send = async () => {
    const request = spec;
    const envNow = env?.name ?? null;
    setError(null);
    const result = await sending.run((signal) => http.send(request, envNow, signal));
    if (result.ok) setExchange({ x: result.value, request, env: envNow });
    else {
      setExchange(null);
      if (result.cancelled) say('Cancelled: the request was stopped before an answer came back.');
      else setError(shown(result.error, 'The request could not be sent.'));
    }
    loadHistory();
  };

  const importCurl = async (text: string) => {
    setCurlBusy(true);
    setCurlError(null);
    try {
      const { request, notes } = await http.parseCurl(text);
      const parsed = asRequest(request);
      if (!parsed) throw new Error('not a request');
      setSpec(parsed);
      setDialog(null);
      say(
        [
          `Filled in from the cURL command: ${parsed.method} ${parsed.url}. Press Send when ready.`,
          ...(notes ?? []),
        ].join(' '),
      );
    } catch (err) {
      const e = shown(err, 'That cURL command could not be read.');
      if (dialog === 'curl') setCurlError(e);
      else {
        setCurlError(e);
        setDialog('curl');
      }
    } finally {
      setCurlBusy(false);
    }
  };

  const copy = (text: string, what: string) => {
    navigator.clipboard.writeText(text).then(
      () => say(`Copied ${what}.`, 3000),
      () => say('The clipboard is not available: select the text and copy it instead.'),
    );
  };

  const copyCurl = async () => {
    try {
      const curl = await http.exportCurl(spec, env?.name ?? null);
      await navigator.clipboard.writeText(curl);
      const secrets = env?.variables.filter((v) => v.secret).map((v) => `$${v.name.toUpperCase()}`) ?? [];
      say(
        /\$[A-Z_]/.test(curl) && secrets.length > 0
          ? 'Copied the cURL command. Secrets appear as shell variables (never their values): set them in your terminal first.'
          : 'Copied the cURL command.',
      );
    } catch (err) {
      setError(shown(err, 'The cURL command could not be made.'));
    }
  };

  const importOpenApi = async (text: string) => {
    setOpenApiBusy(true);
    setError(null);
    try {
      const doc = await http.openApi(text);
      setOpenApi(doc);
      storage.setItem(OPENAPI_KEY, JSON.stringify(doc));
    } catch (err) {
      setError(shown(err, 'That OpenAPI document could not be read.'));
    } finally {
      setOpenApiBusy(false);
    }
  };

  const environmentFromServer = async (server: string) => {
    const name = envName ?? (openApi?.title || 'api').slice(0, 100);
    const existing = environments.find((e) => e.name === name);
    const variables = (existing?.variables ?? [])
      .filter((v) => v.name !== 'base_url')
      .map((v) => ({ name: v.name, secret: v.secret, value: v.secret ? null : v.value }));
    try {
      await http.saveEnvironment(name, [{ name: 'base_url', value: server, secret: false }, ...variables]);
      setEnvName(name);
      loadEnvironments();
      say(`{{base_url}} is ${server} in the environment "${name}".`);
    } catch (err) {
      setError(shown(err, 'The environment could not be saved.'));
    }
  };

  const storeSecrets = async () => {
    const name = environmentFor(
      spec.url,
      env?.name ?? null,
      environments.map((e) => e.name),
    );
    const kept = environments.find((e) => e.name === name)?.variables ?? [];
    const { request, secrets } = extractSecrets(
      spec,
      kept.map((v) => v.name),
    );
    try {
      await http.saveEnvironment(name, [
        ...kept.map((v) => ({ name: v.name, secret: v.secret, value: v.secret ? null : v.value })),
        ...secrets.map((s) => ({ name: s.name, value: s.value, secret: true })),
      ]);
      setSpec(request);
      setEnvName(name);
      loadEnvironments();
      say(
        `Stored as ${secrets.length === 1 ? 'a secret' : 'secrets'} in the environment "${name}": the request now uses ${secrets.map((s) => `{{${s.name}}}`).join(', ')}.`,
      );
    } catch (err) {
      setError(shown(err, 'The secrets could not be stored.'));
    }
  };
  const typedSecrets = hasTypedSecrets(spec);
  const takenNames = props.catalog?.tables.map((t) => t.table) ?? [];

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Ctrl+Enter sends from any field of the request, as in the SQL editor
    <div
      className="api-area"
      onKeyDown={(e) => {
        if (
          e.key === 'Enter' &&
          (e.ctrlKey || e.metaKey) &&
          dialog === null &&
          spec.url.trim() !== '' &&
          sending.startedAt === null
        ) {
          e.preventDefault();
          void send();
        }
      }}
    >
      <div className="api-toolbar">
        <label className="env-picker">
          <span className="muted small">Environment</span>
          <select
            value={envName ?? ''}
            aria-label="Environment"
            onChange={(e) => setEnvName(e.target.value || null)}
          >
            <option value="">None</option>
            {environments.map((e) => (
              <option key={e.name} value={e.name}>
                {e.name}
              </option>
            ))}
            {envName && !env ? (
              // Before the list (re)loads, e.g. just after saving a new one, the chosen name still shows.
              <option value={envName}>{environments.length > 0 ? `${envName} (missing)` : envName}</option>
            ) : null}
          </select>
        </label>
        <button type="button" className="btn small" onClick={() => setDialog('env')}>
          {environments.length === 0 ? 'Add an environment…' : 'Edit…'}
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="btn small"
          onClick={() => {
            setCurlError(null);
            setDialog('curl');
          }}
        >
          Paste cURL…
        </button>
        <button type="button" className="btn small" onClick={copyCurl} disabled={spec.url.trim() === ''}>
          Copy as cURL
        </button>
      </div>
      <div className="api-main">
        <div className="api-work">
          <RequestEditor
            spec={spec}
            onChange={setSpec}
            variables={variables}
            onSend={send}
            sending={sending.startedAt !== null}
            onCurl={importCurl}
          />
          {typedSecrets ? (
            <div className="typed-secret-note small">
              <span>
                The credentials typed into this request are kept only until you reload the page, and never
                written to disk. Store them as secrets of an environment to keep them safely.
              </span>
              <button type="button" className="btn small" onClick={storeSecrets}>
                Store as {env ? `secrets of “${env.name}”` : 'secrets'}
              </button>
            </div>
          ) : null}
          {notice ? (
            <p className="api-notice small" role="status">
              {notice.text}
            </p>
          ) : null}
          {error ? (
            <div className="api-error">
              <ErrorMessage error={error} />
            </div>
          ) : null}
          {sending.startedAt !== null ? (
            <div className="response-waiting muted" role="status">
              <span className="spinner" aria-hidden="true" /> Waiting for the answer…{' '}
              {formatDuration(sending.elapsedMs)}
              <button type="button" className="btn small" onClick={sending.cancel}>
                Cancel <kbd>Esc</kbd>
              </button>
            </div>
          ) : exchange ? (
            <ResponseView
              key={`${exchange.x.status}-${exchange.x.timings.total}-${exchange.x.size}`}
              exchange={exchange.x}
              onSaveTable={() => setDialog('save')}
              onCopy={copy}
            />
          ) : error ? null : (
            <ApiEmpty />
          )}
        </div>
        <SidePanel
          history={history}
          onHistory={(h) => {
            const r = asRequest(h.request);
            if (!r) return;
            setSpec(clearMasked(r, SECRET_MASK));
            if (h.environment && environments.some((e) => e.name === h.environment))
              setEnvName(h.environment);
          }}
          openApi={openApi}
          onOperation={(op) => {
            const r = asRequest(op.request);
            if (r) setSpec(r);
            if (!variables?.includes('base_url') && openApi?.servers[0])
              say(
                `This operation uses {{base_url}}: press "Use as {{base_url}}" to point it at ${openApi.servers[0]}.`,
              );
          }}
          onImportOpenApi={importOpenApi}
          onClearHistory={() =>
            http
              .clearHistory()
              .then(loadHistory, (err: unknown) => setError(shown(err, 'The history could not be cleared.')))
          }
          onForgetOpenApi={() => {
            setOpenApi(null);
            storage.removeItem(OPENAPI_KEY);
          }}
          onEnvironmentFromServer={environmentFromServer}
          openApiBusy={openApiBusy}
        />
      </div>
      {dialog === 'curl' ? (
        <CurlDialog onImport={importCurl} onClose={() => setDialog(null)} busy={curlBusy} error={curlError} />
      ) : null}
      {dialog === 'env' ? (
        <EnvironmentEditor
          http={http}
          environments={environments}
          initial={envName}
          onSaved={(name) => {
            setEnvName(name);
            setDialog(null);
            loadEnvironments();
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'save' && exchange ? (
        <SaveTableDialog
          http={http}
          exchange={exchange.x}
          request={exchange.request}
          environment={exchange.env}
          takenNames={takenNames}
          onSaved={(outcome) => {
            setDialog(null);
            props.refreshCatalog();
            say(outcome.message);
            // The outcome (how many pages, why paging stopped) travels with the query, where the user lands.
            const note = `-- ${outcome.message.replace(/\s+/g, ' ')}`;
            props.openSql(`${note}\nSELECT * FROM ${quoteTable(outcome.table)}`, outcome.table, true);
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}
