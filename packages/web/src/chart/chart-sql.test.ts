import { type ServerHandle, startServer } from '@sightline/server';
import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartSpec } from './chart-spec.js';
import { chartSql } from './chart-sql.js';

const base: ChartSpec = {
  version: 1,
  mark: 'bar',
  x: null,
  y: null,
  color: null,
  aggregate: 'count',
  timeUnit: 'none',
  bins: 20,
};
const USER_SQL = 'SELECT * FROM sales -- the user query\n';

let server: ServerHandle;
let cleanup: () => void;

async function run(sql: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${new URL(server.url).origin}/api/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sql, format: 'json' }),
  });
  const body = (await res.json()) as { rows: Record<string, unknown>[]; error?: { message: string } };
  if (!res.ok) throw new Error(body.error?.message);
  return body.rows;
}

function sqlOf(spec: Partial<ChartSpec>): string {
  const built = chartSql(USER_SQL, { ...base, ...spec });
  if (!built.ok) throw new Error(built.error);
  return built.sql;
}

beforeAll(async () => {
  const dir = tempDir('sightline-chart-sql-');
  cleanup = dir.cleanup;
  server = await startServer({ workspaceDir: dir.path, log: () => undefined });
  await run(`CREATE TABLE sales AS SELECT * FROM (VALUES
    (TIMESTAMP '2026-03-01 09:00', 'north', 10.0, 'web'),
    (TIMESTAMP '2026-03-01 17:30', 'south', 5.0, 'app'),
    (TIMESTAMP '2026-03-02 08:00', 'north', 2.5, 'app'),
    (TIMESTAMP '2026-03-03 12:00', 'east', NULL, 'web'),
    (TIMESTAMP '2026-03-03 13:00', 'north', 7.5, 'web')) t("sold at", region, amount, channel)`);
});
afterAll(async () => {
  await server.close();
  cleanup();
});

describe('chartSql', () => {
  it('writes a grouped bar as one aggregate over the user query (exact text)', () => {
    expect(sqlOf({ mark: 'bar', x: 'region', y: 'amount', aggregate: 'sum' })).toBe(
      [
        'WITH "src" AS (',
        'SELECT * FROM sales -- the user query',
        ')',
        'SELECT "region" AS "x", sum("amount") AS "y"',
        'FROM "src"',
        'GROUP BY "x"',
        'ORDER BY "y" DESC NULLS LAST, "x" ASC NULLS LAST',
        'LIMIT 51',
      ].join('\n'),
    );
  });

  it('bar: the engine sums per category, largest first', async () => {
    expect(await run(sqlOf({ mark: 'bar', x: 'region', y: 'amount', aggregate: 'sum' }))).toEqual([
      { x: 'north', y: 20 },
      { x: 'south', y: 5 },
      { x: 'east', y: null },
    ]);
  });

  it('line: rows per day of a timestamp, in time order', async () => {
    expect(await run(sqlOf({ mark: 'line', x: 'sold at', timeUnit: 'day' }))).toEqual([
      { x: '2026-03-01T00:00:00', y: 2 },
      { x: '2026-03-02T00:00:00', y: 1 },
      { x: '2026-03-03T00:00:00', y: 2 },
    ]);
  });

  it('area with colour: one series per channel', async () => {
    expect(await run(sqlOf({ mark: 'area', x: 'region', color: 'channel', aggregate: 'count' }))).toEqual([
      { x: 'east', color: 'web', y: 1 },
      { x: 'north', color: 'app', y: 1 },
      { x: 'north', color: 'web', y: 2 },
      { x: 'south', color: 'app', y: 1 },
    ]);
  });

  it('pie: average per slice', async () => {
    expect(await run(sqlOf({ mark: 'pie', x: 'channel', y: 'amount', aggregate: 'avg' }))).toEqual([
      { x: 'web', y: 8.75 },
      { x: 'app', y: 3.75 },
    ]);
  });

  it('scatter: raw points without NULLs', async () => {
    const rows = await run(sqlOf({ mark: 'scatter', x: 'amount', y: 'amount', color: 'region' }));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({ x: 10, y: 10, color: 'north' });
  });

  it('heat map: distinct regions per day and channel', async () => {
    expect(
      await run(
        sqlOf({
          mark: 'heatmap',
          x: 'sold at',
          timeUnit: 'day',
          y: 'channel',
          color: 'region',
          aggregate: 'count_distinct',
        }),
      ),
    ).toEqual([
      { x: '2026-03-01T00:00:00', y: 'app', color: 1 },
      { x: '2026-03-01T00:00:00', y: 'web', color: 1 },
      { x: '2026-03-02T00:00:00', y: 'app', color: 1 },
      { x: '2026-03-03T00:00:00', y: 'web', color: 2 },
    ]);
  });

  it('histogram: equal-width bins from min to max, the max in the last bin', async () => {
    expect(await run(sqlOf({ mark: 'histogram', x: 'amount', bins: 3 }))).toEqual([
      { x: 2.5, x2: 5, y: 1 },
      { x: 5, x2: 7.5, y: 1 },
      { x: 7.5, x2: 10, y: 2 },
    ]);
  });

  it('says what is missing before building', () => {
    expect(chartSql(USER_SQL, base)).toEqual({ ok: false, error: 'Choose a column for the x axis.' });
    expect(chartSql(USER_SQL, { ...base, x: 'region', aggregate: 'sum' })).toEqual({
      ok: false,
      error: 'Choose the column to add up.',
    });
  });
});
