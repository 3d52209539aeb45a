// The same trees, executed on a real in-memory DuckDB and a real PostgreSQL 15: both must return the same rows.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Cell, type Engines, openEngines } from './engines.test-support.js';
import {
  add,
  and,
  arrayAgg,
  assumeUtc,
  between,
  bitAnd,
  bitFlag,
  caseWhen,
  cast,
  coalesce,
  column,
  concat,
  count,
  countDistinct,
  cte,
  currentRow,
  dateSeries,
  dateTrunc,
  desc,
  div,
  duckdbDialect,
  epoch,
  epochMicros,
  eq,
  fn,
  fromEpoch,
  greatest,
  gt,
  ilike,
  intDiv,
  interval,
  isIn,
  isNull,
  least,
  like,
  listContains,
  listLength,
  listValue,
  mod,
  notIn,
  nullif,
  or,
  over,
  param,
  percentileCont,
  postgresDialect,
  preceding,
  quoteIdent,
  rangeBetween,
  regexpExtract,
  regexpMatch,
  rowsBetween,
  type SqlInput,
  secondsBetween,
  select,
  shiftRight,
  sub,
  table,
  toSql,
  unionAll,
  values,
  withSetOptions,
} from './index.js';

let engines: Engines;
const duck = duckdbDialect();
const pg = postgresDialect();

/** Runs one tree on both engines, checks they agree, and returns the rows. */
async function run(node: SqlInput, params: (string | number | null)[] = []): Promise<Record<string, Cell>[]> {
  const [d, p] = await Promise.all([
    engines.duckRows(toSql(node, duck, { pretty: true }), params),
    engines.pgRows(toSql(node, pg, { pretty: true }), params),
  ]);
  expect(p).toEqual(d);
  return d;
}

const OBRIEN = "O'Brien";
const SELECT = 'select';
const ORDER_ID = 'Order ID';
const UNICODE = 'Ünïcødé 数据';
const TRICKY = [`it's "quoted"`, 'back\\slash \\n not a newline', 'naïve café 数据 🎉', 'line\nbreak', ''];

beforeAll(async () => {
  engines = await openEngines();
  const cols = `${quoteIdent(SELECT)} INTEGER, ${quoteIdent(ORDER_ID)} TEXT, ${quoteIdent(UNICODE)} TEXT`;
  await engines.execBoth(`CREATE TABLE ${quoteIdent(OBRIEN)} (${cols})`);
  const rows = TRICKY.map((text, i) => [i + 1, `A-${i + 1}`, text]);
  const fill = select().from(values([...rows, [6, null, null]], 'v', ['a', 'b', 'c']));
  await engines.duck.run(`INSERT INTO ${quoteIdent(OBRIEN)} ${toSql(fill, duck)}`);
  await engines.pg.query(`INSERT INTO ${quoteIdent(OBRIEN)} ${toSql(fill, pg)}`);
  await engines.execBoth('CREATE TABLE events (user_id TEXT, event TEXT, ts TIMESTAMPTZ, ms BIGINT)');
  const ev = (u: string, e: string, iso: string) =>
    `('${u}', '${e}', TIMESTAMPTZ '${iso}', ${Date.parse(iso)})`;
  await engines.execBoth(
    `INSERT INTO events VALUES ${[
      ev('u1', 'signup', '2024-03-09T12:00:00Z'),
      ev('u1', 'buy', '2024-03-10T04:30:00Z'), // 2024-03-09 23:30 in New York (EST)
      ev('u2', 'signup', '2024-03-10T07:30:00Z'), // 03:30 EDT, just after the spring-forward gap
      ev('u2', 'buy', '2024-03-11T03:59:59.999Z'), // 23:59:59.999 EDT on Sunday 2024-03-10
      ev('u3', 'signup', '2024-03-11T04:00:00Z'), // Monday 00:00 EDT: a new week in New York
      ev('u1', 'buy', '2024-03-17T12:00:00Z'),
      ev('u3', 'buy', '2024-11-03T05:30:00Z'), // 01:30 EDT, before the fall-back
      ev('u3', 'buy', '2024-11-03T06:30:00Z'), // 01:30 EST, the repeated hour
    ].join(', ')}`,
  );
}, 120_000);

afterAll(async () => {
  await engines?.close();
});

describe('identifiers and literals', () => {
  test("tables and columns named O'Brien, select, Order ID and unicode; string literals round-trip", async () => {
    const q = select(column(SELECT, OBRIEN), { [ORDER_ID]: column(ORDER_ID), [UNICODE]: column(UNICODE) })
      .from(OBRIEN)
      .where(isIn(column(UNICODE), TRICKY))
      .orderBy(column(SELECT));
    const rows = await run(q);
    expect(rows).toEqual(
      TRICKY.map((text, i) => ({ select: i + 1, 'Order ID': `A-${i + 1}`, [UNICODE]: text })),
    );
  });

  test('an IN list matched as a table (DuckDB) or as a list (PostgreSQL): the same rows, tricky strings included', async () => {
    const q = select(column(SELECT, OBRIEN))
      .from(OBRIEN)
      .where(isIn(column(UNICODE), TRICKY.slice(1), { asTable: true }))
      .orderBy(column(SELECT));
    expect(toSql(q, duck)).toContain('IN (SELECT "value" FROM (VALUES (');
    expect(toSql(q, pg)).not.toContain('VALUES');
    expect(await run(q)).toEqual(TRICKY.slice(1).map((_, i) => ({ select: i + 2 })));
    // A column of the outer query named "value" is not the list's.
    const named = select(column('value'))
      .from(values([['a'], ['b'], ['c']], 't', ['value']))
      .where(isIn(column('value'), ['a', 'c'], { asTable: true }))
      .orderBy(column('value'));
    expect(await run(named)).toEqual([{ value: 'a' }, { value: 'c' }]);
  });

  test('aliases with quotes and unicode, and every tricky string as a literal', async () => {
    const items = Object.fromEntries(TRICKY.map((t, i) => [`${OBRIEN} "${i}" 数据`, t]));
    const rows = await run(select(items));
    expect(rows).toEqual([Object.fromEntries(TRICKY.map((t, i) => [`O'Brien "${i}" 数据`, t]))]);
  });

  test('parameters bind as $n in both engines', async () => {
    const q = select({ n: count() })
      .from(OBRIEN)
      .where(eq(column(UNICODE), param(1)), gt(column(SELECT), param(2)));
    expect(await run(q, ['naïve café 数据 🎉', 1])).toEqual([{ n: '1' }]);
  });
});

describe('operators and functions', () => {
  test('NULL logic, IN, BETWEEN, LIKE/ILIKE with escapes, concat, CASE, COALESCE, NULLIF, GREATEST/LEAST', async () => {
    const t = values(
      [
        [1, 'a_b', null],
        [2, 'axb', 5],
        [3, 'A_B', 7],
      ],
      't',
      ['id', 's', 'n'],
    );
    const q = select(column('id'), {
      lit_underscore: like(column('s'), 'a\\_b'),
      any_case: ilike(column('s'), 'a\\_%'),
      between: between(column('n'), 5, 6),
      not_in: notIn(column('n'), [7]),
      label: concat(column('s'), ' #', cast(column('id'), 'TEXT')),
      kind: caseWhen(
        [
          [isNull(column('n')), 'none'],
          [gt(column('n'), 6), 'big'],
        ],
        'small',
      ),
      fallback: coalesce(column('n'), -1),
      nulled: nullif(column('id'), 2),
      hi: greatest(column('n'), 6),
      lo: least(column('n'), 6),
      either: or(isNull(column('n')), eq(column('id'), 3)),
    })
      .from(t)
      .orderBy(column('id'));
    expect(await run(q)).toEqual([
      {
        id: 1,
        lit_underscore: true,
        any_case: true,
        between: null,
        not_in: null,
        label: 'a_b #1',
        kind: 'none',
        fallback: -1,
        nulled: 1,
        hi: 6,
        lo: 6,
        either: true,
      },
      {
        id: 2,
        lit_underscore: false,
        any_case: false,
        between: true,
        not_in: true,
        label: 'axb #2',
        kind: 'small',
        fallback: 5,
        nulled: null,
        hi: 6,
        lo: 5,
        either: false,
      },
      {
        id: 3,
        lit_underscore: false,
        any_case: true,
        between: false,
        not_in: false,
        label: 'A_B #3',
        kind: 'big',
        fallback: 7,
        nulled: 3,
        hi: 7,
        lo: 6,
        either: true,
      },
    ]);
  });

  test('division is floating point, integer division truncates toward zero, modulo keeps the sign', async () => {
    const q = select({ third: div(1, 3), half: div(-7, 2), whole: intDiv(-7, 2), rest: mod(-7, 2) });
    expect(await run(q)).toEqual([{ third: 1 / 3, half: -3.5, whole: -3, rest: -1 }]);
  });

  test('bits: a flag per small number, shifts and masks; a flag past bit 62 fails instead of wrapping', async () => {
    const q = select({
      low: bitFlag(0),
      high: bitFlag(62),
      set: eq(bitAnd(shiftRight(add(bitFlag(5), bitFlag(40)), 40), 1), 1),
      unset: eq(bitAnd(shiftRight(bitFlag(5), 4), 1), 1),
    });
    // BIGINTs come back as their digits from both engines.
    expect(await run(q)).toEqual([{ low: '1', high: '4611686018427387904', set: true, unset: false }]);
    await expect(engines.duckRows(toSql(select({ x: bitFlag(63) }), duck))).rejects.toThrow();
    await expect(engines.pgRows(toSql(select({ x: bitFlag(63) }), pg))).rejects.toThrow();
  });

  test('epoch microseconds are whole BIGINTs, before 1970 too', async () => {
    const q = select({
      at: epochMicros(cast('2024-03-09 12:00:00.123456+00', 'TIMESTAMPTZ')),
      before: epochMicros(cast('1969-12-31 23:59:59.5+00', 'TIMESTAMPTZ')),
    });
    expect(await run(q)).toEqual([{ at: '1709985600123456', before: '-500000' }]);
  });

  test('regular expressions: partial match, extract of whole match and group, NULL when no match', async () => {
    const t = values([['/p?id=42'], ['/home']], 't', ['url']);
    const q = select(column('url'), {
      m: regexpMatch(column('url'), 'id=\\d'),
      whole: regexpExtract(column('url'), 'id=[0-9]+'),
      id: regexpExtract(column('url'), 'id=([0-9]+)', 1),
    })
      .from(t)
      .orderBy(column('url'));
    expect(await run(q)).toEqual([
      { url: '/home', m: false, whole: null, id: null },
      { url: '/p?id=42', m: true, whole: 'id=42', id: '42' },
    ]);
  });

  test('aggregates: count, count(DISTINCT), FILTER, median as percentile_cont, ordered array_agg and list functions', async () => {
    const q = select({
      rows: count(),
      users: countDistinct(column('user_id')),
      buyers: countDistinct(column('user_id'), { filter: eq(column('event'), 'buy') }),
      median_ms: percentileCont(0.5, cast(column('ms'), 'DOUBLE')),
      order: arrayAgg(column('event'), { orderBy: [column('ts')], filter: eq(column('user_id'), 'u1') }),
      n: listLength(arrayAgg(column('user_id'))),
    }).from('events');
    const sorted = [
      '2024-03-09T12:00:00Z',
      '2024-03-10T04:30:00Z',
      '2024-03-10T07:30:00Z',
      '2024-03-11T03:59:59.999Z',
      '2024-03-11T04:00:00Z',
      '2024-03-17T12:00:00Z',
      '2024-11-03T05:30:00Z',
      '2024-11-03T06:30:00Z',
    ].map(Date.parse);
    expect(await run(q)).toEqual([
      {
        rows: '8',
        users: '3',
        buyers: '3',
        median_ms: (sorted[3]! + sorted[4]!) / 2,
        order: ['signup', 'buy', 'buy'],
        n: '8',
      },
    ]);
    const lists = select({
      has: listContains(listValue('a', 'b'), 'b'),
      hasnt: listContains(listValue(1, 2), 3),
      len: listLength(listValue(1, 2, 3)),
    });
    expect(await run(lists)).toEqual([{ has: true, hasnt: false, len: '3' }]);
  });
});

describe('time', () => {
  test('date_trunc day and week in America/New_York across the DST changes agrees on both engines', async () => {
    const tz = 'America/New_York';
    const q = select(column('ts'), {
      day: dateTrunc('day', column('ts'), { tz }),
      week: dateTrunc('week', column('ts'), { tz }),
      utc_day: dateTrunc('day', column('ts'), { tz: 'UTC' }),
    })
      .from('events')
      .orderBy(column('ts'));
    expect(await run(q)).toEqual([
      {
        ts: '2024-03-09 12:00:00+00',
        day: '2024-03-09 00:00:00',
        week: '2024-03-04 00:00:00',
        utc_day: '2024-03-09 00:00:00',
      },
      {
        ts: '2024-03-10 04:30:00+00',
        day: '2024-03-09 00:00:00',
        week: '2024-03-04 00:00:00',
        utc_day: '2024-03-10 00:00:00',
      },
      {
        ts: '2024-03-10 07:30:00+00',
        day: '2024-03-10 00:00:00',
        week: '2024-03-04 00:00:00',
        utc_day: '2024-03-10 00:00:00',
      },
      {
        ts: '2024-03-11 03:59:59.999+00',
        day: '2024-03-10 00:00:00',
        week: '2024-03-04 00:00:00',
        utc_day: '2024-03-11 00:00:00',
      },
      {
        ts: '2024-03-11 04:00:00+00',
        day: '2024-03-11 00:00:00',
        week: '2024-03-11 00:00:00',
        utc_day: '2024-03-11 00:00:00',
      },
      {
        ts: '2024-03-17 12:00:00+00',
        day: '2024-03-17 00:00:00',
        week: '2024-03-11 00:00:00',
        utc_day: '2024-03-17 00:00:00',
      },
      {
        ts: '2024-11-03 05:30:00+00',
        day: '2024-11-03 00:00:00',
        week: '2024-10-28 00:00:00',
        utc_day: '2024-11-03 00:00:00',
      },
      {
        ts: '2024-11-03 06:30:00+00',
        day: '2024-11-03 00:00:00',
        week: '2024-10-28 00:00:00',
        utc_day: '2024-11-03 00:00:00',
      },
    ]);
  });

  test('epoch seconds, epoch s/ms to timestamp, exact seconds between, interval arithmetic with parameters', async () => {
    const q = select({
      e: epoch(column('ts')),
      from_ms: fromEpoch(column('ms'), 'ms'),
      from_s: fromEpoch(div(column('ms'), 1000)),
      gap: secondsBetween(column('ts'), add(column('ts'), interval(param(1), 'second'))),
      later: add(column('ts'), interval(param(2), 'day')),
      week_ago: sub(column('ts'), interval(1, 'week')),
      naive_as_utc: epoch(assumeUtc(cast('2024-03-10 07:30:00', 'TIMESTAMP'))),
    })
      .from('events')
      .where(eq(column('ms'), Date.parse('2024-03-11T03:59:59.999Z')));
    expect(await run(q, [90.5, 2])).toEqual([
      {
        e: 1710129599.999,
        from_ms: '2024-03-11 03:59:59.999+00',
        from_s: '2024-03-11 03:59:59.999+00',
        gap: 90.5,
        later: '2024-03-13 03:59:59.999+00',
        week_ago: '2024-03-04 03:59:59.999+00',
        naive_as_utc: 1710055800,
      },
    ]);
  });

  test('a series of dates, inclusive of both ends', async () => {
    const q = select(column('day'))
      .from(dateSeries(cast('2024-02-27', 'DATE'), cast('2024-03-02', 'DATE'), { alias: 'd', column: 'day' }))
      .orderBy(column('day'));
    expect((await run(q)).map((r) => r.day)).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-03-02',
    ]);
  });
});

describe('windows', () => {
  test('distinct actors over a 7-day RANGE frame (WAU) and a ROWS frame: native in DuckDB, rewritten for PostgreSQL', async () => {
    const days = values(
      [
        ['2024-01-01', 'a'],
        ['2024-01-01', 'a'],
        ['2024-01-02', 'b'],
        ['2024-01-05', null],
        ['2024-01-08', 'a'],
        ['2024-01-09', 'c'],
        ['2024-01-20', 'c'],
      ],
      'v',
      ['d', 'u'],
    );
    const base = select({ day: cast(column('d'), 'DATE'), u: column('u') }).from(days);
    const q = select(column('day'), column('u'), {
      wau: over(countDistinct(column('u')), {
        orderBy: [column('day')],
        frame: rangeBetween(preceding(interval(6, 'day')), currentRow()),
      }),
      last3: over(countDistinct(column('u')), {
        orderBy: [column('day'), column('u')],
        frame: rowsBetween(preceding(2), currentRow()),
      }),
      rn: over(fn('row_number'), { orderBy: [column('day'), desc(column('u'))] }),
    })
      .from(base.as('b'))
      .orderBy(column('day'), column('u'));
    expect(await run(q)).toEqual([
      { day: '2024-01-01', u: 'a', wau: '1', last3: '1', rn: '1' },
      { day: '2024-01-01', u: 'a', wau: '1', last3: '1', rn: '2' },
      { day: '2024-01-02', u: 'b', wau: '2', last3: '2', rn: '3' },
      { day: '2024-01-05', u: null, wau: '2', last3: '2', rn: '4' },
      { day: '2024-01-08', u: 'a', wau: '2', last3: '2', rn: '5' },
      { day: '2024-01-09', u: 'c', wau: '2', last3: '2', rn: '6' },
      { day: '2024-01-20', u: 'c', wau: '1', last3: '2', rn: '7' },
    ]);
  });
});

describe('queries', () => {
  test('commented CTEs, joins, GROUP BY/HAVING, UNION ALL and NULLS LAST ordering run alike', async () => {
    const first = select(column('user_id'), { first_ts: fn('min', column('ts')) })
      .from('events')
      .groupBy(column('user_id'));
    const q = select(column('user_id', 'f'), { buys: count(column('ts', 'e')) })
      .with(
        cte('firsts', first, "Step 1: each user's first event"),
        cte('extra', withSetOptions(unionAll(select({ user_id: 'u9' }), select({ user_id: null })), {})),
      )
      .from(table('firsts', 'f'))
      .join(table('events', 'e'), {
        type: 'LEFT',
        on: and(eq(column('user_id', 'e'), column('user_id', 'f')), eq(column('event', 'e'), 'buy')),
      })
      .groupBy(column('user_id', 'f'))
      .having(gt(count(column('ts', 'e')), 1))
      .orderBy(desc(column('buys')), column('user_id', 'f'));
    expect(await run(q)).toEqual([
      { user_id: 'u1', buys: '2' },
      { user_id: 'u3', buys: '2' },
    ]);
    const nulls = select(column('x'))
      .from(values([[1], [null], [3]], 'v', ['x']))
      .orderBy(desc(column('x')));
    expect((await run(nulls)).map((r) => r.x)).toEqual([3, 1, null]);
  });
});
