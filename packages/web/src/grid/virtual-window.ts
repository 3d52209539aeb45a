/** Browsers cap an element's height (Chromium at about 33M px); scroll space above this is scaled. */
export const MAX_SCROLL_HEIGHT = 8_000_000;

/** Which rows to draw for a scroll position, and where. */
export interface RowWindow {
  /** The scrollable height of the body (capped). */
  totalHeight: number;
  /** First and last row index to draw (inclusive; last < first when there are no rows). */
  first: number;
  last: number;
  /** Pixel offset, inside the scrolled content, of row `first`. */
  firstTop: number;
}

/**
 * Maps a scroll position to the rows in view. Below the height cap this is plain `scrollTop / rowHeight`; above
 * it the scroll range is mapped linearly onto the rows, so 10 million rows stay reachable and smooth.
 */
export function rowWindow(
  rowCount: number,
  rowHeight: number,
  viewportHeight: number,
  scrollTop: number,
  overscan = 4,
): RowWindow {
  const natural = rowCount * rowHeight;
  const totalHeight = Math.min(natural, MAX_SCROLL_HEIGHT);
  if (rowCount === 0) return { totalHeight: 0, first: 0, last: -1, firstTop: 0 };
  const scrollRange = Math.max(totalHeight - viewportHeight, 0);
  const rowRange = Math.max(rowCount - viewportHeight / rowHeight, 0);
  const top = Math.min(Math.max(scrollTop, 0), scrollRange);
  const exact = scrollRange === 0 ? 0 : (top / scrollRange) * rowRange;
  const firstVisible = Math.floor(exact);
  const first = Math.max(firstVisible - overscan, 0);
  const last = Math.min(Math.ceil(exact + viewportHeight / rowHeight) + overscan, rowCount - 1);
  return { totalHeight, first, last, firstTop: top + (first - exact) * rowHeight };
}

/** The scrollTop that puts row `index` at the top of the viewport (inverse of `rowWindow`). */
export function scrollTopForRow(
  index: number,
  rowCount: number,
  rowHeight: number,
  viewportHeight: number,
): number {
  const totalHeight = Math.min(rowCount * rowHeight, MAX_SCROLL_HEIGHT);
  const scrollRange = Math.max(totalHeight - viewportHeight, 0);
  const rowRange = Math.max(rowCount - viewportHeight / rowHeight, 0);
  if (rowRange === 0) return 0;
  return (Math.min(index, rowRange) / rowRange) * scrollRange;
}
