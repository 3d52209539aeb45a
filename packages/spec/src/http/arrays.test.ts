import { describe, expect, test } from 'vitest';
import { detectPagination } from './detect-pagination.js';
import { formatJsonPath, getJsonPath, parseJsonPath } from './json-path.js';
import { emptyHttpRequest } from './schema.js';
import { suggestArrays } from './suggest-arrays.js';
import { parseLinkHeader } from './url-parts.js';

describe('suggestArrays', () => {
  test('a top-level array is $', () => {
    expect(suggestArrays([{ a: 1 }, { b: 2 }])).toEqual([{ path: '$', length: 2, columns: ['a', 'b'] }]);
  });

  test('arrays of objects first, then the longest, then the shallowest; empty ones last', () => {
    const doc = {
      tags: ['x', 'y', 'z', 'w'],
      data: { items: [{ id: 1 }, { id: 2, extra: true }], empty: [] },
      included: [{ t: 1 }],
      'odd key': [{ q: 1 }, { q: 2 }, { q: 3 }],
    };
    expect(suggestArrays(doc)).toEqual([
      { path: '$["odd key"]', length: 3, columns: ['q'] },
      { path: '$.data.items', length: 2, columns: ['id', 'extra'] },
      { path: '$.included', length: 1, columns: ['t'] },
      { path: '$.tags', length: 4, columns: ['value'] },
      { path: '$.data.empty', length: 0, columns: [] },
    ]);
  });

  test('no arrays, no suggestions', () => {
    expect(suggestArrays({ a: 1, b: { c: 'x' } })).toEqual([]);
    expect(suggestArrays('text')).toEqual([]);
  });
});

describe('JSON paths', () => {
  test('format and parse are inverse; reading follows keys and indexes', () => {
    const steps = ['data', 0, 'odd key', 'x-y'];
    const path = formatJsonPath(steps);
    expect(path).toBe('$.data[0]["odd key"]["x-y"]');
    expect(parseJsonPath(path)).toEqual({ ok: true, value: steps });
    expect(parseJsonPath('data.items')).toEqual({ ok: true, value: ['data', 'items'] });
    expect(getJsonPath({ data: [{ 'odd key': { 'x-y': 7 } }] }, path)).toBe(7);
    expect(getJsonPath({ data: [] }, '$.data[3]')).toBeUndefined();
    expect(parseJsonPath('$.a..b')).toEqual({
      ok: false,
      error: 'The path $.a..b can\'t be read at "..b"; write it like $.data.items.',
    });
  });
});

describe('detectPagination and Link headers', () => {
  test('a Link header with rel="next" wins', () => {
    expect(
      parseLinkHeader('<https://x.test/a?page=2>; rel="next", <https://x.test/a?page=9>; rel="last"'),
    ).toEqual({
      next: 'https://x.test/a?page=2',
      last: 'https://x.test/a?page=9',
    });
    const headers: [string, string][] = [['Link', '<https://x.test/a?page=2>; rel="next"']];
    expect(
      detectPagination(emptyHttpRequest('https://x.test/a'), { headers, json: { next_cursor: 'c' } }),
    ).toEqual({
      kind: 'link',
    });
  });

  test('next-cursor fields at the top or under meta/pagination', () => {
    const req = emptyHttpRequest('https://x.test/a');
    expect(detectPagination(req, { headers: [], json: { data: [], meta: { next_cursor: 'abc' } } })).toEqual({
      kind: 'cursor',
      cursorPath: '$.meta.next_cursor',
      param: 'cursor',
    });
    expect(detectPagination(req, { headers: [], json: { nextPageToken: 'T' } })).toEqual({
      kind: 'cursor',
      cursorPath: '$.nextPageToken',
      param: 'pageToken',
    });
    expect(
      detectPagination(req, { headers: [], json: { next: null, meta: { next_cursor: null } } }),
    ).toBeNull();
  });

  test('page and offset parameters on the request', () => {
    expect(detectPagination(emptyHttpRequest('https://x.test/a?page=3'), { headers: [] })).toEqual({
      kind: 'page',
      param: 'page',
      start: 3,
    });
    const offset = {
      ...emptyHttpRequest('https://x.test/a'),
      query: [
        { name: 'offset', value: '0', enabled: true },
        { name: 'limit', value: '50', enabled: true },
      ],
    };
    expect(detectPagination(offset, { headers: [] })).toEqual({
      kind: 'offset',
      param: 'offset',
      limitParam: 'limit',
      pageSize: 50,
      start: 0,
    });
  });
});
