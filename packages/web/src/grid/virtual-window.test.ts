import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT, rowWindow, scrollTopForRow } from './virtual-window.js';

describe('rowWindow', () => {
  it('is plain division below the height cap', () => {
    const w = rowWindow(1000, 28, 280, 280, 0);
    expect(w).toEqual({ totalHeight: 28_000, first: 10, last: 20, firstTop: 280 });
  });

  it('adds overscan rows and clamps at the ends', () => {
    expect(rowWindow(1000, 28, 280, 0, 4)).toMatchObject({ first: 0, last: 14, firstTop: 0 });
    const end = rowWindow(1000, 28, 280, 28_000 - 280, 4);
    expect(end.last).toBe(999);
  });

  it('maps 10 million rows onto the capped scroll height, first and last rows reachable', () => {
    const rows = 10_000_000;
    const top = rowWindow(rows, 28, 560, 0, 0);
    expect(top.totalHeight).toBe(MAX_SCROLL_HEIGHT);
    expect(top.first).toBe(0);
    const bottom = rowWindow(rows, 28, 560, MAX_SCROLL_HEIGHT - 560, 0);
    expect(bottom.last).toBe(rows - 1);
    // The visible rows sit inside the viewport.
    expect(bottom.firstTop).toBeGreaterThanOrEqual(MAX_SCROLL_HEIGHT - 560 - 28);
  });

  it('inverts: the scrollTop for a row shows that row first', () => {
    const rows = 10_000_000;
    for (const target of [0, 1_000_000, 5_555_555, 9_999_980]) {
      const st = scrollTopForRow(target, rows, 28, 560);
      const w = rowWindow(rows, 28, 560, st, 0);
      expect(Math.abs(w.first - target)).toBeLessThanOrEqual(1);
    }
  });

  it('has no rows for an empty result', () => {
    expect(rowWindow(0, 28, 500, 0)).toEqual({ totalHeight: 0, first: 0, last: -1, firstTop: 0 });
  });
});
