import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from './engine.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(':memory:');
});
afterAll(() => engine.close());

describe('paged results', () => {
  it('pages 1M rows in query order, fast, without re-running the query', async () => {
    // random() makes every run different, so equal pages prove the query ran once.
    const sql = `SELECT i, i * 2 AS twice, random() AS r FROM range(1000000) t(i) ORDER BY i DESC`;
    const running = engine.start(sql);
    const result = await running.result;
    expect(running.progress().percent).toBe(100);
    expect(result.rowCount).toBe(1_000_000);
    expect(result.columns).toEqual([
      { name: 'i', type: 'BIGINT' },
      { name: 'twice', type: 'BIGINT' },
      { name: 'r', type: 'DOUBLE' },
    ]);

    const first = await result.page(0, 3);
    expect(first.map((r) => r.i)).toEqual([999999, 999998, 999997]);
    const t = performance.now();
    const middle = await result.page(500_000, 100);
    const last = await result.page(999_998, 10);
    const elapsed = performance.now() - t;
    expect(middle).toHaveLength(100);
    expect(middle[0]).toEqual({ i: 499999, twice: 999998, r: expect.any(Number) });
    expect(await result.page(500_000, 100)).toEqual(middle);
    expect(middle.map((r) => r.i)).toEqual(Array.from({ length: 100 }, (_, k) => 499999 - k));
    expect(last.map((r) => r.i)).toEqual([1, 0]);
    expect(await result.page(2_000_000, 10)).toEqual([]);
    expect(elapsed).toBeLessThan(200);

    // Many pages at once are served one after another on the pinned connection.
    const pages = await Promise.all([0, 1, 2, 3].map((p) => result.page(p * 250_000, 2)));
    expect(pages.map((p) => p[0]!.i)).toEqual([999999, 749999, 499999, 249999]);

    await result.close();
    await expect(result.page(0, 1)).rejects.toThrow('This result was already closed.');
  });

  it('keeps the order of a parallel, unordered query as it was produced', async () => {
    // Without ORDER BY the engine's own output order is what the user saw first; paging must match it.
    const sql = 'SELECT range AS i FROM range(300000) WHERE range % 3 = 0';
    const direct = await engine.query(sql);
    const paged = await engine.start(sql).result;
    expect(paged.rowCount).toBe(direct.rowCount);
    expect(await paged.page(0, paged.rowCount)).toEqual(direct.rows);
    await paged.close();
  });

  it('closing the engine releases kept results', async () => {
    const other = await Engine.open(':memory:');
    const r = await other.start('SELECT 1 AS x').result;
    await other.close();
    await expect(r.page(0, 1)).rejects.toThrow('already closed');
    await r.close();
  });
});
