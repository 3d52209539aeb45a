import { describe, expect, test } from 'vitest';
import { SECRET_MASK } from './exchange.js';
import { maskEnvironment, maskRequest, maskSecretsInText, secretStrings } from './mask.js';
import { emptyHttpRequest, type HttpEnvironment, type HttpRequestSpec } from './schema.js';
import { findVariables, requestVariables, resolveVariables } from './variables.js';

const env: HttpEnvironment = {
  name: 'prod',
  variables: [
    { name: 'base_url', value: 'https://api.example.com', secret: false },
    { name: 'token', value: 'S3CRET', secret: true },
  ],
};
const request: HttpRequestSpec = {
  ...emptyHttpRequest('{{base_url}}/items'),
  query: [{ name: 'q', value: '{{ base_url }}', enabled: true }],
  headers: [
    { name: 'X-Id', value: '{{id}}', enabled: true },
    { name: 'Cookie', value: 'sid=abc', enabled: true },
  ],
  body: { kind: 'json', text: '{"note": "S3CRET pasted by hand"}' },
  auth: { kind: 'bearer', token: '{{token}}' },
};

describe('variables', () => {
  test('found in order, each once, spaces inside the braces allowed', () => {
    expect(findVariables('{{a}}/{{ b }}/{{a}}')).toEqual(['a', 'b']);
    expect(requestVariables(request)).toEqual(['base_url', 'id', 'token']);
  });

  test('resolved from the environment, or the missing ones named', () => {
    expect(resolveVariables(request, env)).toEqual({
      ok: false,
      error: 'The request uses {{id}}, which the environment "prod" doesn\'t define.',
    });
    expect(resolveVariables(request)).toEqual({
      ok: false,
      error: 'The request uses {{base_url}}, {{id}}, {{token}}, but no environment is chosen.',
    });
    const withId = { ...env, variables: [...env.variables, { name: 'id', value: '7', secret: false }] };
    const r = resolveVariables(request, withId);
    expect(r.ok && r.value.url).toBe('https://api.example.com/items');
    expect(r.ok && r.value.query[0]!.value).toBe('https://api.example.com');
    expect(r.ok && r.value.auth).toEqual({ kind: 'bearer', token: 'S3CRET' });
  });
});

describe('masking secrets', () => {
  test('the history copy masks auth values typed in, sensitive headers, and secret values pasted anywhere', () => {
    const masked = maskRequest(request, env);
    expect(JSON.stringify(masked)).not.toContain('S3CRET');
    expect(masked.auth).toEqual({ kind: 'bearer', token: '{{token}}' });
    expect(masked.headers[1]).toEqual({ name: 'Cookie', value: SECRET_MASK, enabled: true });
    expect(masked.body).toEqual({ kind: 'json', text: `{"note": "${SECRET_MASK} pasted by hand"}` });
    const literal = maskRequest({ ...request, auth: { kind: 'basic', username: 'ada', password: 'pw' } });
    expect(literal.auth).toEqual({ kind: 'basic', username: 'ada', password: SECRET_MASK });
  });

  test('secret strings include the encoded forms a request would carry', () => {
    const basic = { ...request, auth: { kind: 'basic' as const, username: 'ada', password: 'pa ss' } };
    const secrets = secretStrings(basic, env);
    expect(secrets).toContain('S3CRET');
    expect(secrets).toContain('pa ss');
    expect(secrets).toContain('pa%20ss');
    expect(secrets).toContain(btoa('ada:pa ss'));
    expect(maskSecretsInText(`Authorization: Basic ${btoa('ada:pa ss')} and pa%20ss`, secrets)).toBe(
      `Authorization: Basic ${SECRET_MASK} and ${SECRET_MASK}`,
    );
  });

  test('very short secrets are masked in their own fields but not searched for in free text', () => {
    const short = { ...env, variables: [{ name: 'pin', value: '12', secret: true }] };
    const r = {
      ...request,
      body: { kind: 'json' as const, text: '{"n": 123}' },
      auth: { kind: 'bearer' as const, token: 'ab' },
    };
    expect(secretStrings(r, short)).toEqual(['sid%3Dabc', 'sid=abc']);
    const masked = maskRequest(r, short);
    expect(masked.body).toEqual({ kind: 'json', text: '{"n": 123}' });
    expect(masked.auth).toEqual({ kind: 'bearer', token: SECRET_MASK });
    expect(maskEnvironment(short).variables[0]!.value).toBe(SECRET_MASK);
  });

  test('an environment shows secrets as the mask', () => {
    expect(maskEnvironment(env).variables).toEqual([
      { name: 'base_url', value: 'https://api.example.com', secret: false },
      { name: 'token', value: SECRET_MASK, secret: true },
    ]);
  });
});
