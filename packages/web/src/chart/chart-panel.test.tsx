// @vitest-environment happy-dom
import { forwardRef } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../api/client.js';
import { nodeFetch } from '../test-support/node-fetch.js';
import { choose, click, render, waitFor } from '../test-support/render.js';
import { type ServerProcess, startServerProcess } from '../test-support/server-process.js';
import ChartPanel from './chart-panel.js';

// Drawing is Vega's job (checked in the browser e2e test); here the builder's spec is shown as JSON instead, so
// Vega never loads in Node.
vi.mock('./vega-view.js', () => ({
  VegaView: forwardRef(({ spec }: { spec: Record<string, unknown> }, _ref) => (
    <pre data-testid="vl-spec">{JSON.stringify(spec)}</pre>
  )),
}));

let server: ServerProcess;
let api: ApiClient;
const SQL = `SELECT * FROM (VALUES (DATE '2026-03-01', 'north', 10), (DATE '2026-03-01', 'south', 5),
  (DATE '2026-03-02', 'north', 7)) t(day, region, amount)`;
const COLUMNS = [
  { name: 'day', type: 'DATE' },
  { name: 'region', type: 'VARCHAR' },
  { name: 'amount', type: 'INTEGER' },
];

beforeAll(async () => {
  server = await startServerProcess();
  api = new ApiClient(server.origin, nodeFetch(server.token));
});
afterAll(() => server.stop());

function specOf(c: HTMLElement): {
  mark: { type: string };
  data: { values: unknown[] };
  encoding: Record<string, unknown>;
} {
  return JSON.parse(c.querySelector('[data-testid=vl-spec]')?.textContent ?? 'null');
}

describe('ChartPanel', () => {
  it('suggests a line over time, aggregates in the engine, and switches to a bar per region', async () => {
    const opened: string[] = [];
    const r = await render(
      <ChartPanel api={api} sql={SQL} columns={COLUMNS} onOpenSql={(s) => opened.push(s)} />,
    );
    const c = r.container;
    const select = (label: string) =>
      [...c.querySelectorAll('label.field')]
        .find((l) => l.querySelector('span')?.textContent === label)
        ?.querySelector('select') as HTMLSelectElement;
    expect(select('Chart').value).toBe('line');
    expect(select('X axis').value).toBe('day');
    expect(select('Value').value).toBe('amount');
    expect(select('Aggregate').value).toBe('sum');
    await waitFor(() => specOf(c));
    expect(specOf(c).mark.type).toBe('line');
    expect(specOf(c).data.values).toEqual([
      { x: '2026-03-01', y: 15 },
      { x: '2026-03-02', y: 7 },
    ]);
    expect(c.querySelector('.show-sql pre')?.textContent).toContain('sum("amount") AS "y"');
    await click(
      [...c.querySelectorAll('button')].find((b) => b.textContent === 'Open this SQL in a new tab')!,
    );
    expect(opened).toEqual([c.querySelector('.show-sql pre')?.textContent]);

    await choose(select('Chart'), 'bar');
    await choose(select('X axis'), 'region');
    await waitFor(
      () => specOf(c)?.mark.type === 'bar' && JSON.stringify(specOf(c).data.values).includes('north'),
    );
    expect(specOf(c).data.values).toEqual([
      { x: 'north', y: 17 },
      { x: 'south', y: 5 },
    ]);
    expect(specOf(c).encoding.x).toMatchObject({ field: 'x', type: 'nominal', title: 'region', sort: '-y' });

    await choose(select('Aggregate'), 'count');
    await waitFor(
      () => JSON.stringify(specOf(c).data.values) === '[{"x":"north","y":2},{"x":"south","y":1}]',
    );
    expect((specOf(c).encoding.y as { title: string }).title).toBe('Rows');
    await r.unmount();
  });

  it('drops the date grouping when the x axis changes from a timestamp to a category', async () => {
    const sql = `SELECT TIMESTAMP '2026-03-01 10:00' AS at, 'north' AS region, 4 AS amount`;
    const columns = [
      { name: 'at', type: 'TIMESTAMP' },
      { name: 'region', type: 'VARCHAR' },
      { name: 'amount', type: 'INTEGER' },
    ];
    const r = await render(<ChartPanel api={api} sql={sql} columns={columns} />);
    const c = r.container;
    await waitFor(() => specOf(c));
    expect(specOf(c).data.values).toEqual([{ x: '2026-03-01T00:00:00', y: 4 }]);
    await choose(c.querySelector('select[aria-label="X axis"]') as HTMLSelectElement, 'region');
    await waitFor(() => JSON.stringify(specOf(c).data.values) === '[{"x":"north","y":4}]');
    expect(c.querySelector('[data-testid=error]')).toBeNull();
    await r.unmount();
  });

  it('shows the engine error in plain words when the chart query fails', async () => {
    const r = await render(<ChartPanel api={api} sql="SELECT * FROM nowhere" columns={COLUMNS} />);
    const error = await waitFor(() => r.container.querySelector('[data-testid=error]'));
    expect(error.textContent).toMatch(/nowhere/);
    await r.unmount();
  });
});
