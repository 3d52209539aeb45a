import { describe, expect, it } from 'vitest';
import { Rng, Weighted } from './prng.js';

describe('Rng', () => {
  it('repeats the same numbers for the same seed and stream, and differs otherwise', () => {
    const take = (r: Rng) => Array.from({ length: 5 }, () => r.u32());
    const a = take(new Rng(42, 1));
    expect(take(new Rng(42, 1))).toEqual(a);
    expect(take(new Rng(42, 2))).not.toEqual(a);
    expect(take(new Rng(43, 1))).not.toEqual(a);
  });

  it('is pinned: these values must never change, or every sample changes', () => {
    const r = new Rng(20261101, 0);
    expect(Array.from({ length: 3 }, () => r.u32())).toEqual(PINNED);
  });

  it('draws uniform numbers in [0, 1) with the right mean', () => {
    const r = new Rng(1);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
  });

  it('samples weighted values in proportion to their weights', () => {
    const r = new Rng(5);
    const w = new Weighted([
      ['a', 1],
      ['b', 3],
      ['zero', 0],
    ] as const);
    const counts = { a: 0, b: 0, zero: 0 };
    for (let i = 0; i < 40_000; i++) counts[w.sample(r)]++;
    expect(counts.zero).toBe(0);
    expect(Math.abs(counts.b / 40_000 - 0.75)).toBeLessThan(0.01);
  });
});

const PINNED = [1618135979, 1335071178, 794085651];
