import type { ActiveResult } from '@sightline/spec';
import { useMemo, useState } from 'react';
import { chartTheme } from '../chart/chart-theme.js';
import { VegaView } from '../chart/vega-view.js';
import { activeLines, histogramChart, stickinessLine } from './metric-charts.js';
import { count, pct, shortDate } from './metric-format.js';

/** The periods of the histogram, newest first; the default is the last one with a complete set of days. */
function periodsOf(r: ActiveResult): string[] {
  return [...new Set((r.histogram?.bars ?? []).map((b) => b.period))].sort().reverse();
}

/** Active users: the latest DAU/WAU/MAU and stickiness, their lines over time, and the stickiness histogram. */
export function ActiveResultView(props: { result: ActiveResult; theme: string }) {
  const { result } = props;
  const periods = periodsOf(result);
  // The newest period is usually cut by the data's end; the one before it is the last whole one.
  const [period, setPeriod] = useState(periods[1] ?? periods[0] ?? '');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme changes the CSS tokens the chart reads.
  const lines = useMemo(() => activeLines(result, chartTheme()), [result, props.theme]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  const sticky = useMemo(() => stickinessLine(result, chartTheme()), [result, props.theme]);
  const bars = useMemo(
    () => (result.histogram?.bars ?? []).filter((b) => b.period === period),
    [result, period],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  const hist = useMemo(() => histogramChart(bars, chartTheme()), [bars, props.theme]);
  const last = result.days[result.days.length - 1];
  const partialDays = result.days.filter((d) => d.partial).length;
  const complete = result.days.filter((d) => !d.partial && d.stickiness !== null);
  const recent = complete.slice(-30);
  const meanSticky = recent.length
    ? recent.reduce((a, d) => a + (d.stickiness ?? 0), 0) / recent.length
    : null;
  const unit = result.histogram?.period === 'month' ? 'month' : 'week';
  return (
    <div className="metric-result-body">
      {last ? (
        <dl className="metric-figures" data-testid="active-figures">
          <div>
            <dt>DAU on {shortDate(last.day)}</dt>
            <dd>{count(last.dau)}</dd>
          </div>
          <div>
            <dt>WAU (7 days to then)</dt>
            <dd>{count(last.wau)}</dd>
          </div>
          <div>
            <dt>MAU (30 days to then)</dt>
            <dd>{count(last.mau)}</dd>
          </div>
          <div>
            <dt title="Mean of DAU / MAU over the last 30 complete days">
              Stickiness (DAU/MAU, 30-day mean)
            </dt>
            <dd>{pct(meanSticky)}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">No day has a qualifying event in this range.</p>
      )}
      <section className="metric-section" aria-label="Daily, weekly and monthly active users">
        <h3>Active users per day</h3>
        <div className="metric-chart">
          <VegaView spec={lines} />
        </div>
      </section>
      <section className="metric-section" aria-label="Stickiness">
        <h3>Stickiness (DAU / MAU)</h3>
        {partialDays > 0 ? (
          <p className="muted small">
            The first {count(partialDays)} days are left out: their 30-day window starts before the first day
            with data, so MAU would be too low and stickiness too high.
          </p>
        ) : null}
        <div className="metric-chart">
          <VegaView spec={sticky} />
        </div>
      </section>
      {periods.length > 0 ? (
        <section className="metric-section" aria-label="Stickiness histogram">
          <div className="metric-section-head">
            <h3>How many days of the {unit} were users active?</h3>
            <label className="field inline">
              <span>{unit === 'week' ? 'Week of' : 'Month of'}</span>
              <select value={period} onChange={(e) => setPeriod(e.target.value)}>
                {periods.map((p) => (
                  <option key={p} value={p}>
                    {shortDate(p)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="metric-chart">
            <VegaView spec={hist} />
          </div>
        </section>
      ) : null}
    </div>
  );
}
