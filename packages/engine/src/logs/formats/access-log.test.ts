import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listRejects } from '../../import/reject-store.js';
import { logFixture } from '../test-support.js';

let fx: Awaited<ReturnType<typeof logFixture>>;
beforeAll(async () => {
  fx = await logFixture();
  await fx.conn.run("SET TimeZone = 'UTC'");
});
afterAll(() => fx.close());

const COMBINED = [
  '203.0.113.9 - alice [31/Oct/2026:13:55:36 -0700] "GET /app/projects?id=42&tab=all HTTP/1.1" 200 5120 "https://example.com/start" "Mozilla/5.0 (X11; Linux x86_64)"',
  '198.51.100.7 - - [31/Oct/2026:20:56:01 +0000] "POST /api/v1/events HTTP/2.0" 202 0 "-" "curl/8.5.0"',
  '2001:db8::1 - - [01/Nov/2026:00:00:00 +0100] "GET /caf\\xC3\\xA9/\\x22quoted\\x22 HTTP/1.1" 404 153 "-" "Bot \\x22X\\x22/1.0 \\xE2\\x84\\xA2"',
  '192.0.2.1 - - [01/Nov/2026:00:00:01 +0000] "\\x16\\x03\\x01\\x00\\xF1" 400 157 "-" "-"',
  '192.0.2.2 - - [01/Nov/2026:00:00:02 +0000] "HEAD /health HTTP/1.0" 304 - "-" "kube-probe/1.29"',
];

describe('access logs', () => {
  test('combined: typed columns, request line split, escapes decoded, bad lines rejected with their numbers', async () => {
    const path = fx.write('access.log', [
      COMBINED[0]!,
      COMBINED[1]!,
      'this line is not an access log line',
      COMBINED[2]!,
      COMBINED[3]!,
      '',
      COMBINED[4]!,
      '10.0.0.1 - - [99/Foo/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-"',
    ]);
    const o = await fx.importOne({ paths: [path], maxRejects: 5 });
    expect(o.table).toBe('access');
    expect(o.detected.format).toBe('log');
    expect(o.detected.logFormat).toBe('combined');
    expect(o.detected.logConfidence).toBeCloseTo(5 / 7, 6);
    expect(o.detected.types).toEqual({
      ts: 'TIMESTAMP WITH TIME ZONE',
      remote_addr: 'VARCHAR',
      remote_user: 'VARCHAR',
      method: 'VARCHAR',
      path: 'VARCHAR',
      query: 'VARCHAR',
      protocol: 'VARCHAR',
      status: 'INTEGER',
      bytes: 'BIGINT',
      referer: 'VARCHAR',
      user_agent: 'VARCHAR',
      request: 'VARCHAR',
    });
    expect(o.rows).toBe(5);
    expect(o.rejected).toBe(2);
    expect(o.rejects.map((r) => [r.line, r.raw])).toEqual([
      [3, 'this line is not an access log line'],
      [8, '10.0.0.1 - - [99/Foo/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-"'],
    ]);
    expect((await listRejects(fx.conn, 'access')).map((r) => r.line)).toEqual([3, 8]);
    const rows = await fx.rows(
      "SELECT strftime(ts, '%Y-%m-%dT%H:%M:%S%z') AS t, remote_addr, remote_user, method, path, query, protocol, status, bytes, referer, user_agent, request FROM access ORDER BY ts",
    );
    expect(rows).toEqual([
      {
        t: '2026-10-31T20:55:36+00',
        remote_addr: '203.0.113.9',
        remote_user: 'alice',
        method: 'GET',
        path: '/app/projects',
        query: 'id=42&tab=all',
        protocol: 'HTTP/1.1',
        status: 200,
        bytes: '5120',
        referer: 'https://example.com/start',
        user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
        request: null,
      },
      {
        t: '2026-10-31T20:56:01+00',
        remote_addr: '198.51.100.7',
        remote_user: null,
        method: 'POST',
        path: '/api/v1/events',
        query: null,
        protocol: 'HTTP/2.0',
        status: 202,
        bytes: '0',
        referer: null,
        user_agent: 'curl/8.5.0',
        request: null,
      },
      {
        t: '2026-10-31T23:00:00+00',
        remote_addr: '2001:db8::1',
        remote_user: null,
        method: 'GET',
        path: '/café/"quoted"',
        query: null,
        protocol: 'HTTP/1.1',
        status: 404,
        bytes: '153',
        referer: null,
        user_agent: 'Bot "X"/1.0 ™',
        request: null,
      },
      {
        t: '2026-11-01T00:00:01+00',
        remote_addr: '192.0.2.1',
        remote_user: null,
        method: null,
        path: null,
        query: null,
        protocol: null,
        status: 400,
        bytes: '157',
        referer: null,
        user_agent: null,
        request: '\\x16\\x03\\x01\\x00\\xF1',
      },
      {
        t: '2026-11-01T00:00:02+00',
        remote_addr: '192.0.2.2',
        remote_user: null,
        method: 'HEAD',
        path: '/health',
        query: null,
        protocol: 'HTTP/1.0',
        status: 304,
        bytes: '0',
        referer: null,
        user_agent: 'kube-probe/1.29',
        request: null,
      },
    ]);
  });

  test('common (CLF) and a request_time column, from a gzip file with no telling name', async () => {
    const common = fx.write('clf', [
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
      '127.0.0.1 - - [10/Oct/2000:13:55:37 -0700] "GET /missing HTTP/1.0" 404 -',
    ]);
    const c = await fx.importOne({ paths: [common], as: 'clf' });
    expect([c.detected.logFormat, c.detected.logConfidence, c.rows, c.rejected]).toEqual(['common', 1, 2, 0]);
    expect(Object.keys(c.detected.types)).not.toContain('user_agent');
    expect(Object.keys(c.detected.types)).not.toContain('ident');
    const identd = fx.write('identd.log', [
      '127.0.0.1 frank-id frank [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1',
      '127.0.0.1 - - [10/Oct/2000:13:55:37 -0700] "GET / HTTP/1.0" 200 1',
    ]);
    await fx.importOne({ paths: [identd] });
    expect(await fx.rows('SELECT remote_addr, ident, remote_user FROM identd ORDER BY ts')).toEqual([
      { remote_addr: '127.0.0.1', ident: 'frank-id', remote_user: 'frank' },
      { remote_addr: '127.0.0.1', ident: null, remote_user: null },
    ]);
    expect(await fx.rows('SELECT remote_user, status, bytes FROM clf ORDER BY ts')).toEqual([
      { remote_user: 'frank', status: 200, bytes: '2326' },
      { remote_user: null, status: 404, bytes: '0' },
    ]);

    const timed = fx.write(
      'timed.gz',
      [`${COMBINED[0]} 0.125`, `${COMBINED[1]} 1.5 "-"`, COMBINED[4]!],
      true,
    );
    const t = await fx.importOne({ paths: [timed], as: 'timed' });
    expect([t.detected.logFormat, t.detected.compression, t.rows]).toEqual(['combined', 'gzip', 3]);
    expect(t.detected.types.request_time).toBe('DOUBLE');
    expect(await fx.rows('SELECT request_time FROM timed ORDER BY ts')).toEqual([
      { request_time: 0.125 },
      { request_time: 1.5 },
      { request_time: null },
    ]);
  });

  test("nginx's main format: the forwarded-for address, a request time and further fields are kept", async () => {
    const path = fx.write('main.log', [
      `${COMBINED[0]} "198.51.100.1, 10.0.0.2" 0.004 upstream=10.0.0.9:8080`,
      `${COMBINED[1]} "-" 1.250`,
    ]);
    const o = await fx.importOne({ paths: [path] });
    expect([o.detected.logFormat, o.rows, o.rejected]).toEqual(['combined', 2, 0]);
    expect(await fx.rows('SELECT forwarded_for, request_time, extra FROM main ORDER BY ts')).toEqual([
      { forwarded_for: '198.51.100.1, 10.0.0.2', request_time: 0.004, extra: 'upstream=10.0.0.9:8080' },
      { forwarded_for: null, request_time: 1.25, extra: null },
    ]);
    // Past the 200 lines detection reads, a line with a field the table has no column for doesn't fit.
    const plain = fx.write('plain.log', [...Array(200).fill(COMBINED[1]!), `${COMBINED[4]} "203.0.113.5"`]);
    const p = await fx.importOne({ paths: [plain] });
    expect([p.rows, p.rejected, p.rejects[0]?.line]).toEqual([200, 1, 201]);
  });

  test('--type changes a column type; a value that does not fit it is a plain error', async () => {
    const path = fx.write('typed.log', [COMBINED[0]!, COMBINED[1]!]);
    const o = await fx.importOne({
      paths: [path],
      columnTypes: { status: 'VARCHAR', BYTES: 'DOUBLE' },
      encoding: 'latin1',
    });
    expect(o.warnings).toEqual([`Logs are read as UTF-8, so --encoding latin1 was not used for "${path}".`]);
    expect([o.detected.types.status, o.detected.types.bytes]).toEqual(['VARCHAR', 'DOUBLE']);
    await expect(
      fx.importOne({ paths: [path], as: 'typed2', columnTypes: { user_agent: 'INTEGER' } }),
    ).rejects.toThrow(/^Column "user_agent" of ".*typed.log" can't be stored as INTEGER: /);
    await expect(
      fx.importOne({ paths: [path], as: 'typed3', columnTypes: { nope: 'INTEGER' } }),
    ).rejects.toThrow(/has no column "nope", so its type can't be set/);
  });

  test('a forced format that fits few lines fails with the lines and a hint; nothing is created', async () => {
    const path = fx.write('mixed.log', [COMBINED[0]!, COMBINED[1]!]);
    await expect(fx.importOne({ paths: [path], logFormat: 'common' })).rejects.toThrow(
      /Import of ".*mixed.log" stopped: 2 of 2 lines don't fit, more than the 1 allowed \(first bad lines: 1, 2\)/,
    );
    expect(await fx.rows("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'mixed'")).toEqual([
      { n: '0' },
    ]);
    await expect(fx.importOne({ paths: [path], logFormat: 'nope' })).rejects.toThrow(
      '"nope" isn\'t a log format Sightline knows.',
    );
  });
});
