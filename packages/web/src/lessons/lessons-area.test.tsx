// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../api/client.js';
import type { AreaProps } from '../app/areas.js';
import { nodeFetch } from '../test-support/node-fetch.js';
import { click, render, waitFor } from '../test-support/render.js';
import { type ServerProcess, startServerProcess } from '../test-support/server-process.js';
import LessonsArea from './lessons-area.js';

let server: ServerProcess;
let api: ApiClient;

beforeAll(async () => {
  server = await startServerProcess();
  api = new ApiClient(server.origin, nodeFetch(server.token));
});
afterAll(() => server.stop());

function memoryStorage(init: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(init));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

function props(storage: Storage, sampled: { count: number }): AreaProps {
  return {
    api,
    catalog: null,
    refreshCatalog: () => {
      sampled.count += 1;
    },
    openSql: () => undefined,
    active: true,
    storage,
    theme: 'light',
  };
}

describe('LessonsArea', () => {
  it('offers the sample data on an empty workspace, then opens the lesson an error teacher id points to', async () => {
    const refreshed = { count: 0 };
    const view = await render(
      <LessonsArea {...props(memoryStorage({ 'sightline.lessons.current': 'quotes' }), refreshed)} />,
    );
    const c = view.container;
    const create = await waitFor(() =>
      [...c.querySelectorAll('button')].find((b) => b.textContent === 'Create the sample data'),
    );
    expect(c.querySelector('[data-testid=lessons-done]')?.textContent).toBe('0 of 13 done');
    // The button makes the full sample; a small one through the API keeps the test quick, then the area reloads.
    await api.request('POST', '/sample', { scale: 0.01 });
    await view.unmount();
    const again = await render(
      <LessonsArea {...props(memoryStorage({ 'sightline.lessons.current': 'quotes' }), refreshed)} />,
    );
    const h1 = await waitFor(() => again.container.querySelector('h1#lesson-title'), 15_000);
    expect(h1.textContent).toBe('Pick columns and rows: SELECT and WHERE');
    expect(again.container.querySelector('[aria-current=page]')?.textContent).toContain('SELECT and WHERE');
    const hint = [...again.container.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('Show a hint'),
    );
    expect(hint?.textContent).toBe('Show a hint (1 of 2)');
    if (hint) await click(hint);
    expect(again.container.querySelector('.lesson-hints')?.textContent).toBe(
      'The starter already keeps German users. Add a second condition with AND.',
    );
    expect(create).toBeDefined();
    await again.unmount();
  }, 60_000);
});
