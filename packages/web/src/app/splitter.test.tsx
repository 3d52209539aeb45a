// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { render } from '../test-support/render.js';
import { clampShare, Splitter } from './splitter.js';

describe('Splitter', () => {
  it('moves with the arrow keys within 15..80 percent', async () => {
    const seen: number[] = [];
    const r = await render(<Splitter share={78} onChange={(v) => seen.push(v)} />);
    const bar = r.container.querySelector('[role=separator]') as HTMLElement;
    expect(bar.getAttribute('aria-valuenow')).toBe('78');
    await act(async () => {
      bar.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
      bar.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    });
    expect(seen).toEqual([80, 73]);
    expect([clampShare(3), clampShare(50), clampShare(99)]).toEqual([15, 50, 80]);
    await r.unmount();
  });
});
