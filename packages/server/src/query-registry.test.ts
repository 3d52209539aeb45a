import { Engine } from '@sightline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { QueryRegistry } from './query-registry.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(':memory:', { threads: 1, memoryLimit: '256MB' });
});
afterAll(async () => engine.close());

function notFound(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return (err as ApiError).code;
  }
  return 'no error';
}

describe('QueryRegistry', () => {
  it('drops a finished result after the TTL since it was last read', async () => {
    let now = 0;
    const reg = new QueryRegistry(engine, { ttlMs: 1000, now: () => now });
    const id = reg.start('SELECT 42 AS x');
    expect((await reg.settled(id)).state).toBe('done');
    now = 900;
    expect(reg.status(id).rowCount).toBe(1);
    now = 1800;
    expect((await reg.page(id, 0, 10)).rows).toEqual([{ x: 42 }]);
    now = 2801;
    expect(notFound(() => reg.status(id))).toBe('not_found');
    expect(reg.ids()).toEqual([]);
  });

  it('keeps at most maxResults finished results, dropping the least recently read', async () => {
    let now = 0;
    const reg = new QueryRegistry(engine, { maxResults: 2, now: () => now });
    const a = reg.start('SELECT 1 AS v');
    await reg.settled(a);
    now = 1;
    const b = reg.start('SELECT 2 AS v');
    await reg.settled(b);
    now = 2;
    reg.status(a);
    now = 3;
    const c = reg.start('SELECT 3 AS v');
    await reg.settled(c);
    expect(reg.ids().sort()).toEqual([a, c].sort());
    expect((await reg.page(a, 0, 1)).rows).toEqual([{ v: 1 }]);
    expect(notFound(() => reg.status(b))).toBe('not_found');
    await reg.closeAll();
    expect(reg.ids()).toEqual([]);
  });

  it('never evicts running queries and cancels them on closeAll', async () => {
    const reg = new QueryRegistry(engine, { maxResults: 0 });
    const id = reg.start('SELECT count(*) FROM range(3000000000) a WHERE hash(a.range) % 1000003 = 7');
    expect(reg.status(id).state).toBe('running');
    const started = performance.now();
    await reg.closeAll();
    expect(performance.now() - started).toBeLessThan(5000);
    expect(reg.ids()).toEqual([]);
  });
});
