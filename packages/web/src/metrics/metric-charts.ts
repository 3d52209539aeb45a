import type { ActiveResult, FunnelResult, HistogramBar } from '@sightline/spec';
import { type ChartTheme, themeConfig } from '../chart/vega-spec.js';
import { count, pct, seconds } from './metric-format.js';

type Spec = Record<string, unknown>;

function base(theme: ChartTheme, height: number, values: unknown[]): Spec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height,
    autosize: { type: 'fit-x', contains: 'padding' },
    background: theme.background,
    data: { values },
    config: {
      ...themeConfig(theme),
      legend: { ...themeConfig(theme).legend, orient: 'top' },
      text: { color: theme.text },
    },
  };
}

/** A group key as the UI shows it (`null` is its own group: "(none)"). */
export function groupLabel(key: unknown): string {
  return key === null || key === undefined ? '(none)' : String(key);
}

/** Funnel bars: users per step, labelled with the count and the conversion from the start; grouped per breakdown. */
export function funnelChart(r: FunnelResult, theme: ChartTheme): Spec {
  const stepLabel = (i: number, name: string) => `${i + 1}. ${name}`;
  const order = r.steps.map((s, i) => stepLabel(i, s.name));
  if (r.groups && r.groups.length > 0) {
    const values = r.groups.flatMap((g) =>
      g.steps.map((s, i) => ({
        step: stepLabel(i, s.name),
        users: s.users,
        group: groupLabel(g.key),
        label: pct(s.conversion_from_start, 0),
      })),
    );
    return {
      ...base(theme, 260, values),
      mark: { type: 'bar', cornerRadiusTopLeft: 2, cornerRadiusTopRight: 2, tooltip: true },
      encoding: {
        x: { field: 'step', type: 'nominal', sort: order, title: null, axis: { labelAngle: 0 } },
        xOffset: { field: 'group', type: 'nominal' },
        y: { field: 'users', type: 'quantitative', title: 'Users' },
        color: { field: 'group', type: 'nominal', title: null },
      },
    };
  }
  const values = r.steps.map((s, i) => {
    const prev = r.steps[i - 1];
    return {
      step: stepLabel(i, s.name),
      users: s.users,
      label: `${count(s.users)} · ${pct(s.conversion_from_start)}`,
      // Inside the bar: who dropped off since the previous step, and how long the others took.
      drop: prev
        ? [
            `−${count(prev.users - s.users)} (${pct(s.conversion_from_previous === null ? null : 1 - s.conversion_from_previous)})`,
            ...(s.median_seconds_to_convert === null
              ? []
              : [`median ${seconds(s.median_seconds_to_convert)}`]),
          ]
        : [],
    };
  });
  return {
    ...base(theme, 240, values),
    encoding: {
      x: { field: 'step', type: 'nominal', sort: order, title: null, axis: { labelAngle: 0 } },
      y: { field: 'users', type: 'quantitative', title: 'Users', scale: { nice: true } },
    },
    layer: [
      {
        mark: {
          type: 'bar',
          color: theme.scheme[0],
          cornerRadiusTopLeft: 3,
          cornerRadiusTopRight: 3,
          width: { band: 0.6 },
          tooltip: true,
        },
      },
      {
        mark: { type: 'text', dy: -8, fontSize: 12, fontWeight: 600, color: theme.text },
        encoding: { text: { field: 'label' } },
      },
      {
        mark: { type: 'text', baseline: 'top', dy: 8, fontSize: 11, lineHeight: 14, color: theme.background },
        encoding: { text: { field: 'drop' } },
      },
    ],
  };
}

/** The retention curve: the size-weighted mean share of complete cells per period after the cohort. */
export function retentionCurve(meanShares: (number | null)[], period: string, theme: ChartTheme): Spec {
  const unit = period === 'day' ? 'Day' : period === 'month' ? 'Month' : 'Week';
  const values = meanShares
    .map((share, k) => ({ k, label: `${unit} ${k}`, share }))
    .filter((v) => v.share !== null);
  return {
    ...base(theme, 200, values),
    encoding: {
      x: { field: 'k', type: 'quantitative', title: `${unit}s after the cohort`, axis: { tickMinStep: 1 } },
      y: {
        field: 'share',
        type: 'quantitative',
        title: 'Users retained',
        axis: { format: '.0%' },
        scale: { domain: [0, 1] },
      },
    },
    layer: [
      { mark: { type: 'line', color: theme.scheme[0], strokeWidth: 2 } },
      {
        mark: { type: 'point', filled: true, color: theme.scheme[0], size: 40, tooltip: true },
        encoding: {
          tooltip: [
            { field: 'label', title: 'Period' },
            { field: 'share', title: 'Retained', format: '.1%' },
          ],
        },
      },
    ],
  };
}

/** DAU, WAU and MAU per day as three lines. */
export function activeLines(r: ActiveResult, theme: ChartTheme): Spec {
  const values = r.days.flatMap((d) => [
    { day: d.day, series: 'DAU', users: d.dau },
    { day: d.day, series: 'WAU', users: d.wau },
    { day: d.day, series: 'MAU', users: d.mau },
  ]);
  return {
    ...base(theme, 220, values),
    mark: { type: 'line', strokeWidth: 1.8, tooltip: true },
    encoding: {
      x: {
        field: 'day',
        type: 'temporal',
        title: null,
        axis: { format: '%-d %b', labelOverlap: true, labelSeparation: 6, tickCount: 8 },
      },
      y: { field: 'users', type: 'quantitative', title: 'Active users' },
      color: { field: 'series', type: 'nominal', title: null, sort: ['DAU', 'WAU', 'MAU'] },
    },
  };
}

/** Stickiness (DAU / MAU) per complete day (a partial day's MAU window is cut by the data's start, so it is left out). */
export function stickinessLine(r: ActiveResult, theme: ChartTheme): Spec {
  const values = r.days
    .filter((d) => d.stickiness !== null && !d.partial)
    .map((d) => ({ day: d.day, stickiness: d.stickiness }));
  return {
    ...base(theme, 160, values),
    mark: { type: 'line', strokeWidth: 1.8, color: theme.scheme[2], tooltip: true },
    encoding: {
      x: {
        field: 'day',
        type: 'temporal',
        title: null,
        axis: { format: '%-d %b', labelOverlap: true, labelSeparation: 6, tickCount: 8 },
      },
      y: { field: 'stickiness', type: 'quantitative', title: 'DAU / MAU', axis: { format: '.0%' } },
    },
  };
}

/** The stickiness histogram of one period: users by the number of days they were active in it. */
export function histogramChart(bars: HistogramBar[], theme: ChartTheme): Spec {
  return {
    ...base(theme, 180, bars),
    encoding: {
      x: { field: 'days', type: 'ordinal', title: 'Days active in the period', axis: { labelAngle: 0 } },
      y: { field: 'actors', type: 'quantitative', title: 'Users' },
    },
    layer: [
      {
        mark: {
          type: 'bar',
          color: theme.scheme[4],
          cornerRadiusTopLeft: 2,
          cornerRadiusTopRight: 2,
          tooltip: true,
        },
      },
      {
        mark: { type: 'text', dy: -6, fontSize: 11, color: theme.muted },
        encoding: { text: { field: 'actors', format: ',' } },
      },
    ],
  };
}
