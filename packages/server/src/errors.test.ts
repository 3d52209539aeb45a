import { QueryError, SightlineError } from '@sightline/engine';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, toErrorBody } from './errors.js';
import { body, ORIGIN, TEST_TOKEN, type TestServer, testServer } from './test-support.js';

describe('toErrorBody (the one error shape)', () => {
  it('keeps an ApiError as it is', () => {
    expect(toErrorBody(new ApiError('not_found', 'No such thing.', ['Look elsewhere.']))).toEqual({
      error: { code: 'not_found', message: 'No such thing.', hints: ['Look elsewhere.'] },
    });
  });

  it('carries a QueryError position and candidates', () => {
    const err = new QueryError('Column "revenu" doesn\'t exist (line 1, col 8).', {
      sql: 'SELECT revenu FROM t',
      engineMessage: 'Binder Error: ...',
      errorClass: 'Binder Error',
      position: { line: 1, column: 8, offset: 7 },
      candidates: ['revenue'],
      hints: ['Did you mean "revenue"?'],
    });
    expect(toErrorBody(err)).toEqual({
      error: {
        code: 'query_error',
        message: 'Column "revenu" doesn\'t exist (line 1, col 8).',
        hints: ['Did you mean "revenue"?'],
        position: { line: 1, column: 8, offset: 7 },
        candidates: ['revenue'],
      },
    });
  });

  it('maps SightlineError kinds to user_error and internal', () => {
    expect(toErrorBody(new SightlineError('The file is empty.', { hints: ['Pick another.'] }))).toEqual({
      error: { code: 'user_error', message: 'The file is empty.', hints: ['Pick another.'] },
    });
    expect(toErrorBody(new SightlineError('Broken.', { kind: 'internal' })).error.code).toBe('internal');
  });

  it('never leaks the text of an unexpected fault', () => {
    const out = toErrorBody(new TypeError('secret detail at /home/x'));
    expect(out).toEqual({
      error: {
        code: 'internal',
        message: 'The server failed while handling this request.',
        hints: ['Try again; if it keeps failing, restart `sightline open` and report the problem.'],
      },
    });
  });

  it('says the disk is full for ENOSPC', () => {
    const err = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    expect(toErrorBody(err).error.code).toBe('disk_full');
  });

  it('maps Hono HTTP exceptions', () => {
    expect(toErrorBody(new HTTPException(413)).error.code).toBe('too_large');
    expect(toErrorBody(new HTTPException(400, { message: 'Malformed JSON in request body' })).error).toEqual({
      code: 'bad_request',
      message: 'The request body is not valid JSON.',
      hints: ['Send a JSON object with Content-Type: application/json.'],
    });
  });
});

describe('request failures over the app', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer({ maxJsonBytes: 1000 });
  });
  afterAll(async () => s.close());

  it('answers bad JSON with 400 bad_request', async () => {
    const res = await s.call('/api/queries', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"sql": ',
    });
    expect(res.status).toBe(400);
    expect((await body(res)).error.message).toBe('The request body is not valid JSON.');
  });

  it('answers a body that is not JSON with 400', async () => {
    const res = await s.call('/api/queries', { method: 'POST', body: 'SELECT 1' });
    expect(res.status).toBe(400);
    expect((await body(res)).error).toEqual({
      code: 'bad_request',
      message: 'The request body must be JSON.',
      hints: ['Send a JSON object with the header Content-Type: application/json.'],
    });
  });

  it('names the field that does not fit', async () => {
    const res = await s.call('/api/queries', { json: { sql: 42 } });
    expect(res.status).toBe(400);
    expect((await body(res)).error.message).toMatch(/^The request body is not valid: "sql": /);
    const empty = await s.call('/api/queries', { json: { sql: '' } });
    expect((await body(empty)).error.message).toBe('The request body is not valid: "sql": the SQL is empty.');
  });

  it('answers an oversized JSON body with 413 too_large', async () => {
    const res = await s.call('/api/queries', { json: { sql: `SELECT '${'x'.repeat(2000)}'` } });
    expect(res.status).toBe(413);
    expect(await body(res)).toEqual({
      error: {
        code: 'too_large',
        message: 'The request body is too large.',
        hints: ['JSON requests may be at most 1 MB; upload files with POST /api/uploads instead.'],
      },
    });
  });

  it('answers an oversized streamed body (no Content-Length) with 413', async () => {
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode('x'.repeat(200)));
        c.close();
      },
    });
    const res = await s.app.request(`${ORIGIN}/api/queries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('answers an unknown endpoint with 404 not_found', async () => {
    const res = await s.call('/api/nope');
    expect(res.status).toBe(404);
    expect(await body(res)).toEqual({
      error: {
        code: 'not_found',
        message: 'There is no API endpoint GET /api/nope.',
        hints: ['See docs/server.md for the endpoints.'],
      },
    });
  });

  it('keeps answering after bad requests', async () => {
    const res = await s.call('/api/tables');
    expect(res.status).toBe(200);
  });
});

describe('internal faults', () => {
  it('answer 500 in the error shape and are logged without the token', async () => {
    const lines: string[] = [];
    const s = await testServer({ log: (l) => lines.push(l) });
    await s.workspace.engine.close();
    const res = await s.call(`/api/tables?x=${TEST_TOKEN}`, {
      headers: { cookie: `sightline_token=${TEST_TOKEN}` },
    });
    expect(res.status).toBe(500);
    expect(await body(res)).toEqual({
      error: {
        code: 'internal',
        message: 'The workspace database was already closed.',
        hints: ['Open the workspace again.'],
      },
    });
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(
      /^sightline server: internal error on GET \/api\/tables: SightlineError: The workspace database was already closed\./,
    );
    expect(lines.join('\n')).not.toContain(TEST_TOKEN);
    await s.close();
  });
});
