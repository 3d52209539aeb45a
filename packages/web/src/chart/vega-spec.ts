import type { Column, Row } from '../api/types.js';
import { typeKind } from '../format/format.js';
import { AGGREGATE_LABELS, type ChartSpec } from './chart-spec.js';

/** Colours and fonts a chart takes from the page's theme. */
export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  background: string;
  font: string;
  scheme: string[];
}

type FieldType = 'quantitative' | 'temporal' | 'nominal' | 'ordinal';

function fieldType(columns: Column[], name: string | null, spec: ChartSpec): FieldType {
  const col = columns.find((c) => c.name === name);
  const kind = col ? typeKind(col.type) : 'text';
  if (kind === 'date' || kind === 'timestamp' || (spec.timeUnit !== 'none' && name === spec.x))
    return 'temporal';
  if (kind === 'number') return 'quantitative';
  return 'nominal';
}

function measureTitle(spec: ChartSpec, col: string | null): string {
  if (spec.aggregate === 'count') return 'Rows';
  return `${AGGREGATE_LABELS[spec.aggregate]} of ${col ?? ''}`;
}

/** Numbers that came as strings (big integers, decimals) become numbers for drawing only. */
function numeric(rows: Row[], fields: string[]): Record<string, unknown>[] {
  return rows.map((r) => {
    const out: Record<string, unknown> = { ...r };
    for (const f of fields) {
      const v = r[f];
      if (typeof v === 'string' && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(v)) out[f] = Number(v);
    }
    return out;
  });
}

/**
 * The Vega-Lite spec drawing chart data computed by `chartSql` (columns `x`, `y`, `color`, `x2`). `columns` are
 * the original result's columns, used for axis types and titles.
 */
export function toVegaLite(
  spec: ChartSpec,
  rows: Row[],
  columns: Column[],
  theme: ChartTheme,
): Record<string, unknown> {
  const xType = spec.mark === 'histogram' ? 'quantitative' : fieldType(columns, spec.x, spec);
  const values = numeric(rows, ['y', 'x', 'x2', ...(spec.mark === 'heatmap' ? ['color'] : [])]);
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 'container',
    autosize: { type: 'fit', contains: 'padding' },
    background: theme.background,
    data: { values },
    config: themeConfig(theme),
  };
  const yTitle = measureTitle(spec, spec.y);
  const colorEnc =
    spec.color !== null && spec.mark !== 'heatmap' && spec.mark !== 'pie' && spec.mark !== 'histogram'
      ? { color: { field: 'color', type: fieldType(columns, spec.color, spec), title: spec.color } }
      : {};
  const tooltip = [
    { field: 'x', type: xType, title: spec.x },
    { field: 'y', type: 'quantitative', title: yTitle, format: ',' },
  ];
  switch (spec.mark) {
    case 'line':
    case 'area':
    case 'bar': {
      const sortBars = spec.mark === 'bar' && xType === 'nominal';
      return {
        ...base,
        mark: {
          type: spec.mark,
          tooltip: true,
          ...(spec.mark === 'line' ? { point: rows.length <= 60 } : {}),
        },
        encoding: {
          x: {
            field: 'x',
            type: xType,
            title: spec.x,
            ...(sortBars
              ? { sort: '-y', axis: { labelAngle: rows.length <= 12 ? 0 : -45, labelLimit: 160 } }
              : {}),
          },
          y: { field: 'y', type: 'quantitative', title: yTitle },
          ...(spec.color === null ? { color: { value: theme.scheme[0] } } : colorEnc),
          tooltip,
        },
      };
    }
    case 'scatter':
      return {
        ...base,
        mark: { type: 'point', filled: true, opacity: 0.6, tooltip: true },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: spec.x, scale: { zero: false } },
          y: { field: 'y', type: 'quantitative', title: spec.y, scale: { zero: false } },
          ...(spec.color === null ? { color: { value: theme.scheme[0] } } : colorEnc),
        },
      };
    case 'histogram':
      return {
        ...base,
        mark: { type: 'bar', tooltip: true, binSpacing: 1 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: spec.x, bin: { binned: true } },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', title: 'Rows' },
          color: { value: theme.scheme[0] },
        },
      };
    case 'pie':
      return {
        ...base,
        mark: { type: 'arc', innerRadius: 40, tooltip: true },
        encoding: {
          theta: { field: 'y', type: 'quantitative', title: yTitle },
          color: { field: 'x', type: 'nominal', title: spec.x, sort: { field: 'y', order: 'descending' } },
          tooltip,
        },
      };
    case 'heatmap':
      return {
        ...base,
        mark: { type: 'rect', tooltip: true },
        encoding: {
          x: {
            field: 'x',
            type: xType === 'quantitative' ? 'ordinal' : xType,
            title: spec.x,
            axis: { labelAngle: new Set(rows.map((r) => r.x)).size <= 12 ? 0 : -45 },
          },
          y: { field: 'y', type: 'ordinal', title: spec.y },
          color: { field: 'color', type: 'quantitative', title: measureTitle(spec, spec.color) },
        },
      };
  }
}

/** Vega-Lite's `config` for a theme: fonts, axis and legend colours, the colour scheme; every chart uses it. */
export function themeConfig(theme: ChartTheme) {
  return {
    font: theme.font,
    axis: {
      labelColor: theme.muted,
      titleColor: theme.text,
      gridColor: theme.grid,
      domainColor: theme.grid,
      tickColor: theme.grid,
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: 600,
    },
    legend: { labelColor: theme.muted, titleColor: theme.text },
    range: { category: theme.scheme },
    view: { stroke: null },
  };
}
