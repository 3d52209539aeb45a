import { describe, expect, it } from 'vitest';
import type { HttpExchange } from './http-types.js';
import { emptyRequest } from './request-draft.js';
import { saveProblem, suggestPagination, suggestTableName } from './save-table-draft.js';

function exchange(patch: Partial<HttpExchange>): HttpExchange {
  return {
    url: 'http://x.test/',
    status: 200,
    statusText: 'OK',
    headers: [],
    size: 0,
    contentType: 'application/json',
    timings: { dns: null, connect: 1, tls: null, firstByte: 2, total: 4 },
    redirects: [],
    body: '',
    bodyTruncated: false,
    arrays: [{ path: '$.data', length: 25, columns: ['id'] }],
    ...patch,
  };
}

describe('the save-as-table suggestions', () => {
  it('names the table after the last meaningful path segment, avoiding taken names', () => {
    expect(suggestTableName('https://api.example.com/v1/users?page=2')).toBe('users');
    expect(suggestTableName('{{base_url}}/api/v2/Order-Items/')).toBe('order_items');
    expect(suggestTableName('{{base_url}}')).toBe('api_response');
    expect(suggestTableName('http://x.test/repos/42', ['repos', 'repos_2'])).toBe('repos_3');
  });

  it('follows a Link rel="next" header first', () => {
    const x = exchange({
      headers: [['Link', '<http://x.test/?page=2>; rel="next", <http://x.test/?page=9>; rel="last"']],
    });
    expect(suggestPagination(x, emptyRequest())).toEqual({ kind: 'link' });
  });

  it('finds a next-cursor field, also one level down', () => {
    expect(suggestPagination(exchange({ json: { data: [], next_cursor: 'abc' } }), emptyRequest())).toEqual({
      kind: 'cursor',
      cursorPath: '$.next_cursor',
      param: 'cursor',
    });
    const req = { ...emptyRequest(), query: [{ name: 'starting_after', value: '', enabled: true }] };
    expect(suggestPagination(exchange({ json: { meta: { nextCursor: 'x' } } }), req)).toEqual({
      kind: 'cursor',
      cursorPath: '$.meta.nextCursor',
      param: 'starting_after',
    });
    // A next URL is not a cursor (and without other signs there is nothing to follow).
    expect(suggestPagination(exchange({ json: { next: 'https://x.test/?p=2' } }), emptyRequest())).toBeNull();
  });

  it('uses a page or offset parameter of the request', () => {
    const paged = { ...emptyRequest(), query: [{ name: 'page', value: '3', enabled: true }] };
    expect(suggestPagination(exchange({}), paged)).toEqual({ kind: 'page', param: 'page', start: 3 });
    const offset = {
      ...emptyRequest(),
      query: [
        { name: 'offset', value: '0', enabled: true },
        { name: 'limit', value: '50', enabled: true },
      ],
    };
    expect(suggestPagination(exchange({}), offset)).toEqual({
      kind: 'offset',
      param: 'offset',
      limitParam: 'limit',
      pageSize: 50,
    });
  });

  it('says what is missing before saving', () => {
    expect(saveProblem('', null, 20)).toBe('Name the table.');
    expect(saveProblem('t', null, 0)).toBe('The page limit is a whole number from 1 to 1,000.');
    expect(saveProblem('t', { kind: 'page', param: '' }, 5)).toBe(
      'Name the query parameter that selects the page.',
    );
    expect(saveProblem('t', { kind: 'link' }, 20)).toBeNull();
  });
});
