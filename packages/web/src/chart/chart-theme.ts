import type { ChartTheme } from './vega-spec.js';

/** The chart colours and font of the page's current theme (read from the design tokens). */
export function chartTheme(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1b2230'),
    muted: v('--text-muted', '#5c6677'),
    grid: v('--border', '#dfe3e9'),
    background: v('--surface', '#ffffff'),
    font: v('--font-sans', 'system-ui, sans-serif'),
    scheme: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => v(`--chart-${i}`, '#2f62d9')),
  };
}
