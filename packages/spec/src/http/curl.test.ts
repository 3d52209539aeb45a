import { describe, expect, test } from 'vitest';
import { toCurl } from './curl-export.js';
import { parseCurl } from './curl-parse.js';
import { emptyHttpRequest, type HttpRequestSpec } from './schema.js';

const parse = (text: string) => {
  const r = parseCurl(text);
  if (!r.ok) throw new Error(r.error);
  return r;
};
const spec = (more: Partial<HttpRequestSpec>): HttpRequestSpec => ({
  ...emptyHttpRequest('https://api.example.com/v1/items'),
  ...more,
});
const on = (name: string, value: string) => ({ name, value, enabled: true });

describe('toCurl then parseCurl gives the request back', () => {
  const cases: [string, HttpRequestSpec][] = [
    ['a bare GET', spec({})],
    [
      'query rows with spaces, &, + and unicode',
      spec({ query: [on('q', 'a b&c+d'), on('city', 'Zürich'), on('empty', '')] }),
    ],
    ['headers, one empty', spec({ headers: [on('Accept', 'application/json'), on('X-Empty', '')] })],
    ['a DELETE', spec({ method: 'DELETE' })],
    ['a POST without body', spec({ method: 'POST' })],
    ['a HEAD', spec({ method: 'HEAD' })],
    [
      'a JSON body with quotes and newlines',
      spec({ method: 'POST', body: { kind: 'json', text: `{"name": "O'Brien",\n "n": 1}` } }),
    ],
    ['a PUT with JSON', spec({ method: 'PUT', body: { kind: 'json', text: '[1,2]' } })],
    [
      'a form',
      spec({
        method: 'POST',
        body: {
          kind: 'form',
          fields: [
            { name: 'who', value: 'Zoë & co' },
            { name: 'n', value: '1=2' },
          ],
        },
      }),
    ],
    [
      'a form with an odd field name',
      spec({ method: 'POST', body: { kind: 'form', fields: [{ name: 'a b', value: 'x' }] } }),
    ],
    [
      'a raw body',
      spec({ method: 'POST', body: { kind: 'raw', text: 'a,b\n1,2', contentType: 'text/csv' } }),
    ],
    ['bearer auth', spec({ auth: { kind: 'bearer', token: 'abc.def' } })],
    [
      'basic auth with a colon in the password',
      spec({ auth: { kind: 'basic', username: 'ada', password: 'p:w$' } }),
    ],
    ['an API key header', spec({ auth: { kind: 'apiKey', name: 'X-Api-Key', value: 'k1', in: 'header' } })],
    [
      'an API key in the query',
      spec({
        query: [on('page', '2')],
        auth: { kind: 'apiKey', name: 'api_key', value: 'k 1', in: 'query' },
      }),
    ],
    [
      'placeholders stay',
      spec({
        url: '{{base_url}}/pets/{{id}}',
        query: [on('limit', '{{limit}}')],
        headers: [on('X-T', '{{t}}')],
      }),
    ],
  ];
  test.each(cases)('%s', (_name, request) => {
    const text = toCurl(request, { maskSecrets: false });
    const back = parse(text);
    expect(back.value).toEqual(request);
    expect(back.notes).toEqual([]);
  });

  test('disabled rows are left out', () => {
    const r = spec({
      query: [{ name: 'off', value: '1', enabled: false }],
      headers: [{ name: 'X', value: '1', enabled: false }],
    });
    expect(toCurl(r, { maskSecrets: false })).toBe("curl 'https://api.example.com/v1/items'");
  });
});

describe('toCurl', () => {
  test('one option per line, readable quoting', () => {
    const r = spec({
      method: 'POST',
      headers: [on('Accept', '*/*')],
      body: { kind: 'json', text: '{"a":1}' },
    });
    expect(toCurl(r, { maskSecrets: false })).toBe(
      "curl 'https://api.example.com/v1/items' \\\n  -H 'Accept: */*' \\\n  -H 'Content-Type: application/json' \\\n  --data-raw '{\"a\":1}'",
    );
  });

  test('secrets become shell variables; other variables are filled from the environment', () => {
    const env = {
      name: 'prod',
      variables: [
        { name: 'base_url', value: 'https://api.example.com', secret: false },
        { name: 'token', value: 'SEKRET', secret: true },
        { name: 'api.key', value: 'K2', secret: true },
      ],
    };
    const bearer = spec({
      url: '{{base_url}}/me',
      headers: [on('X-Key', '{{api.key}}')],
      auth: { kind: 'bearer', token: '{{token}}' },
    });
    const masked = toCurl(bearer, { maskSecrets: true, environment: env });
    expect(masked).toBe(
      `curl 'https://api.example.com/me' \\\n  -H "X-Key: \${api_key}" \\\n  -H "Authorization: Bearer \${token}"`,
    );
    expect(masked).not.toContain('SEKRET');
    expect(parse(masked).value.auth).toEqual({ kind: 'bearer', token: '{{token}}' });
    expect(toCurl(bearer, { maskSecrets: false, environment: env })).toContain(
      "-H 'Authorization: Bearer SEKRET'",
    );
    const literal = spec({ auth: { kind: 'basic', username: 'ada', password: 'pw"$`' } });
    expect(toCurl(literal, { maskSecrets: true })).toBe(
      `curl 'https://api.example.com/v1/items' \\\n  -u "ada:\${PASSWORD}"`,
    );
    const key = spec({ auth: { kind: 'apiKey', name: 'key', value: 'v', in: 'query' } });
    expect(toCurl(key, { maskSecrets: true })).toBe(
      `curl "https://api.example.com/v1/items?key=\${API_KEY}"`,
    );
  });
});

describe('parseCurl on real-world commands', () => {
  test("Chrome's Copy as cURL (bash)", () => {
    const chrome = `curl 'https://app.example.com/api/v2/search?page=2&q=red%20shoes' \\
  -H 'accept: application/json, text/plain, */*' \\
  -H 'accept-language: en-GB,en;q=0.9' \\
  -H 'authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' \\
  -b 'session=abc123; theme=dark' \\
  -H 'content-type: application/json' \\
  -H 'origin: https://app.example.com' \\
  -H 'priority: u=1, i' \\
  -H 'sec-ch-ua: "Chromium";v="130", "Google Chrome";v="130", "Not?A_Brand";v="99"' \\
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64)' \\
  --data-raw $'{"filter":"O\\'Brien","note":"line1\\\\nline2"}'`;
    const r = parse(chrome);
    expect(r.value).toEqual({
      version: 1,
      method: 'POST',
      url: 'https://app.example.com/api/v2/search',
      query: [on('page', '2'), on('q', 'red shoes')],
      headers: [
        on('accept', 'application/json, text/plain, */*'),
        on('accept-language', 'en-GB,en;q=0.9'),
        on('Cookie', 'session=abc123; theme=dark'),
        on('origin', 'https://app.example.com'),
        on('priority', 'u=1, i'),
        on('sec-ch-ua', '"Chromium";v="130", "Google Chrome";v="130", "Not?A_Brand";v="99"'),
        on('user-agent', 'Mozilla/5.0 (X11; Linux x86_64)'),
      ],
      body: { kind: 'json', text: `{"filter":"O'Brien","note":"line1\\nline2"}` },
      auth: { kind: 'bearer', token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' },
    });
    expect(r.notes).toEqual([]);
  });

  test("Postman's cURL export", () => {
    const postman = `curl --location --request PATCH 'https://api.example.com/users/7' \\
--header 'Content-Type: application/x-www-form-urlencoded' \\
--header 'Authorization: Basic YWRhOnNlY3JldA==' \\
--data-urlencode 'name=Ada Lovelace' \\
--data-urlencode 'note=a&b'`;
    expect(parse(postman).value).toEqual({
      ...emptyHttpRequest('https://api.example.com/users/7'),
      method: 'PATCH',
      body: {
        kind: 'form',
        fields: [
          { name: 'name', value: 'Ada Lovelace' },
          { name: 'note', value: 'a&b' },
        ],
      },
      auth: { kind: 'basic', username: 'ada', password: 'secret' },
    });
  });

  test('options: -G moves data to the query, -u, -A, -e, --json, -I, -sSL, -XPUT, --url, and a bare URL', () => {
    expect(parse(`curl -G https://x.test/s -d 'q=a b' --data-urlencode 'tag=c&d'`).value).toEqual({
      ...emptyHttpRequest('https://x.test/s'),
      query: [on('q', 'a b'), on('tag', 'c&d')],
    });
    const r = parse(
      `curl -sSL -XPUT --url https://x.test/a -u bob -A 'bot/1' -e https://ref.test --json '{"a":1}' --compressed`,
    );
    expect(r.value).toEqual({
      ...emptyHttpRequest('https://x.test/a'),
      method: 'PUT',
      headers: [on('User-Agent', 'bot/1'), on('Referer', 'https://ref.test')],
      body: { kind: 'json', text: '{"a":1}' },
      auth: { kind: 'basic', username: 'bob', password: '' },
    });
    expect(parse('curl -I x.test/health').value).toEqual({
      ...emptyHttpRequest('http://x.test/health'),
      method: 'HEAD',
    });
    expect(parse("curl 'https://x.test'").value).toEqual(emptyHttpRequest('https://x.test'));
  });

  test('inferences: JSON without a content type, raw types, api keys; -k, -F and cookie files get notes', () => {
    const json = parse(`curl https://x.test -d '{"a": [1]}'`);
    expect(json.value.body).toEqual({ kind: 'json', text: '{"a": [1]}' });
    expect(json.notes).toEqual([
      'The body is JSON but the command sets no Content-Type; Sightline sends it as application/json.',
    ]);
    expect(parse(`curl https://x.test -H 'Content-Type: text/xml' -d '<a/>'`).value.body).toEqual({
      kind: 'raw',
      text: '<a/>',
      contentType: 'text/xml',
    });
    expect(parse(`curl 'https://x.test?apikey=K&x=1'`).value).toMatchObject({
      query: [on('x', '1')],
      auth: { kind: 'apiKey', name: 'apikey', value: 'K', in: 'query' },
    });
    expect(parse(`curl -k -F file=@a.csv -b cookies.txt --frobnicate https://x.test`).notes).toEqual([
      '-k (skip certificate checks) was ignored: Sightline always checks certificates.',
      "Multipart form fields (-F file=@a.csv) aren't supported yet and were left out.",
      'Cookies from the file cookies.txt were left out; copy them into a Cookie header.',
      'The option --frobnicate was ignored.',
    ]);
  });

  test('bodies read from files are left out with a note; a Windows cmd copy is named', () => {
    const r = parse(`curl https://x.test -d @body.json --data-urlencode 'name@n.txt' --data-raw '@literal'`);
    expect(r.value.body).toEqual({
      kind: 'raw',
      text: '@literal',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(r.notes).toEqual([
      "The body part @body.json comes from a file, which Sightline can't read from a cURL command; paste its content in the body.",
      "The body part name@n.txt comes from a file, which Sightline can't read from a cURL command; paste its content in the body.",
    ]);
    expect(parseCurl('curl ^"https://x.test/^" ^\n  -H ^"accept: */*^"')).toEqual({
      ok: false,
      error:
        'This is a cURL command for the Windows command prompt (with ^ escapes); copy it as cURL (bash) instead.',
    });
  });

  test('what is not a cURL command is said plainly', () => {
    expect(parseCurl('wget https://x.test')).toEqual({
      ok: false,
      error: 'This is not a cURL command: it should start with "curl".',
    });
    expect(parseCurl('curl -H "A: b"')).toEqual({ ok: false, error: 'The cURL command has no URL.' });
    expect(parseCurl('curl https://x.test -X')).toEqual({
      ok: false,
      error: 'The option -X needs a value after it.',
    });
    expect(parseCurl('curl -X FETCH https://x.test')).toEqual({
      ok: false,
      error: "The method FETCH isn't supported; use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS.",
    });
  });
});
