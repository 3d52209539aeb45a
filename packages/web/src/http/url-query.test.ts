import { describe, expect, it } from 'vitest';
import { applyUrlText, composeUrl, encodeQueryPart, normalizeUrl, parseQueryString } from './url-query.js';

describe('the URL field and the query rows', () => {
  it('splits a typed URL into the address and ticked rows, decoding values', () => {
    const spec = applyUrlText(
      { url: '', query: [] },
      'https://api.example.com/v1/items?q=red+shoes&page=2&flag#top',
    );
    expect(spec).toEqual({
      url: 'https://api.example.com/v1/items',
      query: [
        { name: 'q', value: 'red shoes', enabled: true },
        { name: 'page', value: '2', enabled: true },
        { name: 'flag', value: '', enabled: true },
      ],
    });
  });

  it('keeps unticked rows after the typed ones, and leaves them out of the URL', () => {
    const before = {
      url: 'https://x.test/a',
      query: [
        { name: 'a', value: '1', enabled: true },
        { name: 'debug', value: 'yes', enabled: false },
      ],
    };
    expect(composeUrl(before)).toBe('https://x.test/a?a=1');
    const after = applyUrlText(before, 'https://x.test/a?a=2&b=3');
    expect(after.query).toEqual([
      { name: 'a', value: '2', enabled: true },
      { name: 'b', value: '3', enabled: true },
      { name: 'debug', value: 'yes', enabled: false },
    ]);
  });

  it('escapes what must be escaped but keeps {{variables}} and readable characters', () => {
    expect(encodeQueryPart('a b&c=d%')).toBe('a%20b%26c%3Dd%25');
    expect(encodeQueryPart('{{ token }}/x,y:z@$[0]')).toBe('{{ token }}/x,y:z@$[0]');
    expect(encodeQueryPart('é')).toBe('%C3%A9');
    const rows = [
      { name: 'filter', value: 'name eq "x & y"', enabled: true },
      { name: 'key', value: '{{api_key}}', enabled: true },
    ];
    const url = composeUrl({ url: '{{base_url}}/search', query: rows });
    expect(url).toBe('{{base_url}}/search?filter=name%20eq%20%22x%20%26%20y%22&key={{api_key}}');
    // What is shown reads back as the same rows.
    expect(applyUrlText({ url: '', query: [] }, url)).toEqual({ url: '{{base_url}}/search', query: rows });
  });

  it('keeps a malformed escape as written instead of failing', () => {
    expect(parseQueryString('a=100%&b=%zz')).toEqual([
      { name: 'a', value: '100%', enabled: true },
      { name: 'b', value: '%zz', enabled: true },
    ]);
  });

  it('moves a query string left in the address (from a cURL command) into the rows, before existing rows', () => {
    const spec = normalizeUrl({
      url: 'https://x.test/items?per_page=2',
      query: [{ name: 'page', value: '1', enabled: true }],
    });
    expect(spec).toEqual({
      url: 'https://x.test/items',
      query: [
        { name: 'per_page', value: '2', enabled: true },
        { name: 'page', value: '1', enabled: true },
      ],
    });
    expect(normalizeUrl({ url: 'https://x.test/', query: [] })).toEqual({
      url: 'https://x.test/',
      query: [],
    });
  });
});
