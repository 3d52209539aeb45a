import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SightlineError } from '../errors.js';
import { closeMatches } from './catalog.js';
import { Engine } from './engine.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(':memory:', { threads: 2 });
  await engine.query(`
    CREATE SCHEMA sightline_meta;
    CREATE TABLE sightline_meta.imports (id INTEGER);
    CREATE TABLE events AS SELECT * FROM (VALUES
      (1, 'signup', 10.5, TIMESTAMPTZ '2026-03-01 10:00:00Z', [1, 2]),
      (2, 'signup', NULL, TIMESTAMPTZ '2026-03-02 10:00:00Z', [1]),
      (2, 'purchase', 99.0, NULL, NULL),
      (3, 'signup', 10.5, TIMESTAMPTZ '2026-03-03 10:00:00Z', [1, 2]),
      (9007199254740993, 'view', 0.0, TIMESTAMPTZ '2026-03-04 10:00:00Z', []))
      t(user_id, event, revenue, ts, tags);
    CREATE TABLE "Odd ""Name""" (x INTEGER);
    INSERT INTO "Odd ""Name""" VALUES (1), (2);
    CREATE TABLE empty (a INTEGER, m MAP(VARCHAR, INTEGER));
    CREATE VIEW v AS SELECT 1;
    CREATE TEMP TABLE scratch (a INTEGER);
  `);
});
afterAll(() => engine.close());

describe('tables()', () => {
  it('lists main tables only, sorted, with exact row and column counts', async () => {
    expect(await engine.tables()).toEqual([
      { table: 'Odd "Name"', rows: 2, columns: 1 },
      { table: 'empty', rows: 0, columns: 2 },
      { table: 'events', rows: 5, columns: 5 },
    ]);
  });

  it('is empty for an empty database', async () => {
    const fresh = await Engine.open(':memory:');
    expect(await fresh.tables()).toEqual([]);
    await fresh.close();
  });
});

describe('describe()', () => {
  it('profiles every column: type, nulls, distinct, min, max, top values', async () => {
    const profile = await engine.describe('events');
    expect(profile).toEqual([
      {
        column: 'user_id',
        type: 'BIGINT',
        nulls: 0,
        distinct: 4,
        min: 1,
        max: '9007199254740993',
        top: [
          { value: 2, count: 2 },
          { value: 1, count: 1 },
          { value: 3, count: 1 },
          { value: '9007199254740993', count: 1 },
        ],
      },
      {
        column: 'event',
        type: 'VARCHAR',
        nulls: 0,
        distinct: 3,
        min: 'purchase',
        max: 'view',
        top: [
          { value: 'signup', count: 3 },
          { value: 'purchase', count: 1 },
          { value: 'view', count: 1 },
        ],
      },
      {
        column: 'revenue',
        type: 'DECIMAL(3,1)',
        nulls: 1,
        distinct: 3,
        min: 0,
        max: 99,
        top: [
          { value: 10.5, count: 2 },
          { value: 0, count: 1 },
          { value: 99, count: 1 },
        ],
      },
      {
        column: 'ts',
        type: 'TIMESTAMP WITH TIME ZONE',
        nulls: 1,
        distinct: 4,
        min: '2026-03-01T10:00:00Z',
        max: '2026-03-04T10:00:00Z',
        top: [
          { value: '2026-03-01T10:00:00Z', count: 1 },
          { value: '2026-03-02T10:00:00Z', count: 1 },
          { value: '2026-03-03T10:00:00Z', count: 1 },
          { value: '2026-03-04T10:00:00Z', count: 1 },
        ],
      },
      {
        column: 'tags',
        type: 'INTEGER[]',
        nulls: 1,
        distinct: 3,
        min: [],
        max: [1, 2],
        top: [
          { value: [1, 2], count: 2 },
          { value: [], count: 1 },
          { value: [1], count: 1 },
        ],
      },
    ]);
  });

  it('handles empty tables, MAP columns and names that need quoting', async () => {
    expect(await engine.describe('empty')).toEqual([
      { column: 'a', type: 'INTEGER', nulls: 0, distinct: 0, min: null, max: null, top: [] },
      { column: 'm', type: 'MAP(VARCHAR, INTEGER)', nulls: 0, distinct: 0, min: null, max: null, top: [] },
    ]);
    const odd = await engine.describe('Odd "Name"');
    expect(odd[0]).toMatchObject({ column: 'x', distinct: 2, min: 1, max: 2 });
  });

  it('matches a differently-cased name when it is unique', async () => {
    expect((await engine.describe('EVENTS')).length).toBe(5);
  });

  it('names close matches for an unknown table', async () => {
    const err = await engine.describe('evnts').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SightlineError);
    expect((err as SightlineError).message).toBe(
      'Table "evnts" doesn\'t exist in this workspace. Did you mean "events"?',
    );
    expect((err as SightlineError).kind).toBe('user');
    expect((err as SightlineError).hints).toEqual(['Tables here: Odd "Name", empty, events.']);
  });

  it('does not see bookkeeping tables in sightline_meta', async () => {
    const err = await engine.describe('imports').catch((e: unknown) => e);
    expect((err as SightlineError).message).toBe('Table "imports" doesn\'t exist in this workspace.');
  });
});

describe('closeMatches', () => {
  it('ranks by edit distance and containment', () => {
    expect(closeMatches('evnts', ['events', 'event_log', 'users'])).toEqual(['events']);
    expect(closeMatches('order', ['orders', 'order_items', 'users'])).toEqual(['orders', 'order_items']);
    expect(closeMatches('zzz', ['events'])).toEqual([]);
  });
});
