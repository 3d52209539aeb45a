import type { FunnelResult, FunnelStepResult } from '@sightline/spec';
import { useMemo } from 'react';
import { chartTheme } from '../chart/chart-theme.js';
import { VegaView } from '../chart/vega-view.js';
import { funnelChart, groupLabel } from './metric-charts.js';
import { count, pct, seconds } from './metric-format.js';

/** Users who did step k-1 but not step k (null for the first step). */
function dropped(steps: FunnelStepResult[], i: number): number | null {
  const prev = steps[i - 1];
  const cur = steps[i];
  return prev && cur ? prev.users - cur.users : null;
}

/** The funnel: bars per step, then each step's users, conversion, drop-off and median time; per group when split. */
export function FunnelResultView(props: { result: FunnelResult; breakdown?: string; theme: string }) {
  const { result } = props;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme changes the CSS tokens the chart reads.
  const spec = useMemo(() => funnelChart(result, chartTheme()), [result, props.theme]);
  const steps = result.steps;
  return (
    <div className="metric-result-body">
      <div className="metric-chart" aria-hidden="true">
        <VegaView spec={spec} />
      </div>
      <div className="table-wrap">
        <table className="metric-table" data-testid="funnel-steps">
          <caption className="visually-hidden">Users at each step of the funnel</caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col" className="num">
                Users
              </th>
              <th scope="col" className="num" title="Users at this step out of the users of step 1">
                Of step 1
              </th>
              <th scope="col" className="num" title="Users at this step out of the users of the step before">
                Of previous
              </th>
              <th scope="col" className="num" title="Users of the previous step who did not reach this one">
                Dropped off
              </th>
              <th
                scope="col"
                className="num"
                title="Time from the previous step: half of the users who reached this step took less than this"
              >
                Median time
              </th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s, i) => {
              const d = dropped(steps, i);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: a step is its place in the funnel (names may repeat).
                <tr key={`${i}-${s.name}`}>
                  <th scope="row">
                    <span className="step-number">{i + 1}</span> {s.name}
                  </th>
                  <td className="num strong" data-testid="funnel-users">
                    {count(s.users)}
                  </td>
                  <td className="num">{pct(s.conversion_from_start)}</td>
                  <td className="num">{i === 0 ? '' : pct(s.conversion_from_previous)}</td>
                  <td className="num">
                    {d === null ? (
                      ''
                    ) : (
                      <>
                        {count(d)}{' '}
                        <span className="muted">
                          ({pct(s.conversion_from_previous === null ? null : 1 - s.conversion_from_previous)})
                        </span>
                      </>
                    )}
                  </td>
                  <td className="num">{i === 0 ? '' : seconds(s.median_seconds_to_convert)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {result.groups && result.groups.length > 0 ? (
        <div className="table-wrap">
          <table className="metric-table" data-testid="funnel-groups">
            <caption>By {props.breakdown ?? 'group'} (the value on each user's first step)</caption>
            <thead>
              <tr>
                <th scope="col">{props.breakdown ?? 'Group'}</th>
                {steps.map((s, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a step is its place in the funnel.
                  <th scope="col" className="num" key={`${i}-${s.name}`}>
                    {i + 1}. {s.name}
                  </th>
                ))}
                <th scope="col" className="num">
                  Converted
                </th>
              </tr>
            </thead>
            <tbody>
              {result.groups.map((g) => {
                const last = g.steps[g.steps.length - 1];
                return (
                  <tr key={groupLabel(g.key)}>
                    <th scope="row" className={g.key === null ? 'muted' : undefined}>
                      {groupLabel(g.key)}
                    </th>
                    {g.steps.map((s, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a step is its place in the funnel.
                      <td className="num" key={`${i}-${s.name}`}>
                        {count(s.users)}
                        {i > 0 ? (
                          <span
                            className="muted small"
                            title={`Median time from the previous step: ${seconds(s.median_seconds_to_convert)}`}
                          >
                            {' '}
                            {pct(s.conversion_from_previous, 0)}
                          </span>
                        ) : null}
                      </td>
                    ))}
                    <td className="num strong">{pct(last?.conversion_from_start ?? null)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
