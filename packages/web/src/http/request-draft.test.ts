import { describe, expect, it } from 'vitest';
import type { HttpRequestSpec } from './http-types.js';
import {
  asRequest,
  emptyRequest,
  hasTypedSecrets,
  isReferenceOnly,
  loadDraft,
  looksLikeCurl,
  saveDraft,
  statusClass,
  templateParts,
  variablesUsed,
  withoutTypedSecrets,
} from './request-draft.js';

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

const withToken: HttpRequestSpec = {
  ...emptyRequest(),
  url: '{{base_url}}/users',
  headers: [
    { name: 'Authorization', value: 'Bearer sk-live-123', enabled: true },
    { name: 'X-Trace', value: 'abc', enabled: true },
    { name: 'Cookie', value: '{{session}}', enabled: true },
  ],
  auth: { kind: 'basic', username: 'ada', password: 'hunter2' },
};

describe('the request being edited', () => {
  it('is kept in storage without the credentials typed into it', () => {
    const store = memoryStore();
    saveDraft(store, withToken);
    const raw = [...store.m.values()].join('');
    expect(raw).not.toContain('sk-live-123');
    expect(raw).not.toContain('hunter2');
    const back = loadDraft(store);
    expect(back.headers).toEqual([
      { name: 'Authorization', value: '', enabled: true },
      { name: 'X-Trace', value: 'abc', enabled: true },
      { name: 'Cookie', value: '{{session}}', enabled: true },
    ]);
    expect(back.auth).toEqual({ kind: 'basic', username: 'ada', password: '' });
    expect(hasTypedSecrets(withToken)).toBe(true);
    expect(hasTypedSecrets(back)).toBe(false);
  });

  it('keeps auth values that only reference environment variables', () => {
    const spec: HttpRequestSpec = { ...emptyRequest(), auth: { kind: 'bearer', token: '{{ token }}' } };
    expect(withoutTypedSecrets(spec)).toEqual(spec);
    const key: HttpRequestSpec = {
      ...emptyRequest(),
      auth: { kind: 'apiKey', name: 'X-Key', value: 'Key {{k}}', in: 'header' },
    };
    expect(withoutTypedSecrets(key).auth).toEqual({ kind: 'apiKey', name: 'X-Key', value: '', in: 'header' });
    expect([isReferenceOnly(''), isReferenceOnly('{{a}}{{b}}'), isReferenceOnly('x{{a}}')]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('starts blank when storage holds nothing or something damaged', () => {
    const store = memoryStore();
    expect(loadDraft(store)).toEqual(emptyRequest());
    store.setItem('sightline.api.request.v1', '{not json');
    expect(loadDraft(store)).toEqual(emptyRequest());
    store.setItem('sightline.api.request.v1', JSON.stringify({ method: 7 }));
    expect(loadDraft(store)).toEqual(emptyRequest());
  });

  it('reads a request from an untrusted value, dropping bad rows and moving a query string into rows', () => {
    expect(
      asRequest({
        method: 'post',
        url: 'https://x.test/a?b=1',
        headers: [{ name: 'A', value: 'b', enabled: true }, { name: 3 }],
      }),
    ).toEqual({
      version: 1,
      method: 'POST',
      url: 'https://x.test/a',
      query: [{ name: 'b', value: '1', enabled: true }],
      headers: [{ name: 'A', value: 'b', enabled: true }],
      body: { kind: 'none' },
      auth: { kind: 'none' },
    });
    expect(asRequest(null)).toBeNull();
    expect(asRequest('GET /')).toBeNull();
  });

  it('lists the variables used and splits text for highlighting', () => {
    expect(variablesUsed(withToken)).toEqual(['base_url', 'session']);
    expect(
      variablesUsed({
        ...emptyRequest(),
        url: '{{base_url}}/x',
        query: [{ name: 'k', value: '{{off}}', enabled: false }],
        body: { kind: 'json', text: '{"id": "{{user_id}}"}' },
        auth: { kind: 'bearer', token: '{{token}}' },
      }),
    ).toEqual(['base_url', 'user_id', 'token']);
    expect(templateParts('{{ base_url }}/v1/{{id}}')).toEqual([
      { text: '{{ base_url }}', variable: 'base_url' },
      { text: '/v1/', variable: null },
      { text: '{{id}}', variable: 'id' },
    ]);
  });

  it('recognises a pasted cURL command and classes statuses', () => {
    expect(looksLikeCurl("curl 'https://x.test' -H 'a: b'")).toBe(true);
    expect(looksLikeCurl('  curl.exe -X POST https://x.test')).toBe(true);
    expect(looksLikeCurl('https://x.test/curl')).toBe(false);
    expect([101, 200, 204, 301, 404, 503].map(statusClass)).toEqual([
      'info',
      'success',
      'success',
      'redirect',
      'client-error',
      'server-error',
    ]);
  });
});
