import { type PgCluster, startPostgres } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isSightlineError } from '../../errors.js';
import { openConnection } from '../registry.js';
import type { LiveConnection } from '../types.js';

let cluster: PgCluster;
let conn: LiveConnection;

beforeAll(async () => {
  cluster = await startPostgres();
  conn = await openConnection({ kind: 'postgres', url: cluster.url });
  await conn.query(`
    CREATE TABLE "O'Brien" (
      "select" integer, "Order ID" text, "Ünïcødé 数据" text, ts timestamptz, flag boolean,
      doc jsonb, tags text[], id uuid, amount numeric(10,2), big bigint
    );
    INSERT INTO "O'Brien" VALUES
      (1, 'A-1', 'naïve', '2026-03-01 12:00:00+00', true, '{"a": 1}', '{x,y}', 'a1b2c3d4-0000-4000-8000-000000000001', 12.50, 9007199254740993),
      (2, 'A-1', '数据', '2026-03-02 08:30:00+00', false, '{"a": 1}', '{x}', 'a1b2c3d4-0000-4000-8000-000000000002', 99.00, 1),
      (2, NULL, 'naïve', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    CREATE VIEW "select view" AS SELECT "select", "Order ID" FROM "O'Brien" WHERE "select" > 1;
    CREATE SCHEMA "Sales Ω";
    CREATE TABLE "Sales Ω".orders (id int);
    INSERT INTO "Sales Ω".orders SELECT generate_series(1, 3);
    CREATE TABLE huge (id int);
    INSERT INTO huge VALUES (1), (2);
    -- Pretend the planner believes this table is big (the cluster user is a superuser).
    UPDATE pg_class SET reltuples = 250000 WHERE relname = 'huge';
    CREATE TABLE empty_one (id int);
  `);
});
afterAll(async () => {
  await conn?.close();
  await cluster?.stop();
});

describe('tables', () => {
  test('lists tables and views of user schemas with exact counts, and the estimate for big tables', async () => {
    expect(await conn.tables()).toEqual([
      { schema: 'Sales Ω', table: 'orders', rows: 3, columns: 1, estimated: false },
      { schema: 'public', table: "O'Brien", rows: 3, columns: 10, estimated: false },
      { schema: 'public', table: 'empty_one', rows: 0, columns: 1, estimated: false },
      { schema: 'public', table: 'huge', rows: 250000, columns: 1, estimated: true },
      { schema: 'public', table: 'select view', rows: 2, columns: 2, estimated: false },
    ]);
  });
});

describe('describe', () => {
  test('profiles every column in PostgreSQL: nulls, distinct, min, max, top five, with JSON values', async () => {
    const pair = (a: unknown, b: unknown) => [
      { value: a, count: 1 },
      { value: b, count: 1 },
    ];
    expect(await conn.describe("O'Brien")).toEqual([
      {
        column: 'select',
        type: 'INTEGER',
        nulls: 0,
        distinct: 2,
        min: 1,
        max: 2,
        top: [
          { value: 2, count: 2 },
          { value: 1, count: 1 },
        ],
      },
      {
        column: 'Order ID',
        type: 'TEXT',
        nulls: 1,
        distinct: 1,
        min: 'A-1',
        max: 'A-1',
        top: [{ value: 'A-1', count: 2 }],
      },
      {
        column: 'Ünïcødé 数据',
        type: 'TEXT',
        nulls: 0,
        distinct: 2,
        min: 'naïve',
        max: '数据',
        top: [
          { value: 'naïve', count: 2 },
          { value: '数据', count: 1 },
        ],
      },
      {
        column: 'ts',
        type: 'TIMESTAMP WITH TIME ZONE',
        nulls: 1,
        distinct: 2,
        min: '2026-03-01T12:00:00Z',
        max: '2026-03-02T08:30:00Z',
        top: pair('2026-03-01T12:00:00Z', '2026-03-02T08:30:00Z'),
      },
      {
        column: 'flag',
        type: 'BOOLEAN',
        nulls: 1,
        distinct: 2,
        min: false,
        max: true,
        top: pair(false, true),
      },
      {
        column: 'doc',
        type: 'JSONB',
        nulls: 1,
        distinct: 1,
        min: null,
        max: null,
        top: [{ value: { a: 1 }, count: 2 }],
      },
      {
        column: 'tags',
        type: 'TEXT[]',
        nulls: 1,
        distinct: 2,
        min: null,
        max: null,
        top: pair('{x,y}', '{x}'),
      },
      {
        column: 'id',
        type: 'UUID',
        nulls: 1,
        distinct: 2,
        min: 'a1b2c3d4-0000-4000-8000-000000000001',
        max: 'a1b2c3d4-0000-4000-8000-000000000002',
        top: pair('a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002'),
      },
      {
        column: 'amount',
        type: 'NUMERIC(10,2)',
        nulls: 1,
        distinct: 2,
        min: 12.5,
        max: 99,
        top: pair(12.5, 99),
      },
      {
        column: 'big',
        type: 'BIGINT',
        nulls: 1,
        distinct: 2,
        min: 1,
        max: '9007199254740993',
        top: pair(1, '9007199254740993'),
      },
    ]);
  });

  test('finds schema-qualified names and views; unknown names get close matches', async () => {
    expect((await conn.describe('Sales Ω.orders')).map((c) => [c.column, c.distinct, c.min, c.max])).toEqual([
      ['id', 3, 1, 3],
    ]);
    expect((await conn.describe('select view')).map((c) => [c.column, c.nulls])).toEqual([
      ['select', 0],
      ['Order ID', 1],
    ]);
    try {
      await conn.describe('hugee');
      throw new Error('expected a failure');
    } catch (err) {
      if (!isSightlineError(err)) throw err;
      expect(err.message).toBe(`Table "hugee" doesn't exist in this database. Did you mean "huge"?`);
      expect(err.hints).toEqual([`Tables here: Sales Ω.orders, O'Brien, empty_one, huge, select view.`]);
    }
  });
});
