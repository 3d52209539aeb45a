import { useEffect, useId, useState } from 'react';

const EXAMPLES: [string, string][] = [
  ['timeout', 'lines containing "timeout" in any text column'],
  ['"card declined"', 'an exact phrase'],
  ['status:5*', 'a field with a wildcard (500, 502, 503...)'],
  ['path:/api/*', 'paths starting with /api/'],
  ['status:>=400', 'numbers compared (>, >=, <, <=)'],
  ['-path:/health', 'leave out matching lines'],
];

/** The search box: free text and `field:value` terms, applied on Enter or after a short pause in typing. */
export function SearchBox(props: { value: string; fields: string[]; onSearch(value: string): void }) {
  const [text, setText] = useState(props.value);
  const id = useId();
  useEffect(() => setText(props.value), [props.value]);
  useEffect(() => {
    if (text === props.value) return;
    const t = setTimeout(() => props.onSearch(text), 500);
    return () => clearTimeout(t);
  }, [text, props.value, props.onSearch]);
  return (
    <div className="log-search search">
      <label htmlFor={id} className="visually-hidden">
        Search the lines
      </label>
      <input
        id={id}
        type="search"
        placeholder="Search: timeout status:5* path:/api/*"
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') props.onSearch(text);
          if (e.key === 'Escape' && text) {
            setText('');
            props.onSearch('');
          }
        }}
      />
      <details
        className="log-search-help"
        onKeyDown={(e) => {
          if (e.key === 'Escape') e.currentTarget.open = false;
        }}
      >
        <summary className="btn ghost small">Search help</summary>
        <div className="log-popover">
          <p className="small">
            Words match any text column. <code>field:value</code> matches one column
            {props.fields.length ? (
              <>
                {' '}
                (
                {props.fields.slice(0, 8).map((f, i) => (
                  <span key={f}>
                    {i ? ', ' : ''}
                    <code>{f}</code>
                  </span>
                ))}
                {props.fields.length > 8 ? '…' : ''})
              </>
            ) : null}
            ; <code>*</code> is any text.
          </p>
          <ul>
            {EXAMPLES.map(([q, what]) => (
              <li key={q}>
                <button
                  type="button"
                  className="btn ghost small"
                  onClick={() => {
                    const next = text.trim() ? `${text.trim()} ${q}` : q;
                    setText(next);
                    props.onSearch(next);
                  }}
                >
                  <code>{q}</code>
                </button>{' '}
                <span className="small muted">{what}</span>
              </li>
            ))}
          </ul>
        </div>
      </details>
    </div>
  );
}
