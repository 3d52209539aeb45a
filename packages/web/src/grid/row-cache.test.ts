import { describe, expect, it } from 'vitest';
import type { RowsPage } from '../api/types.js';
import { RowCache } from './row-cache.js';

function loader(calls: [number, number][]) {
  return async (offset: number, limit: number): Promise<RowsPage> => {
    calls.push([offset, limit]);
    const rows = Array.from({ length: limit }, (_, i) => ({ n: offset + i }));
    return { columns: [{ name: 'n', type: 'BIGINT' }], rowCount: 1e7, offset, rows };
  };
}

describe('RowCache', () => {
  it('fetches only the pages covering the rows in view, once', async () => {
    const calls: [number, number][] = [];
    let changes = 0;
    const cache = new RowCache(loader(calls), () => changes++, 100, 10);
    expect(cache.get(150)).toBeUndefined();
    await Promise.all([cache.ensure(150, 260), cache.ensure(150, 260)]);
    expect(calls).toEqual([
      [100, 100],
      [200, 100],
    ]);
    expect(cache.get(150)).toEqual({ n: 150 });
    expect(cache.get(260)).toEqual({ n: 260 });
    expect(changes).toBe(2);
  });

  it('keeps at most maxPages, dropping the least recently used', async () => {
    const calls: [number, number][] = [];
    const cache = new RowCache(loader(calls), () => undefined, 10, 3);
    await cache.ensure(0, 29);
    cache.get(0); // page 0 is now the most recently used
    await cache.ensure(1_000_000, 1_000_009);
    expect(cache.size).toBe(3);
    expect(cache.get(0)).toEqual({ n: 0 });
    expect(cache.get(10)).toBeUndefined();
    expect(cache.get(1_000_005)).toEqual({ n: 1_000_005 });
  });

  it('remembers a failed page load as the error to show', async () => {
    const cache = new RowCache(
      () => Promise.reject(new Error('The result is gone.')),
      () => undefined,
    );
    await cache.ensure(0, 10);
    expect(cache.error?.message).toBe('The result is gone.');
  });
});
