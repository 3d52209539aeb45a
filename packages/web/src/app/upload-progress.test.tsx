// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { click, render } from '../test-support/render.js';
import { UploadProgress } from './upload-progress.js';

describe('UploadProgress', () => {
  it('shows bytes, percent and elapsed time, and cancels', async () => {
    let aborted = 0;
    const r = await render(
      <UploadProgress
        upload={{
          fileName: 'events.csv',
          sent: 34_000_000,
          total: 136_000_000,
          startedAt: 1_000,
          now: 3_500,
          abort: () => aborted++,
        }}
      />,
    );
    const box = r.container.querySelector('[data-testid=upload-progress]')!;
    expect(box.querySelector('div')?.textContent).toBe(
      'Uploading events.csv: 34.0 MB of 136.0 MB (25%) · 2.5 s',
    );
    expect((box.querySelector('progress') as HTMLProgressElement).value).toBe(25);
    await click(box.querySelector('button')!);
    expect(aborted).toBe(1);
    await r.unmount();
  });
});
