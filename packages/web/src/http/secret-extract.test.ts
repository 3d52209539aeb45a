import { describe, expect, it } from 'vitest';
import type { HttpRequestSpec } from './http-types.js';
import { emptyRequest, hasTypedSecrets } from './request-draft.js';
import { environmentFor, extractSecrets } from './secret-extract.js';

describe('storing typed credentials as secrets', () => {
  it('moves auth values and credential headers into variables', () => {
    const spec: HttpRequestSpec = {
      ...emptyRequest(),
      url: 'https://api.example.com/v1/items',
      headers: [
        { name: 'Authorization', value: 'Bearer eyJhbGciOi', enabled: true },
        { name: 'Cookie', value: 'session=abc; theme=dark', enabled: true },
        { name: 'Accept', value: 'application/json', enabled: true },
        { name: 'X-Api-Key', value: '{{api_key}}', enabled: true },
      ],
      auth: { kind: 'basic', username: 'ada', password: 'hunter2' },
    };
    const out = extractSecrets(spec, ['password']);
    expect(out.secrets).toEqual([
      { name: 'password_2', value: 'hunter2' },
      { name: 'authorization', value: 'Bearer eyJhbGciOi' },
      { name: 'cookie', value: 'session=abc; theme=dark' },
    ]);
    expect(out.request.auth).toEqual({ kind: 'basic', username: 'ada', password: '{{password_2}}' });
    expect(out.request.headers.map((h) => h.value)).toEqual([
      '{{authorization}}',
      '{{cookie}}',
      'application/json',
      '{{api_key}}',
    ]);
    expect(hasTypedSecrets(spec)).toBe(true);
    expect(hasTypedSecrets(out.request)).toBe(false);
  });

  it('leaves a request without typed credentials as it is', () => {
    const spec: HttpRequestSpec = { ...emptyRequest(), auth: { kind: 'bearer', token: '{{token}}' } };
    expect(extractSecrets(spec, [])).toEqual({ request: spec, secrets: [] });
    const key: HttpRequestSpec = {
      ...emptyRequest(),
      auth: { kind: 'apiKey', name: 'key', value: 'k-1', in: 'query' },
    };
    expect(extractSecrets(key, ['token'])).toEqual({
      request: { ...key, auth: { kind: 'apiKey', name: 'key', value: '{{api_key}}', in: 'query' } },
      secrets: [{ name: 'api_key', value: 'k-1' }],
    });
  });
});

describe('where new secrets go', () => {
  it('uses the chosen environment, or a new one named after the host', () => {
    expect(environmentFor('https://api.example.com/v1', 'staging', [])).toBe('staging');
    expect(environmentFor('https://api.example.com:8443/v1', null, [])).toBe('api.example.com');
    expect(environmentFor('https://api.example.com/v1', null, ['api.example.com'])).toBe('api.example.com 2');
    expect(environmentFor('{{base_url}}/v1', null, [])).toBe('default');
  });
});
