import { useState } from 'react';
import './response.css';
import { formatBytes, formatCount } from '../format/format.js';
import type { HttpExchange } from './http-types.js';
import { JsonTree } from './json-tree.js';
import { statusClass } from './request-draft.js';
import { formatMs, TimingBar } from './timing-bar.js';

type Tab = 'body' | 'raw' | 'headers';

/** The status with words when the server sent none (HTTP/2 has no reason phrase). */
export function statusText(status: number, text: string): string {
  return text ? `${status} ${text}` : String(status);
}

/** The response: status, size, time and phases, then the body as a tree, as raw text, or the headers. */
export function ResponseView(props: {
  exchange: HttpExchange;
  onSaveTable(): void;
  onCopy(text: string, what: string): void;
}) {
  const { exchange: x } = props;
  const hasJson = x.json !== undefined;
  const [tab, setTab] = useState<Tab>(hasJson ? 'body' : 'raw');
  const shownTab = tab === 'body' && !hasJson ? 'raw' : tab;
  const best = x.arrays[0];
  // A JSON body too big to show whole can still be saved: the server reads it all and finds the list.
  const bigJson = x.bodyTruncated && /json/i.test(x.contentType ?? '');
  return (
    <section className="response" aria-label="Response">
      <div className="response-head">
        <span className={`status-pill ${statusClass(x.status)}`} data-testid="http-status">
          {statusText(x.status, x.statusText)}
        </span>
        <span className="response-fact" title={`${formatCount(x.size)} bytes`}>
          {formatBytes(x.size)}
        </span>
        <span className="response-fact" data-testid="http-total">
          {formatMs(x.timings.total)}
        </span>
        {x.contentType ? <span className="response-fact muted">{x.contentType.split(';')[0]}</span> : null}
        {x.redirects.length > 0 ? (
          <span
            className="response-fact muted"
            title={x.redirects.map((r) => `${r.status} → ${r.location}`).join('\n')}
          >
            after {x.redirects.length} redirect{x.redirects.length === 1 ? '' : 's'}
          </span>
        ) : null}
        <span className="spacer" />
        <button
          type="button"
          className="btn small"
          disabled={!best && !bigJson}
          title={
            best
              ? `Turn ${best.path} (${formatCount(best.length)} item${best.length === 1 ? '' : 's'}) into a table`
              : bigJson
                ? 'Turn the list in this (large) answer into a table'
                : 'This response holds no list to turn into a table'
          }
          onClick={props.onSaveTable}
        >
          Save as table…
        </button>
      </div>
      <TimingBar timings={x.timings} redirects={x.redirects.length} />
      {x.bodyTruncated ? (
        <p className="notice small response-note">
          The body is {formatBytes(x.size)}: the first 1 MB is shown here
          {x.bodyFile ? (
            <>
              , and the whole body was saved to <code>{x.bodyFile}</code>
            </>
          ) : null}
          .
        </p>
      ) : null}
      <div className="response-tabs" role="tablist" aria-label="Response parts">
        {(
          [
            ['body', hasJson ? 'Body' : 'Body (not JSON)'],
            ['raw', 'Raw'],
            ['headers', `Headers (${x.headers.length})`],
          ] as const
        ).map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={shownTab === id}
            disabled={id === 'body' && !hasJson}
            className={shownTab === id ? 'sub-tab on' : 'sub-tab'}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
        <span className="spacer" />
        {shownTab === 'raw' ? (
          <button type="button" className="btn ghost small" onClick={() => props.onCopy(x.body, 'the body')}>
            Copy body
          </button>
        ) : null}
      </div>
      <div className="response-body" role="tabpanel">
        {shownTab === 'body' ? <JsonTree value={x.json} onCopyPath={(p) => props.onCopy(p, p)} /> : null}
        {shownTab === 'raw' ? (
          (x as { binary?: boolean }).binary ? (
            <p className="muted small pad">
              The body is binary ({x.contentType ?? 'no content type'}, {formatBytes(x.size)}): it is not
              shown as text.
            </p>
          ) : x.body === '' ? (
            <p className="muted small pad">The response has no body.</p>
          ) : (
            <pre className="raw-body" data-testid="raw-body">
              {x.body}
            </pre>
          )
        ) : null}
        {shownTab === 'headers' ? (
          <table className="header-table">
            <tbody>
              {x.headers.map(([name, value], i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat (Set-Cookie)
                <tr key={i}>
                  <th scope="row">{name}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </section>
  );
}
