import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logFixture } from '../test-support.js';

let fx: Awaited<ReturnType<typeof logFixture>>;
beforeAll(async () => {
  fx = await logFixture();
  await fx.conn.run("SET TimeZone = 'UTC'");
});
afterAll(() => fx.close());

const t = "strftime(ts, '%Y-%m-%dT%H:%M:%S.%f%z') AS t";

describe('structured logs', () => {
  test('JSON lines: roles recognised, nested objects as STRUCTs, big numbers exact, a traceback joined, bad lines rejected', async () => {
    const path = fx.write('app.jsonl', [
      '{"time":"2026-10-31T13:55:36.5+01:00","lvl":"info","msg":"started","http":{"method":"GET","status":200},"id":9007199254740993}',
      '{"@timestamp":1793454937123,"level":50,"message":"crashed","http":{"method":"POST","status":500},"id":1}',
      'Traceback (most recent call last):',
      '  File "app.py", line 3, in <module>',
      'ValueError: bad value',
      '{"ts":"yesterday","message":"a time that is not a time","ts_note":true}',
      '{"broken": ',
    ]);
    const o = await fx.importOne({ paths: [path], inputFormat: 'log', maxRejects: 1 });
    expect([o.detected.logFormat, o.rows, o.rejected, o.rejects[0]?.line]).toEqual(['jsonl', 3, 1, 7]);
    expect(o.detected.types).toMatchObject({
      ts: 'TIMESTAMP WITH TIME ZONE',
      level: 'VARCHAR',
      message: 'VARCHAR',
      http: 'STRUCT("method" VARCHAR, status BIGINT)',
      id: 'BIGINT',
      ts_field: 'VARCHAR',
    });
    expect(
      await fx.rows(
        `SELECT ${t}, level, message, http.status AS status, id::VARCHAR AS id, ts_field FROM app ORDER BY id`,
      ),
    ).toEqual([
      {
        t: '2026-10-31T13:55:37.123000+00',
        level: 'error',
        message:
          'crashed\nTraceback (most recent call last):\n  File "app.py", line 3, in <module>\nValueError: bad value',
        status: '500',
        id: '1',
        ts_field: null,
      },
      {
        t: '2026-10-31T12:55:36.500000+00',
        level: 'info',
        message: 'started',
        status: '200',
        id: '9007199254740993',
        ts_field: null,
      },
      {
        t: null,
        level: null,
        message: 'a time that is not a time',
        status: null,
        id: null,
        ts_field: 'yesterday',
      },
    ]);
  });

  test('JSON lines with flatten: nested objects become parent_child columns', async () => {
    const path = fx.write('flat.jsonl', [
      '{"ts":"2026-10-31T13:55:36Z","msg":"a","http":{"method":"GET","status":200}}',
      '{"ts":"2026-10-31T13:55:37Z","msg":"b","http":{"method":"POST"}}',
    ]);
    const o = await fx.importOne({ paths: [path], inputFormat: 'log', flatten: true });
    expect(Object.keys(o.detected.types)).toEqual(['ts', 'message', 'http_method', 'http_status']);
    expect(await fx.rows('SELECT message, http_method, http_status FROM flat ORDER BY ts')).toEqual([
      { message: 'a', http_method: 'GET', http_status: '200' },
      { message: 'b', http_method: 'POST', http_status: null },
    ]);
  });

  test('logfmt: quoted values, numbers and booleans typed, roles recognised', async () => {
    const path = fx.write('svc.log', [
      'ts=2026-10-31T13:55:36Z level=info msg="request done" path=/api/v1 status=200 duration=0.25 cached=true',
      'ts=2026-10-31T13:55:37Z level=warn msg="slow \\"db\\" call" path=/api/v2 status=503 duration=12.5 cached=false',
      'just words here',
    ]);
    const o = await fx.importOne({ paths: [path], as: 'svc' });
    expect([o.detected.logFormat, o.rows, o.rejected]).toEqual(['logfmt', 2, 1]);
    expect(o.detected.types).toMatchObject({
      status: 'BIGINT',
      duration: 'DOUBLE',
      cached: 'BOOLEAN',
      path: 'VARCHAR',
    });
    expect(
      await fx.rows(`SELECT ${t}, level, message, path, status, duration, cached FROM svc ORDER BY ts`),
    ).toEqual([
      {
        t: '2026-10-31T13:55:36.000000+00',
        level: 'info',
        message: 'request done',
        path: '/api/v1',
        status: '200',
        duration: 0.25,
        cached: true,
      },
      {
        t: '2026-10-31T13:55:37.000000+00',
        level: 'warn',
        message: 'slow "db" call',
        path: '/api/v2',
        status: '503',
        duration: 12.5,
        cached: false,
      },
    ]);
  });

  test('CloudTrail (.json.gz): one row per record, eventTime as ts, userIdentity a STRUCT', async () => {
    const doc = {
      Records: [
        {
          eventVersion: '1.08',
          userIdentity: { type: 'IAMUser', userName: 'alice', accountId: '123456789012' },
          eventTime: '2026-10-31T13:55:36Z',
          eventSource: 's3.amazonaws.com',
          eventName: 'GetObject',
          sourceIPAddress: '203.0.113.9',
        },
        {
          eventVersion: '1.08',
          userIdentity: { type: 'Root', accountId: '123456789012' },
          eventTime: '2026-10-31T14:00:00Z',
          eventSource: 'iam.amazonaws.com',
          eventName: 'DeleteUser',
          sourceIPAddress: '198.51.100.7',
          errorCode: 'AccessDenied',
        },
      ],
    };
    const path = fx.write(
      '123456789012_CloudTrail_eu-west-1_20261031T1400Z_abc.json.gz',
      [JSON.stringify(doc)],
      true,
    );
    const o = await fx.importOne({ paths: [path], as: 'trail' });
    expect([o.detected.logFormat, o.detected.compression, o.rows, o.rejected]).toEqual([
      'cloudtrail',
      'gzip',
      2,
      0,
    ]);
    expect(o.detected.types.userIdentity).toBe('STRUCT("type" VARCHAR, userName VARCHAR, accountId VARCHAR)');
    expect(
      await fx.rows(
        `SELECT ${t}, eventName, eventSource, userIdentity.userName AS who, sourceIPAddress, errorCode FROM trail ORDER BY ts`,
      ),
    ).toEqual([
      {
        t: '2026-10-31T13:55:36.000000+00',
        eventName: 'GetObject',
        eventSource: 's3.amazonaws.com',
        who: 'alice',
        sourceIPAddress: '203.0.113.9',
        errorCode: null,
      },
      {
        t: '2026-10-31T14:00:00.000000+00',
        eventName: 'DeleteUser',
        eventSource: 'iam.amazonaws.com',
        who: null,
        sourceIPAddress: '198.51.100.7',
        errorCode: 'AccessDenied',
      },
    ]);
    const pretty = fx.write('trail-pretty.json', JSON.stringify(doc, null, 2).split('\n'));
    const p = await fx.importOne({ paths: [pretty], as: 'trail2' });
    expect([p.detected.format, p.detected.logFormat, p.rows]).toEqual(['log', 'cloudtrail', 2]);
    const bad = fx.write('bad-trail.json', [
      '{"Records": [{"eventTime": "2026-10-31T13:55:36Z", "eventName": "x"}',
      '',
    ]);
    await expect(fx.importOne({ paths: [bad], as: 'trail3', logFormat: 'cloudtrail' })).rejects.toThrow(
      /stopped: 1 of 1 line doesn't fit, more than the 0 allowed \(first bad lines: 1\)/,
    );
  });
});
