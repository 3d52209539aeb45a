import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenMatches } from './auth.js';
import { body, ORIGIN, TEST_TOKEN, type TestServer, testServer } from './test-support.js';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
});
afterAll(async () => s.close());

describe('token', () => {
  it('compares tokens exactly', () => {
    expect(tokenMatches(TEST_TOKEN, TEST_TOKEN)).toBe(true);
    expect(tokenMatches(`${TEST_TOKEN}x`, TEST_TOKEN)).toBe(false);
    expect(tokenMatches('', TEST_TOKEN)).toBe(false);
    expect(tokenMatches(undefined, TEST_TOKEN)).toBe(false);
  });

  it('answers 401 in the error shape without a token', async () => {
    const res = await s.app.request(`${ORIGIN}/api/tables`);
    expect(res.status).toBe(401);
    expect(await body(res)).toEqual({
      error: {
        code: 'unauthorized',
        message: 'This request has no access token.',
        hints: [
          'Open the link that `sightline open` printed (it carries the token), or send it as `Authorization: Bearer TOKEN`.',
        ],
      },
    });
  });

  it('answers 401 for a wrong Bearer token or cookie', async () => {
    const bad = await s.call('/api/tables', { headers: { authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
    expect((await body(bad)).error.message).toBe('The access token of this request is not valid.');
    const cookie = await s.app.request(`${ORIGIN}/api/tables`, {
      headers: { cookie: 'sightline_token=nope' },
    });
    expect(cookie.status).toBe(401);
  });

  it('accepts the Bearer token and the cookie', async () => {
    expect((await s.call('/api/tables')).status).toBe(200);
    const res = await s.app.request(`${ORIGIN}/api/tables`, {
      headers: { cookie: `sightline_token=${TEST_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual([]);
  });

  it('turns ?token= into an HttpOnly SameSite=Strict cookie and redirects to the clean URL', async () => {
    const res = await s.app.request(`${ORIGIN}/some/page?x=1&token=${TEST_TOKEN}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/some/page?x=1');
    expect(res.headers.get('set-cookie')).toBe(
      `sightline_token=${TEST_TOKEN}; Path=/; HttpOnly; SameSite=Strict`,
    );
  });

  it('refuses a wrong ?token= without setting a cookie', async () => {
    const res = await s.app.request(`${ORIGIN}/?token=wrong`);
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await body(res)).error.message).toBe('The token in this link is not valid.');
  });
});

describe('host and origin', () => {
  it('answers 403 forbidden_host for another Host (DNS rebinding)', async () => {
    const res = await s.call('/api/tables', { headers: { host: 'evil.example:4321' } });
    expect(res.status).toBe(403);
    expect(await body(res)).toEqual({
      error: {
        code: 'forbidden_host',
        message: 'This server does not answer to the host name "evil.example:4321".',
        hints: ['Open it as 127.0.0.1:4321.'],
      },
    });
  });

  it('checks the host before the token', async () => {
    const res = await s.app.request('http://evil.example:4321/api/tables');
    expect(res.status).toBe(403);
  });

  it('accepts localhost and [::1] on the port', async () => {
    expect((await s.call('/api/tables', { headers: { host: 'localhost:4321' } })).status).toBe(200);
    expect((await s.call('/api/tables', { headers: { host: '[::1]:4321' } })).status).toBe(200);
    expect((await s.call('/api/tables', { headers: { host: '127.0.0.1:9999' } })).status).toBe(403);
  });

  it('answers 403 forbidden_origin for a request from another site, even with the cookie', async () => {
    const res = await s.app.request(`${ORIGIN}/api/tables`, {
      headers: { origin: 'http://evil.example', cookie: `sightline_token=${TEST_TOKEN}` },
    });
    expect(res.status).toBe(403);
    expect((await body(res)).error.code).toBe('forbidden_origin');
    const same = await s.call('/api/tables', { headers: { origin: ORIGIN } });
    expect(same.status).toBe(200);
    const nullOrigin = await s.call('/api/tables', { headers: { origin: 'null' } });
    expect(nullOrigin.status).toBe(403);
  });
});
