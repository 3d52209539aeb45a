import { describe, expect, it } from 'vitest';
import { fromUrl, percentile } from './ui-page.js';

describe('browser bench helpers', () => {
  it('takes the nearest-rank percentile', () => {
    expect(percentile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 0.95)).toBe(5);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        0.95,
      ),
    ).toBe(95);
    expect(percentile([], 0.5)).toBe(0);
  });

  it('maps a resource URL to its path in the built app', () => {
    expect(fromUrl('http://127.0.0.1:8123/assets/index-abc.js')).toBe('/assets/index-abc.js');
  });
});
