import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logFixture } from '../test-support.js';
import { containerNames } from './container-path.js';

let fx: Awaited<ReturnType<typeof logFixture>>;
beforeAll(async () => {
  fx = await logFixture();
  await fx.conn.run("SET TimeZone = 'UTC'");
});
afterAll(() => fx.close());

const ID = 'a'.repeat(64);

describe('container logs', () => {
  test('CRI: partial P lines are joined per stream, names come from the pod path, bad lines rejected', async () => {
    const dir = join(fx.dir, 'var/log/pods/shop_checkout-7d9f_1234-abcd/api');
    mkdirSync(dir, { recursive: true });
    fx.write('var/log/pods/shop_checkout-7d9f_1234-abcd/api/0.log', [
      '2026-10-31T13:55:36.100000001Z stdout P first half, ',
      '2026-10-31T13:55:36.100000002Z stderr F an error line',
      '2026-10-31T13:55:36.100000003Z stdout F second half',
      'not a cri line',
      '2026-10-31T13:55:37Z stdout F ',
      '2026-10-31T13:55:38+02:00 stdout P cut at the end',
    ]);
    const o = await fx.importOne({ paths: [join(dir, '0.log')], as: 'pods' });
    expect([o.detected.logFormat, o.rows, o.rejected, o.rejects[0]?.line]).toEqual(['cri', 4, 1, 4]);
    expect(
      await fx.rows(
        "SELECT strftime(ts, '%H:%M:%S.%f') AS t, stream, message, namespace, pod, container FROM pods ORDER BY ts, stream",
      ),
    ).toEqual([
      {
        t: '11:55:38.000000',
        stream: 'stdout',
        message: 'cut at the end',
        namespace: 'shop',
        pod: 'checkout-7d9f',
        container: 'api',
      },
      {
        t: '13:55:36.100000',
        stream: 'stderr',
        message: 'an error line',
        namespace: 'shop',
        pod: 'checkout-7d9f',
        container: 'api',
      },
      {
        t: '13:55:36.100000',
        stream: 'stdout',
        message: 'first half, second half',
        namespace: 'shop',
        pod: 'checkout-7d9f',
        container: 'api',
      },
      {
        t: '13:55:37.000000',
        stream: 'stdout',
        message: '',
        namespace: 'shop',
        pod: 'checkout-7d9f',
        container: 'api',
      },
    ]);
  });

  test('Docker json-file: lines split at 16 KiB are joined, attrs kept as JSON, the container id from the name', async () => {
    const long = 'x'.repeat(16_384);
    const path = fx.write(`${ID}-json.log`, [
      JSON.stringify({ log: long, stream: 'stdout', time: '2026-10-31T13:55:36.000000001Z' }),
      JSON.stringify({ log: 'tail\n', stream: 'stdout', time: '2026-10-31T13:55:36.000000002Z' }),
      JSON.stringify({
        log: 'boom\r\n',
        stream: 'stderr',
        time: '2026-10-31T13:55:37Z',
        attrs: { tag: 'web' },
      }),
      '{"log": "truncated',
    ]);
    const o = await fx.importOne({ paths: [path], as: 'docker' });
    expect([o.detected.logFormat, o.rows, o.rejected, o.rejects[0]?.line]).toEqual(['docker', 2, 1, 4]);
    expect(
      await fx.rows(
        'SELECT stream, length(message) AS n, right(message, 4) AS tail, attrs::VARCHAR AS attrs, container_id FROM docker ORDER BY ts',
      ),
    ).toEqual([
      { stream: 'stdout', n: '16388', tail: 'tail', attrs: null, container_id: ID },
      { stream: 'stderr', n: '4', tail: 'boom', attrs: '{"tag":"web"}', container_id: ID },
    ]);
  });

  test('names from the other standard paths', () => {
    expect(containerNames(`/var/log/containers/web-5f6_prod_nginx-${ID}.log`)).toEqual({
      namespace: 'prod',
      pod: 'web-5f6',
      container: 'nginx',
      container_id: ID,
    });
    expect(containerNames('/tmp/app.log')).toEqual({
      namespace: null,
      pod: null,
      container: null,
      container_id: null,
    });
  });
});
