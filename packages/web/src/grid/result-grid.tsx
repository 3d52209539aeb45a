// biome-ignore-all lint/a11y/useSemanticElements: a virtualised grid places rows absolutely, so it uses the ARIA grid roles on divs
// biome-ignore-all lint/a11y/useFocusableInteractive: focus stays on the grid element; arrows move the selected cell
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Column, Row } from '../api/types.js';
import { formatCell, rawCell, typeKind } from '../format/format.js';
import { ColumnResizer } from './column-resizer.js';
import { type PageLoader, RowCache } from './row-cache.js';
import { TypeIcon } from './type-icon.js';
import { rowWindow, scrollTopForRow } from './virtual-window.js';

/** Height of one grid row in pixels (fixed, so millions of rows can be placed without measuring). */
export const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 44;
const INDEX_WIDTH = 72;

/** Props of `ResultGrid`. */
export interface ResultGridProps {
  columns: Column[];
  rowCount: number;
  /** Changes whenever the result changes (drops cached pages). */
  resultKey: string;
  load: PageLoader;
  sort: { column: string; direction: 'asc' | 'desc' } | null;
  onSort(column: string, direction: 'asc' | 'desc'): void;
  onProfile(column: string): void;
}

function columnWidth(c: Column): number {
  const kind = typeKind(c.type);
  const base = kind === 'timestamp' ? 220 : kind === 'date' ? 140 : kind === 'number' ? 120 : 160;
  return Math.max(base, Math.min(c.name.length * 8 + 56, 320));
}

/**
 * The result grid: virtualised rows paged from the server (any row count, including 10 million), sticky header
 * with types, formatted values, sort buttons, header click for the column profile, cell selection and copy.
 */
export function ResultGrid(props: ResultGridProps) {
  const { columns, rowCount, load } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(400);
  const [, setTick] = useState(0);
  const [selected, setSelected] = useState<{ row: number; col: number } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  // A new result (a new `load`) needs a new cache.
  const cache = useMemo(() => new RowCache(load, () => setTick((t) => t + 1)), [load]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new result (resultKey) scrolls back to the top
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    el.scrollTop = 0;
    setScrollTop(0);
    setSelected(null);
    const ro = new ResizeObserver(() => setViewport(Math.max(el.clientHeight - HEADER_HEIGHT, ROW_HEIGHT)));
    ro.observe(el);
    setViewport(Math.max(el.clientHeight - HEADER_HEIGHT, ROW_HEIGHT));
    return () => ro.disconnect();
  }, [props.resultKey]);

  const win = rowWindow(rowCount, ROW_HEIGHT, viewport, scrollTop);
  useEffect(() => {
    // Also fetch a little beyond the view, so ordinary scrolling rarely waits for a page.
    if (win.last >= win.first)
      void cache.ensure(Math.max(win.first - 100, 0), Math.min(win.last + 200, rowCount - 1));
  }, [cache, win.first, win.last, rowCount]);

  // Column widths: a guess from the name and type, changed by dragging a header's right edge.
  const [resized, setResized] = useState<Record<string, number>>({});
  const widths = useMemo(() => columns.map((c) => resized[c.name] ?? columnWidth(c)), [columns, resized]);
  const template = `${INDEX_WIDTH}px ${widths.map((w) => `${w}px`).join(' ')}`;
  const totalWidth = INDEX_WIDTH + widths.reduce((a, b) => a + b, 0);

  const copy = useCallback(async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied('Copy is blocked by the browser: select the text and press Ctrl+C.');
    }
    setTimeout(() => setCopied(null), 1500);
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!selected) return;
    const move = (row: number, col: number) => {
      const r = Math.min(Math.max(row, 0), rowCount - 1);
      const c = Math.min(Math.max(col, 0), columns.length - 1);
      setSelected({ row: r, col: c });
      const el = scroller.current;
      if (!el) return;
      const w = rowWindow(rowCount, ROW_HEIGHT, viewport, el.scrollTop, 0);
      if (r <= w.first || r >= w.last) {
        el.scrollTop = scrollTopForRow(
          r <= w.first ? r : r - Math.floor(viewport / ROW_HEIGHT) + 1,
          rowCount,
          ROW_HEIGHT,
          viewport,
        );
      }
    };
    if ((e.ctrlKey || e.metaKey) && e.key === 'c') {
      const row = cache.get(selected.row);
      const col = columns[selected.col];
      if (row && col) void copy(rawCell(row[col.name] ?? null), 'Copied the cell');
      e.preventDefault();
    } else if (e.key === 'ArrowDown') move(selected.row + 1, selected.col);
    else if (e.key === 'ArrowUp') move(selected.row - 1, selected.col);
    else if (e.key === 'ArrowRight') move(selected.row, selected.col + 1);
    else if (e.key === 'ArrowLeft') move(selected.row, selected.col - 1);
    else return;
    e.preventDefault();
  };

  const rows: { index: number; row: Row | undefined }[] = [];
  for (let i = win.first; i <= win.last; i++) rows.push({ index: i, row: cache.get(i) });

  return (
    <div className="grid-wrap">
      <div
        className="grid-scroll"
        ref={scroller}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
        role="grid"
        aria-rowcount={rowCount + 1}
        aria-colcount={columns.length}
        aria-label="Result rows"
        tabIndex={0}
        data-testid="result-grid"
      >
        <div style={{ width: totalWidth, height: HEADER_HEIGHT + win.totalHeight, position: 'relative' }}>
          <div
            className="grid-header"
            role="row"
            style={{ gridTemplateColumns: template, width: totalWidth }}
          >
            <div className="grid-index-head" role="columnheader">
              #
            </div>
            {columns.map((c, ci) => {
              const sorted = props.sort?.column === c.name ? props.sort.direction : null;
              const kind = typeKind(c.type);
              return (
                <div
                  key={c.name}
                  className={`grid-head ${kind === 'number' ? 'num' : ''}`}
                  role="columnheader"
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                >
                  <button
                    type="button"
                    className="grid-head-name"
                    onClick={() => props.onProfile(c.name)}
                    title={`Profile of ${c.name}: distinct values, nulls, min, max`}
                  >
                    <span className="grid-head-title">{c.name}</span>
                    <span className="grid-head-type">
                      <TypeIcon type={c.type} />
                      {c.type.toLowerCase()}
                    </span>
                  </button>
                  <button
                    type="button"
                    className={`grid-sort ${sorted ? 'active' : ''}`}
                    aria-label={`Sort by ${c.name} ${sorted === 'asc' ? 'descending' : 'ascending'}`}
                    title={`Sort by ${c.name}`}
                    onClick={() => props.onSort(c.name, sorted === 'asc' ? 'desc' : 'asc')}
                  >
                    {sorted === 'desc' ? '↓' : sorted === 'asc' ? '↑' : '↕'}
                  </button>
                  <ColumnResizer
                    name={c.name}
                    width={widths[ci] ?? 120}
                    onResize={(w) => setResized((r) => ({ ...r, [c.name]: w }))}
                  />
                </div>
              );
            })}
          </div>
          {rows.map(({ index, row }) => (
            <div
              key={index}
              className={`grid-row ${index % 2 ? 'odd' : ''}`}
              role="row"
              aria-rowindex={index + 2}
              style={{
                gridTemplateColumns: template,
                top: HEADER_HEIGHT + win.firstTop + (index - win.first) * ROW_HEIGHT,
                width: totalWidth,
              }}
            >
              <div className="grid-index" role="rowheader">
                {(index + 1).toLocaleString('en-US')}
              </div>
              {columns.map((c, ci) => {
                const v = row ? (row[c.name] ?? null) : undefined;
                const kind = typeKind(c.type);
                const isSel = selected?.row === index && selected.col === ci;
                return (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the grid (arrows, Ctrl+C)
                  <div
                    key={c.name}
                    role="gridcell"
                    aria-selected={isSel}
                    className={`grid-cell ${kind === 'number' ? 'num' : ''} ${v === null ? 'null' : ''} ${isSel ? 'selected' : ''}`}
                    onClick={() => setSelected({ row: index, col: ci })}
                    onDoubleClick={() => v !== undefined && void copy(rawCell(v), 'Copied the cell')}
                    title={v === undefined ? '' : rawCell(v)}
                  >
                    {v === undefined ? <span className="grid-loading" /> : formatCell(v, c.type)}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
      {cache.error ? (
        <div className="grid-note error" role="alert">
          Some rows could not be loaded: {cache.error.message}
        </div>
      ) : null}
      {copied ? (
        <div className="grid-note" role="status">
          {copied}
        </div>
      ) : null}
    </div>
  );
}
