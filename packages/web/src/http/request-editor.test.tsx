// @vitest-environment happy-dom
import { act, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { choose, click, render } from '../test-support/render.js';
import type { HttpRequestSpec } from './http-types.js';
import { emptyRequest } from './request-draft.js';
import { RequestEditor, tabCounts } from './request-editor.js';

async function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  await act(async () => {
    const proto =
      input instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function Harness(props: {
  start: HttpRequestSpec;
  seen: HttpRequestSpec[];
  curls: string[];
  sends: number[];
}) {
  const [spec, setSpec] = useState(props.start);
  return (
    <RequestEditor
      spec={spec}
      onChange={(s) => {
        props.seen.push(s);
        setSpec(s);
      }}
      variables={['base_url']}
      onSend={() => props.sends.push(1)}
      sending={false}
      onCurl={(t) => props.curls.push(t)}
    />
  );
}

function setup(start = emptyRequest()) {
  const seen: HttpRequestSpec[] = [];
  const curls: string[] = [];
  const sends: number[] = [];
  return { seen, curls, sends, node: <Harness start={start} seen={seen} curls={curls} sends={sends} /> };
}

const q = (c: HTMLElement, sel: string) => c.querySelector(sel) as HTMLInputElement;

describe('RequestEditor', () => {
  it('turns a typed query string into Params rows, and edits to the rows into the URL', async () => {
    const s = setup();
    const r = await render(s.node);
    const url = q(r.container, '[data-testid=url]');
    const send = q(r.container, 'button[type=submit]');
    expect(send.disabled).toBe(true);
    await type(url, '{{base_url}}/items?page=2&q=red shoes');
    expect(s.seen.at(-1)).toMatchObject({
      url: '{{base_url}}/items',
      query: [
        { name: 'page', value: '2', enabled: true },
        { name: 'q', value: 'red shoes', enabled: true },
      ],
    });
    // What was typed stays as typed (no escaping under the cursor).
    expect(url.value).toBe('{{base_url}}/items?page=2&q=red shoes');
    expect(r.container.querySelector('[role=tab][aria-selected=true]')?.textContent).toBe('Params2');
    expect(r.container.querySelector('mark.var-known')?.textContent).toBe('{{base_url}}');

    const value = q(r.container, 'input[aria-label="parameter page value"]');
    await type(value, '3');
    const tick = q(r.container, 'input[aria-label="Send parameter q"]');
    await click(tick);
    expect(url.value).toBe('{{base_url}}/items?page=3');
    expect(s.seen.at(-1)?.query).toEqual([
      { name: 'page', value: '3', enabled: true },
      { name: 'q', value: 'red shoes', enabled: false },
    ]);
    // A new row is added by typing in the blank one.
    await type(q(r.container, 'input[aria-label="New parameter name"]'), 'limit');
    expect(url.value).toBe('{{base_url}}/items?page=3&limit');
    expect(send.disabled).toBe(false);
    await act(async () => {
      (r.container.querySelector('form') as HTMLFormElement).requestSubmit();
    });
    expect(s.sends).toEqual([1]);
    await r.unmount();
  });

  it('hands a cURL command typed or pasted into the URL field over instead of using it as a URL', async () => {
    const s = setup();
    const r = await render(s.node);
    const url = q(r.container, '[data-testid=url]');
    await type(url, "curl 'http://x.test/a' -H 'Accept: application/json'");
    expect(s.curls).toEqual(["curl 'http://x.test/a' -H 'Accept: application/json'"]);
    expect(s.seen).toEqual([]);
    await r.unmount();
  });

  it('changes the method, and edits headers, the JSON body and the auth', async () => {
    const s = setup({ ...emptyRequest(), url: 'https://x.test/things' });
    const r = await render(s.node);
    await choose(r.container.querySelector('select[aria-label=Method]') as HTMLSelectElement, 'POST');
    expect(s.seen.at(-1)?.method).toBe('POST');

    await click([...r.container.querySelectorAll('[role=tab]')].find((t) => t.textContent === 'Headers')!);
    await type(q(r.container, 'input[aria-label="New header name"]'), 'X-Trace');
    await type(q(r.container, 'input[aria-label="header X-Trace value"]'), 'abc');
    expect(s.seen.at(-1)?.headers).toEqual([{ name: 'X-Trace', value: 'abc', enabled: true }]);

    await click([...r.container.querySelectorAll('[role=tab]')].find((t) => t.textContent === 'Body')!);
    await click(r.container.querySelector('[role=radio][aria-checked=false]:nth-child(2)')!);
    const body = r.container.querySelector('textarea[aria-label="JSON body"]') as HTMLTextAreaElement;
    await type(body, '{"name": ');
    expect(r.container.textContent).toContain('This is not valid JSON yet');
    await type(body, '{"name": "{{who}}"}');
    expect(r.container.textContent).toContain('Sent with Content-Type: application/json.');
    expect(s.seen.at(-1)?.body).toEqual({ kind: 'json', text: '{"name": "{{who}}"}' });

    await click(
      [...r.container.querySelectorAll('[role=tab]')].find((t) => t.textContent?.startsWith('Auth'))!,
    );
    await choose(r.container.querySelector('.auth-editor select') as HTMLSelectElement, 'bearer');
    const token = q(r.container, 'input[aria-label="Bearer token"]');
    await type(token, 'sk-123');
    expect(token.type).toBe('password');
    expect(r.container.textContent).toContain('kept only until you reload the page');
    await type(token, '{{token}}');
    expect(token.type).toBe('text');
    expect(s.seen.at(-1)?.auth).toEqual({ kind: 'bearer', token: '{{token}}' });
    expect(tabCounts(s.seen.at(-1)!)).toEqual({ params: 0, headers: 1, body: 1, auth: 1 });
    await r.unmount();
  });
});
