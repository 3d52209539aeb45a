import { chmodSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { cast, duckdbDialect, listValue, postgresDialect, select, toSql } from '@sightline/sql';
import { freePort, type PgCluster, startPostgres, tempDir } from '@sightline/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Engine } from '../../core/engine.js';
import { QueryError } from '../../core/query-error.js';
import { isSightlineError } from '../../errors.js';
import { openConnection, testConnection } from '../registry.js';
import type { LiveConnection } from '../types.js';
import { openPostgres } from './connector.js';

let cluster: PgCluster;
let conn: LiveConnection;

beforeAll(async () => {
  cluster = await startPostgres();
  conn = await openConnection({ kind: 'postgres', url: cluster.url });
});
afterAll(async () => {
  await conn?.close();
  await cluster?.stop();
});

/** The SightlineError a promise rejects with (fails the test if it resolves or throws something else). */
async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (isSightlineError(err)) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('values', () => {
  test('the same query gives the same JSON on PostgreSQL as on the embedded DuckDB', async () => {
    const q = select({
      big: cast('9007199254740993', 'BIGINT'),
      small: cast(-42, 'BIGINT'),
      i: 7,
      dec: cast('12.50', 'DECIMAL(10, 2)'),
      dbl: cast(0.1, 'DOUBLE'),
      nan: cast('NaN', 'DOUBLE'),
      tz: cast('2026-03-01 12:00:00.25+02', 'TIMESTAMPTZ'),
      naive: cast('2026-03-01 12:00:00.5', 'TIMESTAMP'),
      whole: cast('2026-03-01 12:00:00', 'TIMESTAMP'),
      d: cast('2026-03-01', 'DATE'),
      s: "O'Brien \\ 数据",
      none: null,
      yes: true,
      list: listValue(1, 2, 3),
      texts: listValue('a,b', '"q"', null),
    });
    const engine = await Engine.open(':memory:');
    try {
      const duck = await engine.query(toSql(q, duckdbDialect()));
      const live = await conn.query(toSql(q, postgresDialect()));
      expect(live.rows).toEqual(duck.rows);
      expect(live.rows).toEqual([
        {
          big: '9007199254740993',
          small: -42,
          i: 7,
          dec: 12.5,
          dbl: 0.1,
          nan: 'NaN',
          tz: '2026-03-01T10:00:00.25Z',
          naive: '2026-03-01T12:00:00.5',
          whole: '2026-03-01T12:00:00',
          d: '2026-03-01',
          s: "O'Brien \\ 数据",
          none: null,
          yes: true,
          list: [1, 2, 3],
          texts: ['a,b', '"q"', null],
        },
      ]);
    } finally {
      await engine.close();
    }
  });

  test('PostgreSQL-only types: json objects, bytea as base64, nested arrays, BC dates, infinity', async () => {
    const r = await conn.query(
      `SELECT '{"a": [1, {"b": null}]}'::jsonb AS j, '"x"'::json AS js, '\\x00ff10'::bytea AS bin,
              '{{1,2},{3,NULL}}'::int[] AS grid, '{"2026-01-02 03:04:05+00"}'::timestamptz[] AS stamps,
              '0044-03-15 BC'::date AS ides, 'infinity'::timestamptz AS forever, '12:30:00+02'::timetz AS tt,
              '1 day 02:00:00'::interval AS span, 'a1b2c3d4-0000-4000-8000-000000000000'::uuid AS id`,
    );
    expect(r.rows).toEqual([
      {
        j: { a: [1, { b: null }] },
        js: 'x',
        bin: Buffer.from([0, 255, 16]).toString('base64'),
        grid: [
          [1, 2],
          [3, null],
        ],
        stamps: ['2026-01-02T03:04:05Z'],
        ides: '-0043-03-15',
        forever: 'infinity',
        tt: '12:30:00+02:00',
        span: '1 day 02:00:00',
        id: 'a1b2c3d4-0000-4000-8000-000000000000',
      },
    ]);
    expect(r.columns.map((c) => c.type)).toEqual([
      'JSONB',
      'JSON',
      'BYTEA',
      'INTEGER[]',
      'TIMESTAMP WITH TIME ZONE[]',
      'DATE',
      'TIMESTAMP WITH TIME ZONE',
      'TIME WITH TIME ZONE',
      'INTERVAL',
      'UUID',
    ]);
  });

  test('user-defined enum arrays parse through the per-connection type cache; pg global parsers stay untouched', async () => {
    const other = await openConnection({ kind: 'postgres', url: cluster.url });
    try {
      await other.query(`DROP TYPE IF EXISTS mood CASCADE; CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')`);
      const reopened = await openConnection({ kind: 'postgres', url: cluster.url });
      const r = await reopened.query(`SELECT ARRAY['ok', 'happy']::mood[] AS moods, 'sad'::mood AS m`);
      await reopened.close();
      expect(r.rows).toEqual([{ moods: ['ok', 'happy'], m: 'sad' }]);
      expect(r.columns).toEqual([
        { name: 'moods', type: 'mood[]' },
        { name: 'm', type: 'mood' },
      ]);
    } finally {
      await other.close();
    }
    expect(pg.types.getTypeParser(1184, 'text')('2026-01-01 00:00:00+00')).toBeInstanceOf(Date);
    expect(pg.types.getTypeParser(20, 'text')('12')).toBe('12');
  });
});

describe('queries', () => {
  test('parameters are bound, equal column names are kept apart, several statements return the last', async () => {
    const r = await conn.query('SELECT $1::text AS name, 1 AS x, 2 AS x', {
      params: ["O'Brien; DROP TABLE x"],
    });
    expect(r.rows).toEqual([{ name: "O'Brien; DROP TABLE x", x: 1, 'x:1': 2 }]);
    expect(r.columns.map((c) => c.name)).toEqual(['name', 'x', 'x:1']);
    const multi = await conn.query(
      'CREATE TEMP TABLE t AS SELECT 1 AS a; SELECT a + 1 AS b FROM t; DROP TABLE t',
    );
    expect(multi.columns).toEqual([]);
    expect((await conn.query('SELECT 2 AS b; SELECT 3 AS c')).rows).toEqual([{ c: 3 }]);
  });

  test('maxRows reads only that many rows and says the result was cut', async () => {
    const r = await conn.query('SELECT g FROM generate_series(1, 1000000) AS g', { maxRows: 3 });
    expect(r.rows).toEqual([{ g: 1 }, { g: 2 }, { g: 3 }]);
    expect([r.rowCount, r.truncated]).toEqual([3, true]);
    const all = await conn.query('SELECT g FROM generate_series(1, 3) AS g', { maxRows: 3 });
    expect([all.rowCount, all.truncated]).toEqual([3, false]);
  });

  test('a PostgreSQL error keeps the server message, its position as line/column, and its hint', async () => {
    const sql = 'SELECT 1,\n  lower(42) AS x';
    const err = await failure(conn.query(sql));
    expect(err).toBeInstanceOf(QueryError);
    const q = err as QueryError;
    expect(q.message).toBe('Function lower(integer) does not exist (line 2, col 3).');
    expect(q.hints).toEqual([
      'No function matches the given name and argument types. You might need to add explicit type casts.',
    ]);
    expect(q.position).toEqual({ line: 2, column: 3, offset: 12 });
    expect([q.kind, q.engineMessage, q.sql]).toEqual(['user', 'function lower(integer) does not exist', sql]);
  });

  test('positions count characters, not bytes, and common errors read plainly', async () => {
    const err = (await failure(conn.query('SELECT \'数据\' AS "Ünï", nope FROM pg_class'))) as QueryError;
    expect(err.message).toBe('Column "nope" does not exist (line 1, col 23).');
    expect((await failure(conn.query('SELECT * FROM "Order ID"'))).message).toBe(
      `Table "Order ID" doesn't exist in this database (line 1, col 15).`,
    );
    expect((await failure(conn.query('SELECT * FROM'))).message).toBe(
      'The SQL ends too early (line 1, col 14).',
    );
  });

  test('a timeout stops the query on the server and leaves the connection usable', async () => {
    const started = Date.now();
    const err = await failure(conn.query('SELECT pg_sleep(5)', { timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(err.message).toBe('The query took longer than 0.3 s and was stopped.');
    expect((await conn.query('SHOW statement_timeout')).rows).toEqual([{ statement_timeout: '0' }]);
  });

  test('an abort signal cancels a running query (protocol cancel request)', async () => {
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 200);
    const err = await failure(conn.query('SELECT pg_sleep(5)', { signal: ac.signal }));
    expect(err.message).toBe('The query was cancelled.');
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await conn.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});

describe('connecting', () => {
  const url = (user: string, password: string | null, port: number, db = 'postgres', host = '127.0.0.1') =>
    `postgres://${user}${password === null ? '' : `:${encodeURIComponent(password)}`}@${host}:${port}/${db}`;

  test('testConnection succeeds on a good URL', async () => {
    await expect(testConnection({ kind: 'postgres', url: cluster.url })).resolves.toBeUndefined();
  });

  test('a wrong password: a plain sentence that never contains the password', async () => {
    const err = await failure(
      testConnection({ kind: 'postgres', url: url(cluster.user, 'wrong-pw-123', cluster.port) }),
    );
    expect(err.message).toBe(
      `PostgreSQL at 127.0.0.1:${cluster.port} refused the password for user "sightline".`,
    );
    expect(err.hints[0]).toContain('PGPASSWORD');
    expect(`${err.message} ${err.hints.join(' ')}`).not.toContain('wrong-pw-123');
  });

  test('an unknown database, an unknown host, a refused port', async () => {
    const noDb = await failure(
      testConnection({ kind: 'postgres', url: url(cluster.user, cluster.password, cluster.port, 'nodb') }),
    );
    expect(noDb.message).toBe(`There is no database named "nodb" at 127.0.0.1:${cluster.port}.`);
    const noHost = await failure(
      testConnection({ kind: 'postgres', url: url('ann', 'pw', 5432, 'db', 'no-such-host.invalid') }),
    );
    expect(noHost.message).toBe('The host "no-such-host.invalid" could not be found.');
    const port = await freePort();
    const refused = await failure(testConnection({ kind: 'postgres', url: url('ann', 'pw', port) }));
    expect(refused.message).toBe(`Nothing accepts connections at 127.0.0.1:${port} (connection refused).`);
  });

  test('a server that never answers times out with a plain message', async () => {
    const sockets: import('node:net').Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    const port = await new Promise<number>((resolve) =>
      silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)),
    );
    try {
      const started = Date.now();
      const err = await failure(
        openPostgres({ kind: 'postgres', url: url('ann', 'pw', port) }, { connectTimeoutMs: 400 }),
      );
      expect(err.message).toBe(`PostgreSQL at 127.0.0.1:${port} did not answer within 0.4 s.`);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });

  test('the password can come from PGPASSWORD or ~/.pgpass (mode 0600); without one the message says so', async () => {
    const noPw = url(cluster.user, null, cluster.port);
    const saved = {
      PGPASSWORD: process.env.PGPASSWORD,
      HOME: process.env.HOME,
      PGPASSFILE: process.env.PGPASSFILE,
    };
    const home = tempDir();
    try {
      delete process.env.PGPASSFILE;
      delete process.env.PGPASSWORD;
      process.env.HOME = home.path;
      const missing = await failure(testConnection({ kind: 'postgres', url: noPw }));
      expect(missing.message).toBe(
        `PostgreSQL at 127.0.0.1:${cluster.port} asked for a password for user "sightline", but none was given.`,
      );

      process.env.PGPASSWORD = cluster.password;
      await expect(testConnection({ kind: 'postgres', url: noPw })).resolves.toBeUndefined();
      delete process.env.PGPASSWORD;

      const pgpass = join(home.path, '.pgpass');
      writeFileSync(
        pgpass,
        `127.0.0.1:${cluster.port}:*:${cluster.user}:${cluster.password.replaceAll('\\', '\\\\').replaceAll(':', '\\:')}\n`,
      );
      chmodSync(pgpass, 0o600);
      const viaFile = await openConnection({ kind: 'postgres', url: noPw });
      expect((await viaFile.query('SELECT current_user AS who')).rows).toEqual([{ who: 'sightline' }]);
      await viaFile.close();
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      home.cleanup();
    }
  });
});
