// biome-ignore-all lint/a11y/noStaticElementInteractions: a press on the backdrop closes the dialog, as Esc does
import { useState } from 'react';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';

/** "Paste cURL": a command from an engineer (or a browser's "Copy as cURL") becomes the request. */
export function CurlDialog(props: {
  onImport(text: string): void;
  onClose(): void;
  busy: boolean;
  error: ShownError | null;
}) {
  const [text, setText] = useState('');
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        className="dialog curl-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Paste a cURL command"
        onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
      >
        <div className="dialog-head">
          <h2>Paste a cURL command</h2>
          <button type="button" className="btn ghost small" aria-label="Close" onClick={props.onClose}>
            ✕
          </button>
        </div>
        <div className="dialog-body">
          <p className="muted small">
            From an engineer, the API's documentation, or your browser (Network tab → right-click a request →
            Copy → Copy as cURL). The method, URL, headers, body and credentials are filled in; nothing is
            sent until you press Send. Tip: pasting it straight into the URL field works too.
          </p>
          <textarea
            className="body-text curl-text"
            aria-label="cURL command"
            spellCheck={false}
            // biome-ignore lint/a11y/noAutofocus: the dialog exists to receive a paste
            autoFocus
            placeholder={"curl 'https://api.example.com/v1/items' -H 'Authorization: Bearer …'"}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && text.trim()) props.onImport(text);
            }}
          />
          {props.error ? <ErrorMessage error={props.error} /> : null}
        </div>
        <div className="dialog-foot">
          <span className="muted small">
            <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to use it
          </span>
          <div>
            <button type="button" className="btn" onClick={props.onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="btn primary"
              disabled={props.busy || text.trim() === ''}
              onClick={() => props.onImport(text)}
            >
              {props.busy ? 'Reading…' : 'Use this command'}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}
