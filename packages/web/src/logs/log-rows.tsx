import { Fragment, useState } from 'react';
import type { Row } from '../api/types.js';
import { formatCell, formatCount } from '../format/format.js';
import { severityTone } from './facet-list.js';
import type { LogRoles, LogRowsPage } from './log-types.js';

/** The columns shown for each line: time, severity, message, then a few facets; the rest on expanding a line. */
export function shownColumns(roles: LogRoles, all: string[]): string[] {
  const picked = [
    ...(roles.time ? [roles.time.column] : []),
    ...(roles.severity ? [roles.severity.column] : []),
    ...roles.message,
  ];
  const extra = roles.facets.filter((f) => !picked.includes(f)).slice(0, 2);
  const cols = [...picked, ...extra].filter((c, i, xs) => all.includes(c) && xs.indexOf(c) === i);
  return cols.length ? cols : all.slice(0, 5);
}

/** The matching lines, newest first, a page at a time; a line expands to show all its fields. */
export function LogRows(props: {
  page: LogRowsPage | null;
  roles: LogRoles;
  total: number | null;
  onMore(): void;
}) {
  const [open, setOpen] = useState<number | null>(null);
  const page = props.page;
  if (!page) return <div className="muted small log-pad">Reading lines…</div>;
  if (page.rows.length === 0) {
    return <div className="muted log-pad">No lines match. Clear a filter or the search to see more.</div>;
  }
  const types = new Map(page.columns.map((c) => [c.name, c.type]));
  const cols = shownColumns(
    props.roles,
    page.columns.map((c) => c.name),
  );
  const sev = props.roles.severity?.column;
  const msg = new Set(props.roles.message);
  return (
    <div className="log-rows">
      <table className="log-table" data-testid="log-rows">
        <thead>
          <tr>
            <th aria-label="Expand" />
            {cols.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((r: Row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines have no key of their own; the page order is stable
            <Fragment key={i}>
              <tr className={open === i ? 'open' : undefined}>
                <td>
                  <button
                    type="button"
                    className="log-expand"
                    aria-expanded={open === i}
                    aria-label={open === i ? 'Hide all fields' : 'Show all fields'}
                    onClick={() => setOpen(open === i ? null : i)}
                  >
                    {open === i ? '▾' : '▸'}
                  </button>
                </td>
                {cols.map((c) => (
                  <td
                    key={c}
                    className={[
                      msg.has(c) ? 'log-msg' : '',
                      c === sev ? `log-sev ${severityTone(r[c] ?? null)}` : '',
                    ]
                      .join(' ')
                      .trim()}
                  >
                    {formatCell(r[c] ?? null, types.get(c) ?? '')}
                  </td>
                ))}
              </tr>
              {open === i ? (
                <tr className="log-detail">
                  <td />
                  <td colSpan={cols.length}>
                    <dl>
                      {page.columns.map((c) => (
                        <Fragment key={c.name}>
                          <dt>{c.name}</dt>
                          <dd>{formatCell(r[c.name] ?? null, c.type)}</dd>
                        </Fragment>
                      ))}
                    </dl>
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
      <div className="log-rows-foot small muted">
        Showing {formatCount(page.rows.length)}
        {props.total !== null ? ` of ${formatCount(props.total)}` : ''} lines, newest first.
        {page.more ? (
          <button type="button" className="btn small" onClick={props.onMore}>
            Show 100 more
          </button>
        ) : null}
      </div>
    </div>
  );
}
