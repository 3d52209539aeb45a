// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from '../test-support/render.js';
import { formatMs, TimingBar, timingSegments } from './timing-bar.js';

describe('the timing bar', () => {
  it('lays the phases end to end and gives the rest of the total to the download', () => {
    expect(timingSegments({ dns: 2, connect: 3, tls: 10, firstByte: 40, total: 70 })).toEqual([
      { id: 'dns', label: 'DNS lookup', ms: 2, start: 0 },
      { id: 'connect', label: 'Connect', ms: 3, start: 2 },
      { id: 'tls', label: 'TLS handshake', ms: 10, start: 5 },
      { id: 'wait', label: 'Waiting for the first byte', ms: 40, start: 15 },
      { id: 'download', label: 'Download', ms: 15, start: 55 },
    ]);
  });

  it('skips phases that did not happen and names redirects in the remainder', () => {
    const s = timingSegments({ dns: null, connect: 1.5, tls: null, firstByte: 4, total: 12.5 }, 2);
    expect(s.map((x) => [x.id, x.ms, x.start])).toEqual([
      ['connect', 1.5, 0],
      ['wait', 4, 1.5],
      ['download', 7, 5.5],
    ]);
    expect(s[2]?.label).toBe('Redirects and download');
  });

  it('shows each phase with its duration and the total', async () => {
    const r = await render(
      <TimingBar timings={{ dns: 0.4, connect: 1.2, tls: null, firstByte: 250, total: 1300 }} />,
    );
    const items = [...r.container.querySelectorAll('.timing-item')].map((e) => e.textContent);
    expect(items).toEqual([
      'DNS lookup 0.4 ms',
      'Connect 1.2 ms',
      'Waiting for the first byte 250 ms',
      'Download 1.0 s',
      'Total 1.3 s',
    ]);
    expect(r.container.querySelectorAll('.timing-seg')).toHaveLength(4);
    expect(formatMs(0)).toBe('0.0 ms');
    await r.unmount();
  });
});
