import { utimesSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logFixture } from '../test-support.js';

let fx: Awaited<ReturnType<typeof logFixture>>;
beforeAll(async () => {
  fx = await logFixture();
  await fx.conn.run("SET TimeZone = 'UTC'");
});
afterAll(() => fx.close());

const iso = "strftime(ts, '%Y-%m-%dT%H:%M:%S.%f%z') AS t";

describe('syslog', () => {
  test('RFC 3164: the year comes from the file date, a December -> January change moves to the next year', async () => {
    const path = fx.write('messages', [
      '<38>Dec 30 23:59:58 web1 sshd[4242]: Accepted publickey for deploy from 192.0.2.4',
      'Dec 31 23:59:59 web1 CRON[77]: (root) CMD (run-parts /etc/cron.hourly)',
      'Jan  1 00:00:01 web1 kernel: [12345.678] eth0: link up',
      'Jan  1 00:00:02.250 web1 -- MARK --',
      'garbage that is not syslog',
      'Feb 29 10:00:00 web1 app[1]: leap day',
    ]);
    utimesSync(path, new Date('2028-03-01T12:00:00Z'), new Date('2028-03-01T12:00:00Z'));
    const o = await fx.importOne({ paths: [path] });
    expect([o.detected.logFormat, o.rows, o.rejected]).toEqual(['syslog', 5, 1]);
    expect(o.rejects[0]).toMatchObject({ line: 5, raw: 'garbage that is not syslog' });
    expect(o.warnings).toEqual([
      "The syslog lines have no year or time zone: 2027-2028 were inferred from the file's date (2028-03-01), and the times are read as UTC.",
    ]);
    expect(
      await fx.rows(`SELECT ${iso}, host, app, pid, facility, severity, message FROM messages ORDER BY ts`),
    ).toEqual([
      {
        t: '2027-12-30T23:59:58.000000+00',
        host: 'web1',
        app: 'sshd',
        pid: 4242,
        facility: 'auth',
        severity: 'info',
        message: 'Accepted publickey for deploy from 192.0.2.4',
      },
      {
        t: '2027-12-31T23:59:59.000000+00',
        host: 'web1',
        app: 'CRON',
        pid: 77,
        facility: null,
        severity: null,
        message: '(root) CMD (run-parts /etc/cron.hourly)',
      },
      {
        t: '2028-01-01T00:00:01.000000+00',
        host: 'web1',
        app: 'kernel',
        pid: null,
        facility: null,
        severity: null,
        message: '[12345.678] eth0: link up',
      },
      {
        t: '2028-01-01T00:00:02.250000+00',
        host: 'web1',
        app: null,
        pid: null,
        facility: null,
        severity: null,
        message: '-- MARK --',
      },
      {
        t: '2028-02-29T10:00:00.000000+00',
        host: 'web1',
        app: 'app',
        pid: 1,
        facility: null,
        severity: null,
        message: 'leap day',
      },
    ]);
  });

  test('RFC 3164: a file last written in January whose lines end in December is from the year before', async () => {
    const path = fx.write('old.log', ['Dec 31 10:00:00 h a: x', 'Dec 31 11:00:00 h a: y']);
    utimesSync(path, new Date('2027-01-02T00:00:00Z'), new Date('2027-01-02T00:00:00Z'));
    await fx.importOne({ paths: [path] });
    expect(await fx.rows("SELECT strftime(ts, '%Y-%m-%d') AS d FROM old ORDER BY ts")).toEqual([
      { d: '2026-12-31' },
      { d: '2026-12-31' },
    ]);
  });

  test('rsyslog ISO times keep their zone; a Java stack trace joins the entry before it', async () => {
    const path = fx.write('app.log', [
      '2026-10-31T13:55:36.123456+02:00 api-7 billing[311]: charge failed',
      'java.lang.IllegalStateException: card declined',
      '\tat com.example.Billing.charge(Billing.java:42)',
      '\tat com.example.Api.handle(Api.java:7)',
      'Caused by: java.io.IOException: timeout',
      '\t... 12 more',
      '2026-10-31T13:55:37Z api-7 billing[311]: retry scheduled',
    ]);
    const o = await fx.importOne({ paths: [path] });
    expect([o.detected.logFormat, o.rows, o.rejected, o.warnings]).toEqual(['syslog', 2, 0, []]);
    expect(await fx.rows(`SELECT ${iso}, message FROM app ORDER BY ts`)).toEqual([
      {
        t: '2026-10-31T11:55:36.123456+00',
        message: [
          'charge failed',
          'java.lang.IllegalStateException: card declined',
          '\tat com.example.Billing.charge(Billing.java:42)',
          '\tat com.example.Api.handle(Api.java:7)',
          'Caused by: java.io.IOException: timeout',
          '\t... 12 more',
        ].join('\n'),
      },
      { t: '2026-10-31T13:55:37.000000+00', message: 'retry scheduled' },
    ]);
  });

  test('RFC 5424: structured data as JSON, nil values as NULL, BOM dropped, malformed headers rejected', async () => {
    const path = fx.write('rfc5424.log', [
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"] \uFEFFAn application event log entry...',
      "<34>1 2003-10-11T22:14:15.003-07:00 mymachine.example.com su 981 - - 'su root' failed for lonvick on /dev/pts/8",
      '<13>1 - host app - - [q@1 say="a \\"quoted\\" \\] bracket"]',
      '<13>1 2003-10-11T22:14:15Z host app - - [unclosed k="v" message',
      '<13>2 2003-10-11T22:14:15Z host app - - - wrong version',
    ]);
    const o = await fx.importOne({ paths: [path], maxRejects: 2 });
    expect([o.detected.logFormat, o.rows, o.rejected]).toEqual(['syslog5424', 3, 2]);
    expect(o.rejects.map((r) => r.line)).toEqual([4, 5]);
    expect(o.detected.types.structured_data).toBe('JSON');
    expect(
      await fx.rows(
        `SELECT ${iso}, host, app, procid, msgid, facility, severity, structured_data::VARCHAR AS sd, message FROM rfc5424`,
      ),
    ).toEqual([
      {
        t: '2003-10-11T22:14:15.003000+00',
        host: 'mymachine.example.com',
        app: 'evntslog',
        procid: null,
        msgid: 'ID47',
        facility: 'local4',
        severity: 'notice',
        sd: '{"exampleSDID@32473":{"iut":"3","eventSource":"Application","eventID":"1011"},"examplePriority@32473":{"class":"high"}}',
        message: 'An application event log entry...',
      },
      {
        t: '2003-10-12T05:14:15.003000+00',
        host: 'mymachine.example.com',
        app: 'su',
        procid: '981',
        msgid: null,
        facility: 'auth',
        severity: 'crit',
        sd: null,
        message: "'su root' failed for lonvick on /dev/pts/8",
      },
      {
        t: null,
        host: 'host',
        app: 'app',
        procid: null,
        msgid: null,
        facility: 'user',
        severity: 'notice',
        sd: '{"q@1":{"say":"a \\"quoted\\" ] bracket"}}',
        message: null,
      },
    ]);
  });
});
