import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from './engine.js';
import { parseDuckDBError, QueryError } from './query-error.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(':memory:', { threads: 1 });
  await engine.query('CREATE TABLE events (user_id INTEGER, revenue DOUBLE, name VARCHAR)');
});
afterAll(() => engine.close());

async function failure(sql: string): Promise<QueryError> {
  try {
    await engine.query(sql);
  } catch (err) {
    expect(err).toBeInstanceOf(QueryError);
    return err as QueryError;
  }
  throw new Error(`expected ${sql} to fail`);
}

describe('parseDuckDBError on real engine errors', () => {
  it('misspelled column: plain message, position, candidates', async () => {
    const e = await failure('SELECT revenu FROM events');
    expect(e.message).toBe('Column "revenu" doesn\'t exist (line 1, col 8).');
    expect(e.errorClass).toBe('Binder Error');
    expect(e.position).toEqual({ line: 1, column: 8, offset: 7 });
    expect(e.candidates).toEqual(['revenue']);
    expect(e.hints).toEqual(['Did you mean "revenue"?']);
    expect(e.kind).toBe('user');
    expect(e.sql).toBe('SELECT revenu FROM events');
    expect(e.engineMessage).toContain('Referenced column');
  });

  it('misspelled table', async () => {
    const e = await failure('SELECT *\nFROM evnts');
    expect(e.message).toBe('Table "evnts" doesn\'t exist in this workspace (line 2, col 6).');
    expect(e.errorClass).toBe('Catalog Error');
    expect(e.position).toEqual({ line: 2, column: 6, offset: 14 });
    expect(e.candidates).toEqual(['events']);
  });

  it('syntax error on line 3 of multi-line SQL', async () => {
    const sql = 'SELECT user_id,\n  revenue\n  FORM events';
    const e = await failure(sql);
    expect(e.errorClass).toBe('Parser Error');
    expect(e.message).toBe('The SQL has a syntax error near "events" (line 3, col 8).');
    expect(e.position).toEqual({ line: 3, column: 8, offset: sql.indexOf('events') });
  });

  it('conversion error', async () => {
    const e = await failure("SELECT 'abc'::INTEGER");
    expect(e.errorClass).toBe('Conversion Error');
    expect(e.message).toBe("Conversion Error: Could not convert string 'abc' to INT32 (line 1, col 13).");
    expect(e.candidates).toEqual([]);
  });

  it('division by zero does not error in DuckDB (gives Infinity / NULL)', async () => {
    const r = await engine.query('SELECT 1 / 0 AS a, 1 // 0 AS b');
    expect(r.rows).toEqual([{ a: 'Infinity', b: null }]);
  });

  it('integer overflow is an Out of Range error without position', async () => {
    const e = await failure('SELECT 9223372036854775807::BIGINT + 1');
    expect(e.errorClass).toBe('Out of Range Error');
    expect(e.message).toBe('Out of Range Error: Overflow in addition of INT64 (9223372036854775807 + 1).');
    expect(e.position).toBeUndefined();
  });

  it('ambiguous column lists both qualified names as candidates', async () => {
    const e = await failure('SELECT user_id FROM events a, events b');
    expect(e.errorClass).toBe('Binder Error');
    expect(e.message).toBe('Binder Error: Ambiguous reference to column name "user_id" (line 1, col 8).');
    expect(e.candidates).toEqual(['a.user_id', 'b.user_id']);
  });

  it('positions count characters, not bytes, after non-ASCII text', async () => {
    const sql = "SELECT 'é€😀' AS x,\n\tnmae FROM events";
    const e = await failure(sql);
    expect(e.position).toEqual({ line: 2, column: 2, offset: sql.indexOf('nmae') });
    expect(e.candidates).toEqual(['name']);
  });

  it('positions in the second of several statements', async () => {
    const sql = 'SELECT 1;\nSELECT revenu FROM events';
    const e = await failure(sql);
    expect(e.position).toEqual({ line: 2, column: 8, offset: 17 });
  });
});

describe('parseDuckDBError on the text form', () => {
  it('reads class, message, candidates and a caret position', () => {
    const sql = 'SELECT\n  a,\n  bogus_col\nFROM t';
    const raw =
      'Binder Error: Referenced column "bogus_col" not found in FROM clause!\nCandidate bindings: "bogus_cool", "b"\n\nLINE 3:   bogus_col\n          ^';
    const e = parseDuckDBError(new Error(raw), sql);
    expect(e.errorClass).toBe('Binder Error');
    expect(e.message).toBe('Column "bogus_col" doesn\'t exist (line 3, col 3).');
    expect(e.candidates).toEqual(['bogus_cool', 'b']);
    expect(e.position).toEqual({ line: 3, column: 3, offset: sql.indexOf('bogus_col') });
  });

  it('maps a trimmed window (...) back to the original column', () => {
    const cols = Array.from({ length: 40 }, (_, i) => `${i} AS col_${i}`).join(', ');
    const sql = `SELECT ${cols}, revenu FROM (SELECT 1 AS revenue) t`;
    const raw =
      'Binder Error: Referenced column "revenu" not found in FROM clause!\nCandidate bindings: "revenue"\n\n' +
      'LINE 1: ..., 36 as col_36, 37 as col_37, 38 as col_38, 39 as col_39, revenu from (select 1 as revenue) t\n' +
      '                                                                     ^';
    const e = parseDuckDBError(
      new Error(raw.replaceAll(' as ', ' AS ').replace('from (select 1 AS', 'FROM (SELECT 1 AS')),
      sql,
    );
    expect(e.position?.offset).toBe(sql.indexOf('revenu '));
    expect(e.position?.line).toBe(1);
  });

  it('keeps unknown messages as one sentence with their class', () => {
    const e = parseDuckDBError(new Error('IO Error: No files found that match the pattern "x.csv"'), 'x');
    expect(e.errorClass).toBe('IO Error');
    expect(e.message).toBe('IO Error: No files found that match the pattern "x.csv".');
  });
});
