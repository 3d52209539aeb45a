import { formatCount, formatDuration } from '../format/format.js';
import { placeholderWords, templateParts } from './log-format.js';
import type { LogPatterns } from './log-types.js';
import { Sparkline } from './sparkline.js';

const percent = (share: number) =>
  share >= 0.1 ? `${(share * 100).toFixed(0)}%` : share >= 0.001 ? `${(share * 100).toFixed(1)}%` : '<0.1%';

/** A template with its variable parts highlighted. */
export function Template(props: { template: string }) {
  if (props.template.trim() === '') return <code className="log-template muted">(no message)</code>;
  return (
    <code className="log-template">
      {templateParts(props.template).map((p, i) =>
        p.variable ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string
          <span key={i} className="log-var" title={placeholderWords(p.text)}>
            {p.text}
          </span>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string
          <span key={i}>{p.text}</span>
        ),
      )}
    </code>
  );
}

/** The patterns of the view (most lines first): template, sparkline, count and share; click one to filter to it. */
export function PatternList(props: {
  patterns: LogPatterns | null;
  active: string | undefined;
  onPick(template: string | undefined): void;
}) {
  const p = props.patterns;
  if (!p) return <div className="muted small log-pad">Finding patterns…</div>;
  if (p.patterns.length === 0) {
    return <div className="muted small log-pad">{p.note ?? 'No lines match, so there are no patterns.'}</div>;
  }
  return (
    <div className="log-patterns">
      <div className="small muted log-pad">
        {formatCount(p.lines)} {p.lines === 1 ? 'line' : 'lines'} grouped into{' '}
        {formatCount(p.patterns.length)}
        {p.rest ? '+' : ''} {p.patterns.length === 1 && !p.rest ? 'pattern' : 'patterns'} in{' '}
        {formatDuration(p.elapsedMs)}. Grey parts vary from line to line; click a pattern to see only its
        lines.
        {p.note ? ` ${p.note}` : ''}
      </div>
      <ol className="log-pattern-list">
        {p.patterns.map((x) => {
          const active = props.active === x.template;
          return (
            <li key={x.template}>
              <button
                type="button"
                className={active ? 'log-pattern active' : 'log-pattern'}
                aria-pressed={active}
                title={`Example: ${x.example}`}
                onClick={() => props.onPick(active ? undefined : x.template)}
              >
                <span className="log-pattern-count">{formatCount(x.count)}</span>
                <span className="log-pattern-share">{percent(x.share)}</span>
                <Sparkline series={x.series} />
                <Template template={x.template} />
              </button>
            </li>
          );
        })}
      </ol>
      {p.rest ? (
        <div className="small muted log-pad">
          {formatCount(p.rest)} more lines fall in smaller patterns not listed.
        </div>
      ) : null}
    </div>
  );
}
