import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMemoryLimit, Engine } from './engine.js';
import { QueryError } from './query-error.js';

const tmp = tempDir();
let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(`${tmp.path}/e.duckdb`, {
    tempDirectory: `${tmp.path}/spill`,
    memoryLimit: '1GB',
  });
});
afterAll(async () => {
  await engine.close();
  tmp.cleanup();
});

// A query that runs for many seconds unless stopped (a scan of a range, so it can be interrupted quickly).
const SLOW = 'SELECT count(*) FROM range(3000000000) a WHERE hash(a.range) % 1000003 = 7';

async function rejection(p: Promise<unknown>): Promise<QueryError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(QueryError);
  return err as QueryError;
}

describe('Engine settings', () => {
  it('applies memory limit, spill folder and progress settings', async () => {
    const r = await engine.query(
      "SELECT current_setting('memory_limit') AS m, current_setting('temp_directory') AS t, current_setting('enable_progress_bar') AS p, current_setting('enable_progress_bar_print') AS pp, current_setting('TimeZone') AS tz",
    );
    expect(r.rows).toEqual([{ m: '953.6 MiB', t: `${tmp.path}/spill`, p: true, pp: false, tz: 'UTC' }]);
  });

  it('defaults the memory limit to min(4 GB, 60% of RAM)', () => {
    expect(defaultMemoryLimit(2 * 1024 ** 3)).toBe('1228MiB');
    expect(defaultMemoryLimit(64 * 1024 ** 3)).toBe('4096MiB');
  });

  it('connect() gives a raw connection with progress on; the caller closes it', async () => {
    const conn = await engine.connect();
    const r = await conn.runAndReadAll("SELECT current_setting('enable_progress_bar') AS p");
    expect(r.getRowObjectsJson()).toEqual([{ p: true }]);
    conn.closeSync();
  });
});

describe('Engine.query', () => {
  it('returns columns, JSON-safe rows and counts', async () => {
    const r = await engine.query('SELECT 1 AS a, 2::BIGINT AS a, NULL AS c');
    expect(r.columns).toEqual([
      { name: 'a', type: 'INTEGER' },
      { name: 'a:1', type: 'BIGINT' },
      { name: 'c', type: 'INTEGER' },
    ]);
    expect(r.rows).toEqual([{ a: 1, 'a:1': 2, c: null }]);
    expect(r.rowCount).toBe(1);
    expect(r.truncated).toBe(false);
    expect(r.elapsedMs).toBeGreaterThan(0);
  });

  it('binds parameters (never concatenated)', async () => {
    const r = await engine.query('SELECT $1::VARCHAR AS s, $2::INTEGER + 1 AS n, $3::TIMESTAMPTZ AS t', {
      params: ["O'Brien; DROP TABLE x", 41, new Date('2026-03-01T12:00:00Z')],
    });
    expect(r.rows).toEqual([{ s: "O'Brien; DROP TABLE x", n: 42, t: '2026-03-01T12:00:00Z' }]);
  });

  it('runs several statements and returns the last result', async () => {
    const r = await engine.query(
      'CREATE TABLE multi AS SELECT 1 AS x; INSERT INTO multi VALUES (2); SELECT sum(x) AS s FROM multi',
    );
    expect(r.rows).toEqual([{ s: 3 }]);
  });

  it('cuts at maxRows and says so', async () => {
    const cut = await engine.query('SELECT range AS i FROM range(5000)', { maxRows: 2100 });
    expect(cut.rowCount).toBe(2100);
    expect(cut.truncated).toBe(true);
    expect(cut.rows[2099]).toEqual({ i: 2099 });
    const exact = await engine.query('SELECT range AS i FROM range(2048)', { maxRows: 2048 });
    expect(exact.truncated).toBe(false);
    expect(exact.rowCount).toBe(2048);
    const within = await engine.query('SELECT range AS i FROM range(10)', { maxRows: 100 });
    expect(within.truncated).toBe(false);
  });

  it('a quick query is not held up by a slow one (each query has its own connection)', async () => {
    const ac = new AbortController();
    const slow = engine.query(SLOW, { signal: ac.signal }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    const t = performance.now();
    expect((await engine.query('SELECT 7 AS x')).rows).toEqual([{ x: 7 }]);
    // The slow query runs until it is aborted below, so finishing first proves the quick one did not wait.
    expect(performance.now() - t).toBeLessThan(3000);
    ac.abort();
    expect(await slow).toBeInstanceOf(QueryError);
  });
});

describe('timeouts and cancel', () => {
  it('stops a query at its timeout with a plain message', async () => {
    const t = performance.now();
    const e = await rejection(engine.query(SLOW, { timeoutMs: 300 }));
    expect(performance.now() - t).toBeLessThan(1300);
    expect(e.message).toBe('The query took longer than 300 ms and was stopped.');
    expect(e.hints.length).toBe(1);
    expect(e.errorClass).toBe('Interrupt Error');
  });

  it('stops a query when its signal aborts', async () => {
    const ac = new AbortController();
    const t = performance.now();
    setTimeout(() => ac.abort(), 200);
    const e = await rejection(engine.query(SLOW, { signal: ac.signal }));
    expect(performance.now() - t).toBeLessThan(1200);
    expect(e.message).toBe('The query was cancelled.');
  });

  it('an already aborted signal stops the query at once', async () => {
    const e = await rejection(engine.query(SLOW, { signal: AbortSignal.abort() }));
    expect(e.message).toBe('The query was cancelled.');
  });

  it('the engine still answers after a cancel', async () => {
    expect((await engine.query('SELECT 42 AS x')).rows).toEqual([{ x: 42 }]);
  });

  it('formats a 5 s timeout as "5 s"', async () => {
    const { formatDuration } = await import('./query-watch.js');
    expect(formatDuration(5000)).toBe('5 s');
    expect(formatDuration(1500)).toBe('1.5 s');
  });
});

describe('Engine.stream', () => {
  it('yields batches in order with JSON-safe values', async () => {
    let total = 0;
    let last = -1;
    let batches = 0;
    for await (const batch of engine.stream(
      'SELECT range AS i, range::HUGEINT * 1000000000000 AS big FROM range(10000)',
    )) {
      batches++;
      expect(batch.columns.map((c) => c.name)).toEqual(['i', 'big']);
      for (const row of batch.rows) {
        expect(row.i).toBe(last + 1);
        last = row.i as number;
      }
      total += batch.rows.length;
    }
    expect(total).toBe(10000);
    expect(batches).toBeGreaterThan(1);
    expect(last).toBe(9999);
  });

  it('closes its connection when the consumer stops early, and reports errors as QueryError', async () => {
    for await (const _batch of engine.stream('SELECT * FROM range(100000)')) break;
    await rejection(
      (async () => {
        for await (const _b of engine.stream('SELECT nope FROM range(3)')) {
          // never reached
        }
      })(),
    );
  });
});

describe('Engine.start', () => {
  it('reports progress between 0 and 100 while a long query runs, and can be cancelled within a second', async () => {
    await engine.query('CREATE TABLE big AS SELECT range AS a, range % 1000 AS b FROM range(20000000)');
    const running = engine.start('SELECT count(DISTINCT hash(a) + b) FROM big');
    const seen: number[] = [];
    const deadline = performance.now() + 8000;
    while (performance.now() < deadline && !seen.some((p) => p > 0 && p < 100)) {
      await new Promise((r) => setTimeout(r, 50));
      const { percent, elapsedMs } = running.progress();
      expect(elapsedMs).toBeGreaterThan(0);
      if (percent !== null) seen.push(percent);
    }
    expect(seen.some((p) => p > 0 && p < 100)).toBe(true);
    const t = performance.now();
    running.cancel();
    const e = await rejection(running.result);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(e.message).toBe('The query was cancelled.');
  });

  it('keeps errors positioned in the original SQL', async () => {
    const e = await rejection(engine.start('SELECT\n  revenu\nFROM (SELECT 1 AS revenue)').result);
    expect(e.position).toEqual({ line: 2, column: 3, offset: 9 });
    const runtime = await rejection(engine.start("SELECT\n  'x'::INTEGER + range FROM range(3)").result);
    expect(runtime.errorClass).toBe('Conversion Error');
    expect(runtime.position?.line).toBe(2);
  });

  it('materialises non-SELECT statements and statement lists in memory', async () => {
    const r = await await engine.start('SELECT 1 AS x; SELECT 2 AS y').result;
    expect(r.columns).toEqual([{ name: 'y', type: 'INTEGER' }]);
    expect(await r.page(0, 10)).toEqual([{ y: 2 }]);
    const tail = await engine.start('SELECT 3 AS z; -- trailing comment').result;
    expect(await tail.page(0, 10)).toEqual([{ z: 3 }]);
    await r.close();
    await tail.close();
  });
});
