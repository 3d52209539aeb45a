// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { click, render } from '../test-support/render.js';
import type { HttpExchange } from './http-types.js';
import { ResponseView } from './response-view.js';

function exchange(patch: Partial<HttpExchange>): HttpExchange {
  return {
    url: 'https://api.example.com/v1/items',
    status: 200,
    statusText: 'OK',
    headers: [
      ['content-type', 'application/json'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ],
    size: 1234,
    contentType: 'application/json',
    timings: { dns: 3, connect: 4, tls: 12, firstByte: 80, total: 120 },
    redirects: [],
    body: '{"items":[{"id":1}]}',
    bodyTruncated: false,
    json: { items: [{ id: 1 }] },
    arrays: [{ path: '$.items', length: 1, columns: ['id'] }],
    ...patch,
  };
}

function saveButton(c: HTMLElement) {
  return [...c.querySelectorAll('button')].find(
    (b) => b.textContent === 'Save as table…',
  ) as HTMLButtonElement;
}

describe('ResponseView', () => {
  it('shows the status, size and time, the tree, and every header (repeats included)', async () => {
    const saved: number[] = [];
    const r = await render(
      <ResponseView exchange={exchange({})} onSaveTable={() => saved.push(1)} onCopy={() => undefined} />,
    );
    const pill = r.container.querySelector('[data-testid=http-status]') as HTMLElement;
    expect([pill.textContent, pill.className]).toEqual(['200 OK', 'status-pill success']);
    expect(r.container.querySelector('.response-head')?.textContent).toContain('1.2 KB');
    expect(r.container.querySelector('[data-testid=http-total]')?.textContent).toBe('120 ms');
    expect(r.container.querySelector('[role=tree]')).not.toBeNull();
    expect(saveButton(r.container).title).toBe('Turn $.items (1 item) into a table');
    await click(saveButton(r.container));
    expect(saved).toEqual([1]);
    await click(
      [...r.container.querySelectorAll('[role=tab]')].find((t) => t.textContent === 'Headers (3)')!,
    );
    expect([...r.container.querySelectorAll('.header-table tr')].map((tr) => tr.textContent)).toEqual([
      'content-typeapplication/json',
      'set-cookiea=1',
      'set-cookieb=2',
    ]);
    await r.unmount();
  });

  it('shows a body that is not JSON as text, with no list to save, and a 5xx as a server error', async () => {
    const r = await render(
      <ResponseView
        exchange={exchange({
          status: 503,
          statusText: '',
          contentType: 'text/html',
          body: '<h1>down</h1>',
          json: undefined,
          arrays: [],
        })}
        onSaveTable={() => undefined}
        onCopy={() => undefined}
      />,
    );
    const pill = r.container.querySelector('[data-testid=http-status]') as HTMLElement;
    expect([pill.textContent, pill.className]).toEqual(['503', 'status-pill server-error']);
    expect(r.container.querySelector('[data-testid=raw-body]')?.textContent).toBe('<h1>down</h1>');
    const bodyTab = [...r.container.querySelectorAll('[role=tab]')].find(
      (t) => t.textContent === 'Body (not JSON)',
    );
    expect((bodyTab as HTMLButtonElement).disabled).toBe(true);
    expect(saveButton(r.container).disabled).toBe(true);
    await r.unmount();
  });

  it('says when a big body was cut, where it was saved, and still offers to save its list', async () => {
    const r = await render(
      <ResponseView
        exchange={exchange({
          size: 3_400_000,
          bodyTruncated: true,
          bodyFile: 'tmp/http/body-1.json',
          json: undefined,
          arrays: [],
          redirects: [{ status: 301, location: 'https://api.example.com/v2/items' }],
        })}
        onSaveTable={() => undefined}
        onCopy={() => undefined}
      />,
    );
    expect(r.container.querySelector('.response-note')?.textContent).toBe(
      'The body is 3.4 MB: the first 1 MB is shown here, and the whole body was saved to tmp/http/body-1.json.',
    );
    expect(r.container.textContent).toContain('after 1 redirect');
    expect(saveButton(r.container).disabled).toBe(false);
    expect(r.container.querySelector('[data-phase=download]')?.textContent).toBe(
      'Redirects and download 21 ms',
    );
    await r.unmount();
  });
});
