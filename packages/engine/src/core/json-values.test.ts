import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from './engine.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(':memory:', { threads: 1 });
  await engine.query("CREATE TYPE mood AS ENUM ('sad', 'happy')");
});
afterAll(() => engine.close());

// [SQL expression, expected JSON value, expected column type]
const cases: [string, unknown, string][] = [
  ['NULL::INTEGER', null, 'INTEGER'],
  ['true', true, 'BOOLEAN'],
  ['(-128)::TINYINT', -128, 'TINYINT'],
  ['32767::SMALLINT', 32767, 'SMALLINT'],
  ['(-2147483648)::INTEGER', -2147483648, 'INTEGER'],
  ['255::UTINYINT', 255, 'UTINYINT'],
  ['65535::USMALLINT', 65535, 'USMALLINT'],
  ['4294967295::UINTEGER', 4294967295, 'UINTEGER'],
  ['9007199254740991::BIGINT', 9007199254740991, 'BIGINT'],
  ['(-9007199254740991)::BIGINT', -9007199254740991, 'BIGINT'],
  ['9007199254740992::BIGINT', '9007199254740992', 'BIGINT'],
  ['(-9223372036854775808)::BIGINT', '-9223372036854775808', 'BIGINT'],
  ['42::BIGINT', 42, 'BIGINT'],
  ['18446744073709551615::UBIGINT', '18446744073709551615', 'UBIGINT'],
  ['7::UBIGINT', 7, 'UBIGINT'],
  ['170141183460469231731687303715884105727::HUGEINT', '170141183460469231731687303715884105727', 'HUGEINT'],
  ['(-12)::HUGEINT', -12, 'HUGEINT'],
  [
    '340282366920938463463374607431768211455::UHUGEINT',
    '340282366920938463463374607431768211455',
    'UHUGEINT',
  ],
  ['12345678901234567890123::BIGNUM', '12345678901234567890123', 'BIGNUM'],
  ['1.50::DECIMAL(10,2)', 1.5, 'DECIMAL(10,2)'],
  ['(-123456.789)::DECIMAL(38,3)', -123456.789, 'DECIMAL(38,3)'],
  ['1.1::FLOAT', 1.1, 'FLOAT'],
  ['0.1::DOUBLE', 0.1, 'DOUBLE'],
  ["'NaN'::DOUBLE", 'NaN', 'DOUBLE'],
  ["'Infinity'::DOUBLE", 'Infinity', 'DOUBLE'],
  ["'-Infinity'::FLOAT", '-Infinity', 'FLOAT'],
  ["DATE '2026-03-01'", '2026-03-01', 'DATE'],
  ["DATE '1969-12-31'", '1969-12-31', 'DATE'],
  ["DATE '0001-01-01'", '0001-01-01', 'DATE'],
  ["'infinity'::DATE", 'infinity', 'DATE'],
  ["TIMESTAMP '2026-03-01 12:00:00'", '2026-03-01T12:00:00', 'TIMESTAMP'],
  ["TIMESTAMP '2026-03-01 12:00:00.123456'", '2026-03-01T12:00:00.123456', 'TIMESTAMP'],
  ["TIMESTAMP '2026-03-01 12:00:00.5'", '2026-03-01T12:00:00.5', 'TIMESTAMP'],
  ["TIMESTAMP '1969-12-31 23:59:59.999999'", '1969-12-31T23:59:59.999999', 'TIMESTAMP'],
  ["'-infinity'::TIMESTAMP", '-infinity', 'TIMESTAMP'],
  ["TIMESTAMP_S '2026-03-01 12:00:01'", '2026-03-01T12:00:01', 'TIMESTAMP_S'],
  ["TIMESTAMP_MS '2026-03-01 12:00:01.25'", '2026-03-01T12:00:01.25', 'TIMESTAMP_MS'],
  ["TIMESTAMP_NS '2026-03-01 12:00:01.123456789'", '2026-03-01T12:00:01.123456789', 'TIMESTAMP_NS'],
  ["TIMESTAMPTZ '2026-03-01 12:00:00+02'", '2026-03-01T10:00:00Z', 'TIMESTAMP WITH TIME ZONE'],
  ["TIMESTAMPTZ '2026-03-01 00:30:00.25-01'", '2026-03-01T01:30:00.25Z', 'TIMESTAMP WITH TIME ZONE'],
  ["TIME '12:00:00'", '12:00:00', 'TIME'],
  ["TIME '23:59:59.000123'", '23:59:59.000123', 'TIME'],
  ["TIMETZ '12:00:00+01:30'", '12:00:00+01:30', 'TIME WITH TIME ZONE'],
  ["INTERVAL '1 year 2 months 3 days 04:05:06.5'", '1 year 2 months 3 days 04:05:06.5', 'INTERVAL'],
  ["'8e4b7c2a-2f3d-4a5b-9c1d-0e2f3a4b5c6d'::UUID", '8e4b7c2a-2f3d-4a5b-9c1d-0e2f3a4b5c6d', 'UUID'],
  ["'happy'::mood", 'happy', "ENUM('sad', 'happy')"],
  ["'\\xAA\\x01hi'::BLOB", Buffer.from([0xaa, 0x01, 0x68, 0x69]).toString('base64'), 'BLOB'],
  ["'h\u00e9llo'", 'h\u00e9llo', 'VARCHAR'],
  ["'101'::BIT", '101', 'BIT'],
  ['[1, NULL, 3]', [1, null, 3], 'INTEGER[]'],
  ['[9007199254740993]::BIGINT[]', ['9007199254740993'], 'BIGINT[]'],
  ['[1, 2]::INTEGER[2]', [1, 2], 'INTEGER[2]'],
  [
    "{'n': 1, 'ts': TIMESTAMPTZ '2026-03-01 12:00:00Z', 'tags': ['a'], 'd': NULL::DATE}",
    { n: 1, ts: '2026-03-01T12:00:00Z', tags: ['a'], d: null },
    'STRUCT(n INTEGER, ts TIMESTAMP WITH TIME ZONE, tags VARCHAR[], d DATE)',
  ],
  ["MAP {'a': 1, 'b': 2}", { a: 1, b: 2 }, 'MAP(VARCHAR, INTEGER)'],
  ["MAP {DATE '2026-01-01': [1.5::DOUBLE]}", { '2026-01-01': [1.5] }, 'MAP(DATE, DOUBLE[])'],
  ["[[{'x': 18446744073709551615::UBIGINT}]]", [[{ x: '18446744073709551615' }]], 'STRUCT(x UBIGINT)[][]'],
  ['union_value(num := 2)::UNION(num INTEGER, str VARCHAR)', 2, 'UNION(num INTEGER, str VARCHAR)'],
];

describe('toJsonConverter', () => {
  it.each(cases)('%s', async (expr, expected, type) => {
    const result = await engine.query(`SELECT ${expr} AS v`);
    expect(result.columns[0]!.type.replaceAll('"', '')).toBe(type);
    expect(result.rows).toEqual([{ v: expected }]);
    expect(JSON.parse(JSON.stringify(result.rows[0]!.v))).toEqual(expected);
  });
});
