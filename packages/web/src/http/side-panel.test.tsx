// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { click, render } from '../test-support/render.js';
import type { HttpHistoryEntry, OpenApiImport } from './http-types.js';
import { emptyRequest } from './request-draft.js';
import { ago, SidePanel, splitForList } from './side-panel.js';

const entry: HttpHistoryEntry = {
  id: 'h1',
  at: '2026-03-03T10:00:00Z',
  environment: 'staging',
  request: {
    ...emptyRequest(),
    url: 'https://api.example.com/v1/users',
    query: [{ name: 'page', value: '2', enabled: true }],
  },
  status: 404,
  error: null,
  timings: { dns: 1, connect: 2, tls: 3, firstByte: 40, total: 52 },
  size: 10,
};

const doc: OpenApiImport = {
  title: 'Petstore',
  version: '1.0.0',
  servers: ['https://petstore.example.com/v1'],
  operations: [
    {
      method: 'get',
      path: '/pets',
      operationId: 'listPets',
      summary: 'List all pets',
      tags: [],
      parameters: [],
      requestBodyExample: null,
      request: { ...emptyRequest(), url: '{{base_url}}/pets' },
    },
    {
      method: 'post',
      path: '/pets',
      operationId: 'createPets',
      summary: 'Create a pet',
      tags: [],
      parameters: [],
      requestBodyExample: null,
      request: { ...emptyRequest(), method: 'POST', url: '{{base_url}}/pets' },
    },
  ],
};

function props(over: Partial<Parameters<typeof SidePanel>[0]> = {}) {
  const calls: string[] = [];
  return {
    calls,
    p: {
      history: [entry],
      onHistory: (h: HttpHistoryEntry) => calls.push(`history ${h.id}`),
      onClearHistory: () => calls.push('clear'),
      openApi: null,
      onOperation: (o: { operationId: string | null }) => calls.push(`op ${o.operationId}`),
      onImportOpenApi: (t: string) => calls.push(`import ${t.length}`),
      onForgetOpenApi: () => calls.push('forget'),
      onEnvironmentFromServer: (s: string) => calls.push(`server ${s}`),
      openApiBusy: false,
      ...over,
    },
  };
}

describe('SidePanel', () => {
  it('lists past requests by path with their status, and opens one', async () => {
    const { p, calls } = props();
    const r = await render(<SidePanel {...p} />);
    const item = r.container.querySelector('.side-item') as HTMLElement;
    expect(item.querySelector('.side-url')?.textContent).toBe('/v1/users?page=2');
    expect(item.querySelector('.status-text')?.className).toBe('status-text client-error');
    expect(item.querySelector('.side-host')?.textContent).toBe('api.example.com');
    await click(item);
    await click([...r.container.querySelectorAll('button')].find((b) => b.textContent === 'Clear')!);
    expect(calls).toEqual(['history h1', 'clear']);
    await r.unmount();
  });

  it('lists OpenAPI operations, filters them, and offers the server as {{base_url}}', async () => {
    const { p, calls } = props({ openApi: doc });
    const r = await render(<SidePanel {...p} />);
    expect([...r.container.querySelectorAll('.side-item')].map((b) => b.textContent)).toEqual([
      'GET/petsList all pets',
      'POST/petsCreate a pet',
    ]);
    const filter = r.container.querySelector('input[aria-label="Filter operations"]') as HTMLInputElement;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(filter, 'create');
      filter.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const items = [...r.container.querySelectorAll('.side-item')];
    expect(items).toHaveLength(1);
    await click(items[0]!);
    await click(
      [...r.container.querySelectorAll('button')].find((b) => b.textContent === 'Use as {{base_url}}')!,
    );
    expect(calls).toEqual(['op createPets', 'server https://petstore.example.com/v1']);
    await r.unmount();
  });

  it('splits URLs for the list and says how long ago', () => {
    expect(splitForList('http://127.0.0.1:8080/v1/x?a=1')).toEqual({
      path: '/v1/x?a=1',
      host: '127.0.0.1:8080',
    });
    expect(splitForList('https://example.com')).toEqual({ path: '/', host: 'example.com' });
    expect(splitForList('{{base_url}}/pets')).toEqual({ path: '{{base_url}}/pets', host: '' });
    const now = Date.parse('2026-03-03T12:00:00Z');
    expect([
      ago('2026-03-03T11:59:30Z', now),
      ago('2026-03-03T11:55:00Z', now),
      ago('2026-03-03T09:00:00Z', now),
    ]).toEqual(['just now', '5 min ago', '3 h ago']);
  });
});
