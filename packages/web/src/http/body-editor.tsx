import type { HttpBody } from './http-types.js';
import { KvEditor } from './kv-editor.js';

const KINDS: { kind: HttpBody['kind']; label: string }[] = [
  { kind: 'none', label: 'None' },
  { kind: 'json', label: 'JSON' },
  { kind: 'form', label: 'Form' },
  { kind: 'raw', label: 'Raw' },
];

/** Whether JSON text parses, ignoring `{{variables}}` (they are filled in before sending). */
export function jsonProblem(text: string): string | null {
  if (text.trim() === '') return null;
  try {
    JSON.parse(text.replace(/\{\{[^{}]*\}\}/g, '0'));
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : 'not valid JSON';
  }
}

/** The body as another kind, keeping the text when moving between JSON and raw. */
export function switchBody(body: HttpBody, kind: HttpBody['kind']): HttpBody {
  if (kind === body.kind) return body;
  const text = body.kind === 'json' || body.kind === 'raw' ? body.text : '';
  switch (kind) {
    case 'none':
      return { kind: 'none' };
    case 'json':
      return { kind: 'json', text };
    case 'form':
      return { kind: 'form', fields: [] };
    case 'raw':
      return { kind: 'raw', text, contentType: 'text/plain' };
  }
}

/** The body tab: none, JSON (checked as you type), form fields, or raw text with its content type. */
export function BodyEditor(props: {
  body: HttpBody;
  onChange(body: HttpBody): void;
  variables: readonly string[] | null;
}) {
  const { body, onChange } = props;
  const problem = body.kind === 'json' ? jsonProblem(body.text) : null;
  return (
    <div className="body-editor">
      <div className="segmented" role="radiogroup" aria-label="Body kind">
        {KINDS.map((k) => (
          // biome-ignore lint/a11y/useSemanticElements: a segmented control of buttons, like the chart kinds
          <button
            key={k.kind}
            type="button"
            role="radio"
            aria-checked={body.kind === k.kind}
            className={body.kind === k.kind ? 'on' : undefined}
            onClick={() => onChange(switchBody(body, k.kind))}
          >
            {k.label}
          </button>
        ))}
      </div>
      {body.kind === 'none' ? <p className="muted small">This request sends no body.</p> : null}
      {body.kind === 'json' ? (
        <>
          <textarea
            className="body-text"
            aria-label="JSON body"
            spellCheck={false}
            value={body.text}
            placeholder={'{"name": "value"}'}
            onChange={(e) => onChange({ kind: 'json', text: e.target.value })}
          />
          <div className="body-foot small">
            {problem ? (
              <span className="body-problem">This is not valid JSON yet: {problem}</span>
            ) : (
              <span className="muted">Sent with Content-Type: application/json.</span>
            )}
            <button
              type="button"
              className="btn ghost small"
              disabled={problem !== null || body.text.trim() === '' || /\{\{/.test(body.text)}
              onClick={() => onChange({ kind: 'json', text: JSON.stringify(JSON.parse(body.text), null, 2) })}
            >
              Format
            </button>
          </div>
        </>
      ) : null}
      {body.kind === 'form' ? (
        <KvEditor
          rows={body.fields.map((f) => ({ ...f, enabled: true }))}
          onChange={(rows) =>
            onChange({ kind: 'form', fields: rows.map(({ name, value }) => ({ name, value })) })
          }
          variables={props.variables}
          what="field"
          namePlaceholder="Field"
          valuePlaceholder="Value"
          noToggle
        />
      ) : null}
      {body.kind === 'raw' ? (
        <>
          <label className="field body-type">
            Content type
            <input
              value={body.contentType}
              onChange={(e) => onChange({ ...body, contentType: e.target.value })}
              spellCheck={false}
            />
          </label>
          <textarea
            className="body-text"
            aria-label="Raw body"
            spellCheck={false}
            value={body.text}
            onChange={(e) => onChange({ ...body, text: e.target.value })}
          />
        </>
      ) : null}
    </div>
  );
}
