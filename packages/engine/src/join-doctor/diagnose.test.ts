import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../core/engine.js';
import { diagnoseJoin } from './diagnose.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(':memory:', { threads: 1 });
  // customers: ids 1..5000, ids 1..1000 twice (6,000 rows). orders: 10,000 rows, customer_id = i % 6000 + 1, so ids
  // 1..4000 have two orders, 4001..6000 one, and 5001..6000 have no customer.
  await engine.query(`
    CREATE TABLE customers AS
      SELECT i AS id, 'c' || i AS name FROM range(1, 5001) t(i)
      UNION ALL SELECT i, 'dup' || i FROM range(1, 1001) t(i);
    CREATE TABLE orders AS
      SELECT i AS order_id, i % 6000 + 1 AS customer_id, 10.0 AS revenue FROM range(0, 10000) t(i);`);
});
afterAll(async () => engine.close());

describe('diagnoseJoin on 10,000 orders x customers with 1,000 duplicated ids', () => {
  it('counts matches, the result size and the fan-out exactly', async () => {
    const r = await diagnoseJoin(engine, {
      left: { table: 'orders' },
      right: { table: 'customers' },
      on: [{ left: 'customer_id', right: 'id' }],
      kind: 'left',
    });
    expect(r.left).toMatchObject({
      label: 'orders',
      rows: 10000,
      matchedRows: 9000,
      matchedShare: 0.9,
      nullKeyRows: 0,
    });
    expect(r.right).toMatchObject({ label: 'customers', rows: 6000, matchedRows: 6000, matchedShare: 1 });
    expect(r.left.unmatched).toEqual([5001, 5002, 5003, 5004, 5005].map((k) => ({ key: [k], rows: 1 })));
    expect(r.right.unmatched).toEqual([]);
    expect(r.matchedPairs).toBe(11000);
    expect(r.resultRows).toBe(12000);
    expect(r.comparable).toBe(true);
    expect(r.mismatches).toEqual([]);
    const right = r.fanOut.find((f) => f.side === 'right');
    expect(right).toMatchObject({ keys: 1000, extraRows: 2000 });
    expect(right?.top.slice(0, 2)).toEqual([
      { key: [1], rows: 2, otherRows: 2 },
      { key: [2], rows: 2, otherRows: 2 },
    ]);
    expect(right?.top).toHaveLength(10);
    expect(right?.message).toBe(
      'This join turns the 9,000 rows of orders that match into 11,000 rows: 1,000 values of id appear more than ' +
        'once in customers. Sums and counts of orders columns will be inflated.',
    );
    // The other direction: customers 1..4000 have two orders each.
    expect(r.fanOut.find((f) => f.side === 'left')).toMatchObject({ keys: 4000, extraRows: 11000 - 6000 });
    expect(r.summary).toContain('90% of orders rows (9,000 of 10,000) find a match in customers.');
    expect(r.summary.at(-1)).toBe('The left join returns 12,000 rows.');
  });

  it('gives the row count of each join kind, checked against the join itself', async () => {
    for (const kind of ['inner', 'left', 'right', 'full'] as const) {
      const r = await diagnoseJoin(engine, {
        left: { table: 'orders' },
        right: { sql: 'SELECT * FROM customers WHERE id <= 4500', label: 'some customers' },
        on: [{ left: 'customer_id', right: 'id' }],
        kind,
      });
      const real = await engine.query(
        `SELECT count(*)::BIGINT AS n FROM orders ${kind.toUpperCase()} JOIN (SELECT * FROM customers WHERE id <= 4500) c ON orders.customer_id = c.id`,
      );
      expect(r.resultRows).toBe(Number(real.rows[0]?.n));
    }
  });

  it('a unique right key has no fan-out, and NULL keys never match', async () => {
    await engine.query(`CREATE TABLE plans AS SELECT * FROM (VALUES (1, 'free'), (2, 'pro')) t(id, plan);
      CREATE TABLE subs AS SELECT * FROM (VALUES (1, 1), (2, 2), (3, NULL), (4, 2), (5, 7)) t(sub_id, plan_id);`);
    const r = await diagnoseJoin(engine, {
      left: { table: 'subs' },
      right: { table: 'plans' },
      on: [{ left: 'plan_id', right: 'id' }],
      kind: 'inner',
    });
    expect(r.left).toMatchObject({ rows: 5, matchedRows: 3, nullKeyRows: 1 });
    expect(r.left.unmatched).toEqual([{ key: [7], rows: 1 }]);
    expect(r.fanOut.map((f) => f.side)).toEqual(['left']);
    expect(r.resultRows).toBe(3);
  });

  it('joins on two key pairs: a key is the pair of values', async () => {
    await engine.query(`CREATE TABLE daily AS SELECT * FROM (VALUES ('a', DATE '2026-01-01', 5), ('a', DATE '2026-01-02', 7),
        ('b', DATE '2026-01-01', 1), ('c', DATE '2026-01-01', 2)) t(shop, day, sales);
      CREATE TABLE targets AS SELECT * FROM (VALUES ('a', DATE '2026-01-01', 4), ('a', DATE '2026-01-01', 6),
        ('b', DATE '2026-01-02', 1)) t(shop, day, goal);`);
    const r = await diagnoseJoin(engine, {
      left: { table: 'daily' },
      right: { table: 'targets' },
      on: [
        { left: 'shop', right: 'shop' },
        { left: 'day', right: 'day' },
      ],
      kind: 'full',
    });
    expect(r.left).toMatchObject({ rows: 4, matchedRows: 1 });
    expect(r.right).toMatchObject({ rows: 3, matchedRows: 2 });
    expect(r.left.unmatched).toEqual([
      { key: ['a', '2026-01-02'], rows: 1 },
      { key: ['b', '2026-01-01'], rows: 1 },
      { key: ['c', '2026-01-01'], rows: 1 },
    ]);
    // (a, Jan 1) twice on the right: 2 pairs, plus 3 left and 1 right rows without a partner.
    expect(r.matchedPairs).toBe(2);
    expect(r.resultRows).toBe(2 + 3 + 1);
    expect(r.fanOut.map((f) => [f.side, f.keys, f.extraRows])).toEqual([['right', 1, 1]]);
    expect(r.fanOut[0]?.message).toContain('1 value of (shop, day) appears more than once in targets.');
  });

  it('names a missing column and the ones there are', async () => {
    await expect(
      diagnoseJoin(engine, {
        left: { table: 'orders' },
        right: { table: 'customers' },
        on: [{ left: 'customer', right: 'id' }],
        kind: 'left',
      }),
    ).rejects.toThrow('There is no column "customer" in orders.');
  });
});
