// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { RowsPage } from '../api/types.js';
import { click, render, waitFor } from '../test-support/render.js';
import { ResultGrid } from './result-grid.js';
import { scrollTopForRow } from './virtual-window.js';

const COLUMNS = [
  { name: 'n', type: 'BIGINT' },
  { name: 'day', type: 'DATE' },
  { name: 'label', type: 'VARCHAR' },
];
const ROWS = 10_000_000;

function pages(requests: [number, number][]) {
  return async (offset: number, limit: number): Promise<RowsPage> => {
    requests.push([offset, limit]);
    const rows = [];
    for (let i = offset; i < Math.min(offset + limit, ROWS); i++) {
      rows.push({ n: i * 1000, day: '2026-03-03', label: i % 2 ? null : `row ${i}` });
    }
    return { columns: COLUMNS, rowCount: ROWS, offset, rows };
  };
}

function cellsOf(container: HTMLElement, rowIndex: number): string[] {
  const row = container.querySelector(`[role=row][aria-rowindex="${rowIndex + 2}"]`);
  return row
    ? [...row.querySelectorAll('[role=rowheader],[role=gridcell]')].map((c) => c.textContent ?? '')
    : [];
}

describe('ResultGrid', () => {
  it('draws only the rows in view of 10 million, formatted, with a typed sticky header', async () => {
    const requests: [number, number][] = [];
    const sorts: string[] = [];
    const profiles: string[] = [];
    const r = await render(
      <div style={{ height: '600px', display: 'flex' }}>
        <ResultGrid
          columns={COLUMNS}
          rowCount={ROWS}
          resultKey="q1"
          load={pages(requests)}
          sort={null}
          onSort={(c, d) => sorts.push(`${c} ${d}`)}
          onProfile={(c) => profiles.push(c)}
        />
      </div>,
    );
    const c = r.container;
    await waitFor(() => cellsOf(c, 1)[1] === '1,000');
    expect(cellsOf(c, 0)).toEqual(['1', '0', 'Tue 3 Mar 2026', 'row 0']);
    expect(cellsOf(c, 1)).toEqual(['2', '1,000', 'Tue 3 Mar 2026', 'NULL']);
    expect(c.querySelectorAll('[role=row]').length).toBeLessThan(60);
    expect(requests).toEqual([[0, 500]]);
    const heads = [...c.querySelectorAll('[role=columnheader]')].map((h) => h.textContent);
    expect(heads).toEqual(['#', 'n#bigint↕', 'day▦date↕', 'labelAavarchar↕']);
    expect(c.querySelector('[role=grid]')?.getAttribute('aria-rowcount')).toBe(String(ROWS + 1));

    // Scroll to row 1,000,000: only the page around it is fetched.
    const scroller = c.querySelector('[role=grid]') as HTMLElement;
    const viewport = Math.max(scroller.clientHeight - 44, 28);
    await act(async () => {
      scroller.scrollTop = scrollTopForRow(1_000_000, ROWS, 28, viewport);
      scroller.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => cellsOf(c, 1_000_000)[1] === '1,000,000,000');
    expect(cellsOf(c, 1_000_000)[0]).toBe('1,000,001');
    expect(requests.at(-1)?.[0]).toBeLessThanOrEqual(1_000_000);
    expect(requests.length).toBeLessThanOrEqual(3);

    // Resizing a column (keyboard on its handle) widens header and rows alike.
    const header = c.querySelector('.grid-header') as HTMLElement;
    const before = header.style.gridTemplateColumns;
    const handle = c.querySelector('[aria-label="Resize column label"]') as HTMLElement;
    const width = Number(handle.getAttribute('aria-valuenow'));
    await act(async () => {
      handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(header.style.gridTemplateColumns).toBe(
      before.replace(new RegExp(`${width}px$`), `${width + 20}px`),
    );
    expect(
      (c.querySelector('[role=row][aria-rowindex="1000002"]') as HTMLElement).style.gridTemplateColumns,
    ).toBe(header.style.gridTemplateColumns);

    await click(c.querySelector('[aria-label="Sort by n ascending"]')!);
    expect(sorts).toEqual(['n asc']);
    await click(c.querySelector('.grid-head-name')!);
    expect(profiles).toEqual(['n']);
    await r.unmount();
  });

  it('selects a cell, moves with the arrows and copies the raw value', async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: async (t: string) => void copied.push(t) },
      configurable: true,
    });
    const r = await render(
      <ResultGrid
        columns={COLUMNS}
        rowCount={ROWS}
        resultKey="q2"
        load={pages([])}
        sort={{ column: 'n', direction: 'desc' }}
        onSort={() => undefined}
        onProfile={() => undefined}
      />,
    );
    const c = r.container;
    await waitFor(() => cellsOf(c, 2)[1] === '2,000');
    expect(c.querySelector('[aria-sort=descending]')?.textContent).toContain('n');
    const cell = c.querySelector('[aria-rowindex="4"] [role=gridcell]')!; // row 3, column n
    await click(cell);
    const grid = c.querySelector('[role=grid]')!;
    const key = (init: KeyboardEventInit) =>
      act(async () => {
        grid.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init }));
      });
    await key({ key: 'ArrowRight' });
    await key({ key: 'c', ctrlKey: true });
    await waitFor(() => copied.length === 1);
    expect(copied).toEqual(['2026-03-03']);
    await key({ key: 'ArrowLeft' });
    await key({ key: 'ArrowDown' });
    await key({ key: 'c', ctrlKey: true });
    await waitFor(() => copied.length === 2);
    expect(copied[1]).toBe('3000');
    await r.unmount();
  });
});
