import { formatCount } from '../format/format.js';
import { needsSql } from './join-fix.js';
import type { JoinReport, KeyMismatch, KeySample, SideFigures } from './join-report.js';

/** 0.1234 -> `12.3%`. */
export function percent(share: number): string {
  const p = Math.round(share * 1000) / 10;
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}

function keyText(key: KeySample['key']): string {
  return key.map((k) => (k === null ? 'empty' : String(k))).join(' · ');
}

function ShareBar({ side, other }: { side: SideFigures; other: string }) {
  const pct = side.rows === 0 ? 0 : side.matchedShare * 100;
  return (
    <div className="jd-share">
      <div className="jd-share-text">
        <strong>{percent(side.matchedShare)}</strong> of {side.label} rows find a match in {other}{' '}
        <span className="muted">
          ({formatCount(side.matchedRows)} of {formatCount(side.rows)})
        </span>
      </div>
      <div className="jd-bar" aria-hidden="true">
        <span style={{ width: `${pct}%` }} />
      </div>
      {side.unmatched.length > 0 ? (
        <div className="muted small">
          Without a match:{' '}
          {side.unmatched.map((u) => `${keyText(u.key)} (${formatCount(u.rows)})`).join(', ')}
          {side.rows - side.matchedRows > side.unmatched.reduce((n, u) => n + u.rows, 0) ? ', …' : ''}
          {side.nullKeyRows > 0 ? ` · ${formatCount(side.nullKeyRows)} rows have an empty key` : ''}
        </div>
      ) : null}
    </div>
  );
}

function Mismatch(props: { m: KeyMismatch; report: JoinReport; onFix(m: KeyMismatch): void }) {
  const { m, report } = props;
  const sqlOnly = needsSql(m.left?.steps ?? []);
  return (
    <div className="jd-issue" data-testid="jd-mismatch">
      <p>
        {m.message}
        {m.example ? (
          <>
            {' '}
            For example <code>{String(m.example.left)}</code> vs <code>{String(m.example.right)}</code>.
          </>
        ) : null}
      </p>
      <div className="jd-fix">
        <button type="button" className="btn small primary" onClick={() => props.onFix(m)}>
          {m.fixLabel}
        </button>
        <span className="small">
          then <strong>{percent(m.after.leftShare)}</strong> of {report.left.label} rows match (now{' '}
          {percent(report.left.matchedShare)})
        </span>
        <code className="jd-fix-sql small" title="The fixed key as SQL">
          {[m.left?.sql, m.right?.sql].filter(Boolean).join('  =  ')}
        </code>
        {sqlOnly ? <span className="muted small">(added to the source as SQL)</span> : null}
      </div>
    </div>
  );
}

/** The join doctor's findings beside a join step: match shares, fan-out warnings, key mismatches with fixes. */
export function JoinDoctorPanel(props: { report: JoinReport; onFix(m: KeyMismatch): void }) {
  const { report } = props;
  const repeated = report.fanOut.filter((f) => f.side === 'right');
  const notes = report.fanOut.filter((f) => f.side === 'left');
  return (
    <section className="jd" data-testid="join-doctor" aria-label="Join check">
      {repeated.map((f) => (
        <div key={f.side} className="error-box warning-box jd-warning" role="status" data-testid="fan-out">
          <div className="error-title">
            <span className="error-icon" aria-hidden="true">
              !
            </span>
            <span>{f.message.split(': ')[0]}</span>
          </div>
          <p className="small jd-keys">{f.message.split(': ').slice(1).join(': ')}</p>
          <p className="small jd-keys">
            Most repeated:{' '}
            {f.top
              .slice(0, 5)
              .map((k) => `${keyText(k.key)} (${formatCount(k.rows)} rows)`)
              .join(', ')}
            . To count each {report.left.label} row once, summarise {report.right.label} first, or count
            distinct values after the join.
          </p>
        </div>
      ))}
      {report.mismatches.map((m) => (
        <Mismatch key={`${m.kind}-${m.pair}`} m={m} report={report} onFix={props.onFix} />
      ))}
      <ShareBar side={report.left} other={report.right.label} />
      <ShareBar side={report.right} other={report.left.label} />
      <p className="small jd-result">
        The {report.kind} join returns <strong>{formatCount(report.resultRows)}</strong>{' '}
        {report.resultRows === 1 ? 'row' : 'rows'}.
        {notes.map((f) => (
          <span key={f.side} className="muted">
            {' '}
            {report.right.label} rows are repeated for {formatCount(f.keys)} keys that appear more than once
            in {report.left.label} (usual when several {report.left.label} rows share one {report.right.label}{' '}
            row).
          </span>
        ))}
      </p>
    </section>
  );
}
