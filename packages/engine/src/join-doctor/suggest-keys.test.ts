import { afterAll, beforeAll, expect, it } from 'vitest';
import { Engine } from '../core/engine.js';
import { nameScore } from './name-score.js';
import { suggestKeys } from './suggest-keys.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(':memory:', { threads: 1 });
  await engine.query(`
    CREATE TABLE customers AS SELECT i AS id, 'c' || i AS name, 'c' || i || '@x.io' AS email, i % 3 = 0 AS vip
      FROM range(1, 101) t(i);
    CREATE TABLE orders AS SELECT i AS order_id, (i % 50) + 1 AS customer_id, upper('c' || i || '@x.io') AS email,
      i * 2 AS amount FROM range(0, 300) t(i);`);
});
afterAll(async () => engine.close());

it('scores names: equal, table + id, shared words, unrelated', () => {
  expect(nameScore('user_id', 'userId', 'events', 'users')).toBe(1);
  expect(nameScore('customer_id', 'id', 'orders', 'customers')).toBe(0.95);
  expect(nameScore('id', 'category_id', 'categories', 'products')).toBe(0.95);
  expect(nameScore('billing_email', 'email', 'a', 'b')).toBe(0.6);
  expect(nameScore('amount', 'name', 'a', 'b')).toBeLessThan(0.5);
});

it('ranks customer_id = id first, then the emails (which match only ignoring capitals)', async () => {
  const s = await suggestKeys(engine, { table: 'orders' }, { table: 'customers' });
  expect(s[0]).toEqual({
    left: 'customer_id',
    right: 'id',
    nameScore: 0.95,
    overlap: 1,
    uniqueness: 1,
    score: 0.985,
  });
  // order ids 1..300 against customer ids 1..100: a third of the left values are found.
  const email = s.find((x) => x.left === 'email' && x.right === 'email');
  expect(email).toEqual({
    left: 'email',
    right: 'email',
    nameScore: 1,
    overlap: 0.333,
    uniqueness: 1,
    score: 0.733,
  });
  expect(s.some((x) => x.right === 'vip')).toBe(false);
});

it('offers a key, not a shared attribute with the same name and the same values (user_id, not country)', async () => {
  await engine.query(`
    CREATE TABLE people AS SELECT 'u' || i AS user_id, ['US', 'FR', 'DE'][1 + i % 3] AS country FROM range(0, 90) t(i);
    CREATE TABLE visits AS SELECT 'u' || (i % 60) AS user_id, ['US', 'FR', 'DE'][1 + i % 3] AS country
      FROM range(0, 300) t(i);`);
  const s = await suggestKeys(engine, { table: 'people' }, { table: 'visits' });
  expect(s.map((x) => [x.left, x.right, x.overlap, x.uniqueness])).toEqual([
    ['user_id', 'user_id', 0.667, 1],
  ]);
});
