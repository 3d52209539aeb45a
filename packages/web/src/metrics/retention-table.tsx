import type { RetentionResult } from '@sightline/spec';
import type { CSSProperties } from 'react';
import { count, pct, shortDate } from './metric-format.js';

/** The name of period k after the cohort ("Week 3"). */
export function periodName(period: string, k: number): string {
  const unit = period === 'day' ? 'Day' : period === 'month' ? 'Month' : 'Week';
  return `${unit} ${k}`;
}

/** How strongly a cell is shaded (0 to 1, the share); metrics.css mixes the accent colour in proportion to it. */
function shade(share: number): CSSProperties {
  return { '--share': Math.max(0, Math.min(1, share)).toFixed(3) } as CSSProperties;
}

/**
 * The cohort heat map: one row per cohort, one cell per period after it with the share retained and the count;
 * incomplete cells (the period isn't over in the data) are empty, with a tooltip saying why.
 */
export function RetentionTable(props: { result: RetentionResult; period: string }) {
  const { result, period } = props;
  const periods = result.cohorts[0]?.retained.length ?? result.mean_shares.length;
  const ks = Array.from({ length: periods }, (_, k) => k);
  const unit = period === 'day' ? 'day' : period === 'month' ? 'month' : 'week';
  // One year for every cohort: it goes in the header, and the rows stay narrow.
  const years = new Set(result.cohorts.map((c) => c.cohort.slice(0, 4)));
  const oneYear = years.size === 1 ? [...years][0] : undefined;
  const cohortName = (iso: string) => (oneYear ? shortDate(iso).slice(0, -5) : shortDate(iso));
  return (
    <div className="heatmap-wrap">
      <table className="metric-table heatmap" data-testid="retention-table">
        <caption className="visually-hidden">
          Share of each cohort still active in each {unit} after it started
        </caption>
        <thead>
          <tr>
            <th scope="col">
              {unit === 'day' ? 'Cohort day' : `${unit[0]?.toUpperCase()}${unit.slice(1)} of`}
              {oneYear ? ` (${oneYear})` : ''}
            </th>
            <th scope="col" className="num">
              Users
            </th>
            {ks.map((k) => (
              <th scope="col" className="num" key={k}>
                {periodName(period, k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.cohorts.map((c) => (
            <tr key={c.cohort}>
              <th scope="row">
                {cohortName(c.cohort)}
                {c.left_censored ? (
                  <span
                    className="censored"
                    title="This cohort starts at the beginning of the data: some of its users may have started earlier, before the table begins."
                  >
                    {' '}
                    *
                  </span>
                ) : null}
              </th>
              <td className="num strong">{count(c.size)}</td>
              {ks.map((k) => {
                const retained = c.retained[k] ?? null;
                const share = c.shares[k] ?? null;
                if (retained === null || share === null) {
                  return (
                    <td
                      key={k}
                      className="cell incomplete"
                      data-testid="retention-cell"
                      data-k={k}
                      title={`Not complete yet: ${periodName(period, k).toLowerCase()} of this cohort isn't over in the data, so it is left empty rather than shown too low.`}
                    >
                      <span className="visually-hidden">not complete yet</span>
                    </td>
                  );
                }
                return (
                  <td
                    key={k}
                    className="cell"
                    data-testid="retention-cell"
                    data-k={k}
                    style={shade(share)}
                    title={`${count(retained)} of ${count(c.size)} users (${pct(share)}) in ${periodName(period, k).toLowerCase()}`}
                  >
                    <span className={share >= 0.75 ? 'share on-strong' : 'share'}>
                      {share === 1 ? '100%' : pct(share)}
                    </span>
                    <span className={share >= 0.75 ? 'cell-count on-strong' : 'cell-count'}>
                      {count(retained)}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Average</th>
            <td className="num muted small" title="Weighted by cohort size, over complete cells only">
              weighted
            </td>
            {ks.map((k) => (
              <td key={k} className="num strong" data-testid="retention-mean">
                {pct(result.mean_shares[k] ?? null)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
