import { useEffect, useState } from 'react';
import { type ApiClient, ApiRequestError } from '../api/client.js';
import type { ImportOutcome, ImportPreview, ImportProgressInfo, ImportSource } from '../api/types.js';
import { formatBytes, formatCell, formatCount, typeKind } from '../format/format.js';
import { TypeIcon } from '../grid/type-icon.js';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';
import {
  DELIMITERS,
  draftOptions,
  draftProblem,
  ENCODINGS,
  type ImportDraft,
  initialDraft,
  TYPE_LABELS,
  typeChoicesFor,
  withColumnType,
} from './import-draft.js';

/** Props of `ImportScreen`. */
export interface ImportScreenProps {
  api: ApiClient;
  /** The upload (or workspace file) to import. */
  source: ImportSource;
  fileName: string;
  onImported(outcome: ImportOutcome): void;
  onClose(): void;
}

function asShown(err: unknown, fallback: string): ShownError {
  return err instanceof ApiRequestError ? err.info : { message: fallback, hints: [] };
}

/** "97% of the first lines fit" from a 0..1 share. */
export function confidenceText(share: number | undefined): string {
  if (share === undefined) return 'confidence unknown';
  return `${Math.floor(share * 100)}% of the first lines fit`;
}

function delimiterLabel(d: string | undefined): string {
  if (d === undefined) return 'unknown';
  return DELIMITERS.find((x) => x.value === d)?.label ?? `“${d}”`;
}

/**
 * The import screen: what was detected (format, delimiter, header, encoding), every column's inferred type with an
 * override, the first rows, the rows that would be rejected and why; Import creates the table.
 */
export function ImportScreen(props: ImportScreenProps) {
  const { api, source } = props;
  const sourceKey = JSON.stringify(source);
  const [draft, setDraft] = useState<ImportDraft>(() => initialDraft(props.fileName));
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  // What detection chose for each column, remembered from previews where the user had not overridden it.
  const [detectedTypes, setDetectedTypes] = useState<Record<string, string>>({});
  const [previewError, setPreviewError] = useState<ShownError | null>(null);
  const [loading, setLoading] = useState(true);
  const [importing, setImporting] = useState(false);
  const [progress, setProgress] = useState<ImportProgressInfo | null>(null);
  const [importError, setImportError] = useState<ShownError | null>(null);

  const { table: _table, mode: _mode, ...readOptions } = draft;
  const readKey = JSON.stringify(readOptions);
  // biome-ignore lint/correctness/useExhaustiveDependencies: readKey stands for the options that change the preview
  useEffect(() => {
    let stale = false;
    setLoading(true);
    const timer = setTimeout(() => {
      const { as: _as, mode: _m, ...opts } = draftOptions(draft);
      api.previewImport(source, opts, 50).then(
        (p) => {
          if (stale) return;
          setPreview(p);
          setDetectedTypes((known) => {
            const next: Record<string, string> = {};
            for (const c of p.columns) {
              const fresh = opts.columnTypes?.[c.name] === undefined;
              const type = fresh ? (p.detected.types[c.name] ?? c.type) : known[c.name];
              if (type !== undefined) next[c.name] = type;
            }
            return next;
          });
          setPreviewError(null);
          setLoading(false);
        },
        (err: unknown) => {
          if (stale) return;
          setPreviewError(asShown(err, 'The preview failed.'));
          setLoading(false);
        },
      );
    }, 150);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [api, sourceKey, readKey]);

  const problem = draftProblem(draft, preview);
  const doImport = async () => {
    setImporting(true);
    setImportError(null);
    setProgress(null);
    const progressId = `imp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    const poll = setInterval(() => {
      api.importProgress(progressId).then(setProgress, () => undefined);
    }, 400);
    try {
      const [outcome] = await api.importFrom(source, draftOptions(draft), progressId);
      if (outcome) props.onImported(outcome);
    } catch (err) {
      setImportError(asShown(err, 'The import failed.'));
    } finally {
      clearInterval(poll);
      setImporting(false);
    }
  };

  const detected = preview?.detected;
  const isText = detected ? ['csv', 'tsv'].includes(detected.format) : true;
  return (
    <div
      className="import-screen"
      role="dialog"
      aria-modal="true"
      aria-labelledby="import-title"
      data-testid="import-screen"
    >
      <header className="import-head">
        <div>
          <h2 id="import-title">Import “{props.fileName}”</h2>
          <p className="muted">
            Check what Sightline found in the file and change anything that is wrong. Nothing is created until
            you press Import.
          </p>
        </div>
        <button
          type="button"
          className="btn ghost"
          onClick={props.onClose}
          aria-label="Close the import screen"
        >
          ✕
        </button>
      </header>

      <section className="import-options" aria-label="How the file is read">
        <label className="field">
          <span>Table name</span>
          <input value={draft.table} onChange={(e) => setDraft({ ...draft, table: e.target.value })} />
        </label>
        <label className="field">
          <span>If the table exists</span>
          <select
            value={draft.mode}
            onChange={(e) => setDraft({ ...draft, mode: e.target.value as ImportDraft['mode'] })}
          >
            <option value="create">Stop (keep the old one)</option>
            <option value="replace">Replace it</option>
            <option value="append">Add these rows to it</option>
          </select>
        </label>
        {isText ? (
          <>
            <label className="field">
              <span>Delimiter</span>
              <select
                value={draft.delimiter ?? ''}
                onChange={(e) =>
                  setDraft({ ...draft, delimiter: e.target.value === '' ? undefined : e.target.value })
                }
              >
                <option value="">Detected: {delimiterLabel(detected?.delimiter)}</option>
                {DELIMITERS.map((d) => (
                  <option key={d.value} value={d.value}>
                    {d.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>First line</span>
              <select
                value={draft.header === undefined ? '' : String(draft.header)}
                onChange={(e) =>
                  setDraft({
                    ...draft,
                    header: e.target.value === '' ? undefined : e.target.value === 'true',
                  })
                }
              >
                <option value="">Detected: {detected?.header === false ? 'data' : 'column names'}</option>
                <option value="true">Column names</option>
                <option value="false">Data (no header)</option>
              </select>
            </label>
            <label className="field">
              <span>Encoding</span>
              <select
                value={draft.encoding ?? ''}
                onChange={(e) =>
                  setDraft({ ...draft, encoding: e.target.value === '' ? undefined : e.target.value })
                }
              >
                <option value="">Detected: {detected?.encoding ?? 'utf-8'}</option>
                {ENCODINGS.map((e) => (
                  <option key={e} value={e}>
                    {e}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : null}
        {detected?.logCandidates && detected.logCandidates.length > 0 ? (
          <label className="field">
            <span>Log format</span>
            <select
              value={draft.logFormat ?? ''}
              onChange={(e) =>
                setDraft({ ...draft, logFormat: e.target.value === '' ? undefined : e.target.value })
              }
            >
              <option value="">
                Detected: {detected.logFormatLabel ?? detected.logFormat} (
                {confidenceText(detected.logConfidence)})
              </option>
              {detected.logCandidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label} ({confidenceText(c.confidence)})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {detected?.format === 'xlsx' ? (
          <label className="field">
            <span>Sheet</span>
            <input
              value={draft.sheet ?? ''}
              placeholder={detected.sheet ?? 'first sheet'}
              onChange={(e) => setDraft({ ...draft, sheet: e.target.value })}
            />
          </label>
        ) : null}
      </section>

      {previewError ? <ErrorMessage error={previewError} /> : null}
      {loading && !preview ? <p className="muted pad">Reading the file…</p> : null}

      {preview ? (
        <div className={`import-preview ${loading ? 'stale' : ''}`} aria-busy={loading}>
          <p className="import-summary">
            Read as{' '}
            <strong>{preview.detected.logFormatLabel ?? preview.detected.format.toUpperCase()}</strong>
            {preview.detected.logConfidence !== undefined
              ? ` (${confidenceText(preview.detected.logConfidence)})`
              : ''}
            {isText ? (
              <>
                , {delimiterLabel(preview.detected.delimiter).toLowerCase()}-separated,{' '}
                {preview.detected.header === false ? 'no header line' : 'first line has the column names'},
                encoding {preview.detected.encoding ?? 'utf-8'}
              </>
            ) : null}
            . {preview.columns.length} columns.
          </p>
          {preview.warnings.map((w) => (
            <p key={w} className="warning">
              {w}
            </p>
          ))}
          <div className="import-table-wrap">
            <table className="import-table">
              <thead>
                <tr>
                  {preview.columns.map((c) => {
                    const detectedType = detectedTypes[c.name] ?? preview.detected.types[c.name] ?? c.type;
                    const chosen = draft.columnTypes[c.name] ?? detectedType;
                    return (
                      <th key={c.name} scope="col">
                        <div className="import-col-name">
                          <TypeIcon type={chosen} /> {c.name}
                        </div>
                        <label>
                          <span className="visually-hidden">Type of {c.name}</span>
                          <select
                            value={chosen}
                            aria-label={`Type of ${c.name}`}
                            className={draft.columnTypes[c.name] ? 'type-select overridden' : 'type-select'}
                            onChange={(e) =>
                              setDraft(withColumnType(draft, c.name, e.target.value, detectedType))
                            }
                          >
                            {typeChoicesFor(detectedType).map((t) => (
                              <option key={t} value={t}>
                                {TYPE_LABELS[t] ? `${TYPE_LABELS[t]} (${t.toLowerCase()})` : t.toLowerCase()}
                                {t === detectedType ? ' · detected' : ''}
                              </option>
                            ))}
                          </select>
                        </label>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {preview.rows.slice(0, 20).map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity
                  <tr key={i}>
                    {preview.columns.map((c) => (
                      <td
                        key={c.name}
                        className={`${r[c.name] === null ? 'null' : ''} ${typeKind(draft.columnTypes[c.name] ?? c.type) === 'number' ? 'num' : ''}`}
                      >
                        {formatCell(r[c.name] ?? null, draft.columnTypes[c.name] ?? c.type)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 className="import-rejects-title">
            Rows that don't fit (rejected): {formatCount(preview.rejects.length)}
          </h3>
          {preview.rejects.length === 0 ? (
            <p className="muted">Every row fits its column types.</p>
          ) : (
            <table className="import-rejects" data-testid="rejects">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Column</th>
                  <th scope="col">Why</th>
                  <th scope="col">The line as written</th>
                </tr>
              </thead>
              <tbody>
                {preview.rejects.slice(0, 50).map((r) => (
                  <tr key={`${r.line}:${r.column}`}>
                    <td className="num">{r.line}</td>
                    <td>{r.column ?? '—'}</td>
                    <td>{r.reason}</td>
                    <td>
                      <code>{r.raw}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ) : null}

      {importError ? <ErrorMessage error={importError} /> : null}
      <footer className="import-foot">
        {importing && progress && progress.bytesTotal > 0 ? (
          <span className="import-progress">
            <progress max={progress.bytesTotal} value={progress.bytesRead} aria-label="Import progress" />
            <span className="muted small">
              Importing… {Math.round((progress.bytesRead / progress.bytesTotal) * 100)}% of{' '}
              {formatBytes(progress.bytesTotal)}
            </span>
          </span>
        ) : problem ? (
          <span className="muted">{problem}</span>
        ) : (
          <span />
        )}
        <div>
          <button type="button" className="btn" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn primary"
            disabled={problem !== null || importing || !preview}
            onClick={doImport}
          >
            {importing ? 'Importing…' : `Import as ${draft.table || '…'}`}
          </button>
        </div>
      </footer>
    </div>
  );
}
