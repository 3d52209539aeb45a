import { type ClipboardEvent, type KeyboardEvent, useRef } from 'react';
import { templateParts } from './request-draft.js';

/**
 * A one-line text field that highlights `{{variables}}`: known ones in the accent colour, unknown ones (not in the
 * chosen environment) in the warning colour with a dashed underline. The text stays a plain <input>.
 */
export function TemplateInput(props: {
  value: string;
  onChange(value: string): void;
  /** Names defined by the chosen environment (null: no environment chosen). */
  variables: readonly string[] | null;
  label: string;
  placeholder?: string;
  className?: string;
  type?: 'text' | 'password';
  onPaste?(e: ClipboardEvent<HTMLInputElement>): void;
  onKeyDown?(e: KeyboardEvent<HTMLInputElement>): void;
  testId?: string;
}) {
  const backdrop = useRef<HTMLDivElement>(null);
  const password = props.type === 'password';
  const parts = templateParts(props.value);
  const unknown = parts.filter((p) => p.variable !== null && !props.variables?.includes(p.variable));
  return (
    <div className={`template-input ${props.className ?? ''}`}>
      {password ? null : (
        <div className="template-backdrop" ref={backdrop} aria-hidden="true">
          {parts.map((p, i) =>
            p.variable === null ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string, in order
              <span key={i}>{p.text}</span>
            ) : (
              <mark
                // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string, in order
                key={i}
                className={props.variables?.includes(p.variable) ? 'var-known' : 'var-unknown'}
              >
                {p.text}
              </mark>
            ),
          )}
        </div>
      )}
      <input
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        aria-label={props.label}
        spellCheck={false}
        autoComplete="off"
        data-testid={props.testId}
        className={password ? 'template-field plain' : 'template-field'}
        title={
          unknown.length > 0
            ? `Not defined in the chosen environment: ${unknown.map((u) => u.variable).join(', ')}`
            : undefined
        }
        onChange={(e) => props.onChange(e.target.value)}
        onScroll={(e) => {
          if (backdrop.current) backdrop.current.scrollLeft = e.currentTarget.scrollLeft;
        }}
        onPaste={props.onPaste}
        onKeyDown={props.onKeyDown}
      />
    </div>
  );
}
