import { Fragment, useState } from 'react';
import type { Row } from '../api/types.js';
import { formatCell, formatCount } from '../format/format.js';
import { severityTone } from './facet-list.js';
import { timeLabel } from './log-format.js';
import type { LogRoles, LogRowsPage } from './log-types.js';

/** A column of the lines table: one table column, or the message made of several (`method` + `path`). */
export interface ShownColumn {
  label: string;
  columns: string[];
  kind: 'time' | 'severity' | 'message' | 'other';
}

/** The columns shown for each line: time, severity, message, then one more facet; the rest on expanding a line. */
export function shownColumns(roles: LogRoles, all: string[]): ShownColumn[] {
  const has = (c: string) => all.includes(c);
  const out: ShownColumn[] = [];
  if (roles.time && has(roles.time.column))
    out.push({ label: `${roles.time.column} (UTC)`, columns: [roles.time.column], kind: 'time' });
  if (roles.severity && has(roles.severity.column)) {
    out.push({ label: roles.severity.column, columns: [roles.severity.column], kind: 'severity' });
  }
  const message = roles.message.filter(has);
  if (message.length) out.push({ label: message.join(' · '), columns: message, kind: 'message' });
  const used = new Set(out.flatMap((c) => c.columns));
  for (const f of roles.facets.filter((x) => has(x) && !used.has(x)).slice(0, 1)) {
    out.push({ label: f, columns: [f], kind: 'other' });
  }
  return out.length ? out : all.slice(0, 5).map((c) => ({ label: c, columns: [c], kind: 'other' }));
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
  return (
    <div className="log-rows">
      <table className="log-table" data-testid="log-rows">
        <thead>
          <tr>
            <th aria-label="Expand" className="col-expand" />
            {cols.map((c) => (
              <th key={c.label} scope="col" className={`col-${c.kind}`}>
                {c.label}
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
                    key={c.label}
                    className={
                      c.kind === 'message'
                        ? 'log-msg'
                        : c.kind === 'severity'
                          ? `log-sev ${severityTone(r[c.columns[0]!] ?? null)}`
                          : undefined
                    }
                  >
                    <span title={c.kind === 'message' ? undefined : cellText(c, r, types)}>
                      {cellText(c, r, types)}
                    </span>
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

/** The text of one shown column of a line (a message of several columns skips their empty parts). */
function cellText(c: ShownColumn, r: Row, types: Map<string, string>): string {
  const parts = c.columns.map((name) => ({ name, value: r[name] ?? null }));
  const present = parts.length > 1 ? parts.filter((p) => p.value !== null) : parts;
  if (c.kind === 'time' && typeof present[0]?.value === 'string') {
    const ms = Date.parse(present[0].value);
    if (!Number.isNaN(ms)) return timeLabel(ms, 1, true);
  }
  return present.map((p) => formatCell(p.value, types.get(p.name) ?? '')).join(' ');
}
