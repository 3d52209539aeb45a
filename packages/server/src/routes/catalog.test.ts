import type { ColumnProfile, TableInfo } from '@sightline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnProfileWithHistogram } from '../profile.js';
import { body, type TestServer, testServer } from '../test-support.js';

let s: TestServer;
beforeAll(async () => {
  s = await testServer();
  await s.workspace.engine.query(`
    CREATE TABLE orders AS SELECT * FROM (VALUES
      (1, 'EU', 10.0, DATE '2026-01-01', TIMESTAMPTZ '2026-01-01 00:00:00+00'),
      (2, 'US', 20.0, DATE '2026-01-03', TIMESTAMPTZ '2026-01-01 00:00:10+00'),
      (3, 'US', 30.0, DATE '2026-01-05', TIMESTAMPTZ '2026-01-01 00:00:20+00'),
      (4, NULL, 40.0, NULL, NULL)) t(id, region, amount, day, ts);
    CREATE TABLE "Odd Name" (x INTEGER);`);
  const config = s.workspace.readConfig();
  config.connections.prod = { kind: 'postgres', url: 'postgres://ann:hunter2@db.example:5432/shop' };
  s.workspace.writeConfig(config);
});
afterAll(async () => s.close());

describe('catalog', () => {
  it('lists tables with columns, types and row counts, and connections without passwords', async () => {
    const res = await s.call('/api/catalog');
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      tables: [
        { table: 'Odd Name', rows: 0, columns: [{ name: 'x', type: 'INTEGER' }] },
        {
          table: 'orders',
          rows: 4,
          columns: [
            { name: 'id', type: 'INTEGER' },
            { name: 'region', type: 'VARCHAR' },
            { name: 'amount', type: 'DECIMAL(3,1)' },
            { name: 'day', type: 'DATE' },
            { name: 'ts', type: 'TIMESTAMP WITH TIME ZONE' },
          ],
        },
      ],
      files: [],
      connections: [{ name: 'prod', kind: 'postgres', url: 'postgres://ann:***@db.example:5432/shop' }],
    });
  });

  it('lists tables as `sightline tables` does', async () => {
    expect(await body<TableInfo[]>(await s.call('/api/tables'))).toEqual([
      { table: 'Odd Name', rows: 0, columns: 1 },
      { table: 'orders', rows: 4, columns: 5 },
    ]);
    expect(await body(await s.call('/api/connections'))).toEqual([
      { name: 'prod', kind: 'postgres', url: 'postgres://ann:***@db.example:5432/shop' },
    ]);
  });

  it('describes a table (names with spaces too)', async () => {
    const res = await s.call('/api/tables/orders/describe');
    const profiles = await body<ColumnProfile[]>(res);
    expect(profiles.find((p) => p.column === 'region')).toEqual({
      column: 'region',
      type: 'VARCHAR',
      nulls: 1,
      distinct: 2,
      min: 'EU',
      max: 'US',
      top: [
        { value: 'US', count: 2 },
        { value: 'EU', count: 1 },
      ],
    });
    const odd = await s.call(`/api/tables/${encodeURIComponent('Odd Name')}/describe`);
    expect(odd.status).toBe(200);
  });

  it('answers an unknown table with 404 and close matches', async () => {
    const res = await s.call('/api/tables/ordres/describe');
    expect(res.status).toBe(404);
    expect(await body(res)).toEqual({
      error: {
        code: 'not_found',
        message: 'Table "ordres" doesn\'t exist in this workspace. Did you mean "orders"?',
        hints: ['Tables here: Odd Name, orders.'],
      },
    });
  });
});

describe('column profile', () => {
  it('profiles a number column with an equal-width histogram', async () => {
    const res = await s.call('/api/tables/orders/columns/amount/profile?bins=3');
    expect(res.status).toBe(200);
    expect(await body<ColumnProfileWithHistogram>(res)).toEqual({
      column: 'amount',
      type: 'DECIMAL(3,1)',
      nulls: 0,
      distinct: 4,
      min: 10,
      max: 40,
      top: [
        { value: 10, count: 1 },
        { value: 20, count: 1 },
        { value: 30, count: 1 },
        { value: 40, count: 1 },
      ],
      histogram: [
        { low: 10, high: 20, count: 1 },
        { low: 20, high: 30, count: 1 },
        { low: 30, high: 40, count: 2 },
      ],
    });
  });

  it('gives dates and timestamps histograms with ISO edges', async () => {
    const day = await body<ColumnProfileWithHistogram>(
      await s.call('/api/tables/orders/columns/day/profile?bins=2'),
    );
    expect(day.histogram).toEqual([
      { low: '2026-01-01', high: '2026-01-03', count: 1 },
      { low: '2026-01-03', high: '2026-01-05', count: 2 },
    ]);
    const at = await body<ColumnProfileWithHistogram>(
      await s.call('/api/tables/orders/columns/ts/profile?bins=2'),
    );
    expect(at.histogram).toEqual([
      { low: '2026-01-01T00:00:00Z', high: '2026-01-01T00:00:10Z', count: 1 },
      { low: '2026-01-01T00:00:10Z', high: '2026-01-01T00:00:20Z', count: 2 },
    ]);
  });

  it('has no histogram for text and an empty one for an empty table', async () => {
    const region = await body<ColumnProfileWithHistogram>(
      await s.call('/api/tables/orders/columns/region/profile'),
    );
    expect(region.histogram).toBeNull();
    const odd = await body<ColumnProfileWithHistogram>(
      await s.call(`/api/tables/${encodeURIComponent('Odd Name')}/columns/x/profile`),
    );
    expect(odd).toEqual({
      column: 'x',
      type: 'INTEGER',
      nulls: 0,
      distinct: 0,
      min: null,
      max: null,
      top: [],
      histogram: [],
    });
  });

  it('answers an unknown column with 404 and a bad bins value with 400', async () => {
    const res = await s.call('/api/tables/orders/columns/amont/profile');
    expect(res.status).toBe(404);
    expect((await body(res)).error.message).toBe(
      'Column "amont" doesn\'t exist in table "orders". Did you mean "amount"?',
    );
    const bad = await s.call('/api/tables/orders/columns/amount/profile?bins=0');
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.code).toBe('bad_request');
  });
});
