// @vitest-environment happy-dom
import { act } from 'react';
import { expect, test } from 'vitest';
import { render } from '../test-support/render.js';
import type { LogTimeline } from './log-types.js';
import { TimelineChart } from './timeline-chart.js';

const start = Date.parse('2026-10-30T00:00:00Z');
const timeline: LogTimeline = {
  interval: { label: '10m', seconds: 600 },
  from: '2026-10-30T00:00:00.000Z',
  to: '2026-10-30T01:40:00.000Z',
  buckets: Array.from({ length: 10 }, (_, i) => ({
    start: new Date(start + i * 600_000).toISOString(),
    errors: i === 4 ? 3 : 0,
    warnings: 1,
    others: 10 + i,
  })),
  total: 0,
  errors: 3,
  warnings: 10,
  untimed: 0,
};

const key = async (el: Element, k: string, shiftKey = false) =>
  act(async () => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true }));
  });

test('arrow keys pick bars, Shift widens, Enter narrows to them and Esc zooms back out', async () => {
  const ranges: unknown[] = [];
  const r = await render(<TimelineChart timeline={timeline} zoomed={true} onRange={(x) => ranges.push(x)} />);
  const svg = r.container.querySelector('svg')!;
  expect(svg.getAttribute('aria-label')).toContain('10-minute bars, 3 errors');
  await key(svg, 'ArrowRight');
  await key(svg, 'ArrowRight');
  await key(svg, 'ArrowRight', true);
  await key(svg, 'ArrowRight', true);
  expect(r.container.querySelector('.log-timeline-foot')?.textContent).toBe(
    'Fri 30 Oct 00:40: 18 lines. Enter to narrow, Esc to cancel.',
  );
  await key(svg, 'Enter');
  expect(ranges).toEqual([{ from: '2026-10-30T00:20:00.000Z', to: '2026-10-30T00:50:00.000Z' }]);
  await key(svg, 'Escape');
  expect(ranges[1]).toBeUndefined();
  expect(ranges).toHaveLength(2);
  // Errors sit on the baseline, in their own colour, with a tooltip giving the numbers.
  const bar = r.container.querySelector('g[data-start="2026-10-30T00:40:00.000Z"]')!;
  expect(bar.querySelector('title')?.textContent).toBe('Fri 30 Oct 00:40: 18 lines, 3 errors, 1 warning');
  const err = bar.querySelector('.log-bar.error')!;
  expect(Number(err.getAttribute('y')) + Number(err.getAttribute('height'))).toBeCloseTo(116, 5);
  await r.unmount();
});
