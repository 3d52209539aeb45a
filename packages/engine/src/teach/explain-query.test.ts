import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../core/engine.js';
import { explainParsed, explainQuery } from './explain-query.js';
import { parseSql } from './parsed-sql.js';
import { openSampleEngine } from './test-support.js';

let engine: Engine;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ engine, close } = await openSampleEngine());
});
afterAll(() => close());

type Expected = [clause: string, text: string][] | { reason: string };

// The explanation corpus: each query (all but the last two run on the sample data) and its explanation, clause by
// clause. Every entry was read and judged for plain, correct English; change them only with the same care.
const CORPUS: [string, Expected][] = [
  [
    'SELECT * FROM users',
    [
      ['from', 'Reads users.'],
      ['select', 'Returns every column.'],
    ],
  ],
  [
    'FROM events',
    [
      ['from', 'Reads events.'],
      ['select', 'Returns every column.'],
    ],
  ],
  [
    'SELECT user_id, country FROM users LIMIT 5',
    [
      ['from', 'Reads users.'],
      ['select', 'Returns user_id and country.'],
      ['limit', 'Returns only the first 5 rows, in no particular order, since nothing sorts them.'],
    ],
  ],
  [
    "SELECT * FROM users WHERE plan = 'pro' AND signup_at >= '2026-01-01'",
    [
      ['from', 'Reads users.'],
      ['where', "Keeps rows where plan is 'pro' and signup_at is on or after 2026-01-01."],
      ['select', 'Returns every column.'],
    ],
  ],
  [
    "SELECT user_id FROM users WHERE country IN ('US', 'DE') OR plan <> 'free'",
    [
      ['from', 'Reads users.'],
      ['where', "Keeps rows where either country is one of 'US', 'DE' or plan is not 'free'."],
      ['select', 'Returns user_id.'],
    ],
  ],
  [
    "SELECT * FROM events WHERE event LIKE 'page%' AND user_id IS NOT NULL",
    [
      ['from', 'Reads events.'],
      ['where', "Keeps rows where event matches the pattern 'page%' and user_id is not empty."],
      ['select', 'Returns every column.'],
    ],
  ],
  [
    "SELECT * FROM events WHERE ts BETWEEN '2026-08-01' AND '2026-08-31'",
    [
      ['from', 'Reads events.'],
      ['where', 'Keeps rows where ts is from 2026-08-01 to 2026-08-31 (both included).'],
      ['select', 'Returns every column.'],
    ],
  ],
  [
    'SELECT * FROM events WHERE revenue_usd > 10 ORDER BY revenue_usd DESC LIMIT 3',
    [
      ['from', 'Reads events.'],
      ['where', 'Keeps rows where revenue_usd is greater than 10.'],
      ['select', 'Returns every column.'],
      ['order by', 'Sorts by revenue_usd (highest or latest first).'],
      ['limit', 'Returns only the first 3 rows.'],
    ],
  ],
  [
    'SELECT count(*) FROM events',
    [
      ['from', 'Reads events.'],
      ['aggregate', 'Over all those rows, it counts rows.'],
      ['select', 'Returns count(*).'],
    ],
  ],
  [
    'SELECT count(DISTINCT user_id) AS buyers FROM events WHERE revenue_usd > 0',
    [
      ['from', 'Reads events.'],
      ['where', 'Keeps rows where revenue_usd is greater than 0.'],
      ['aggregate', 'Over all those rows, it counts distinct user_id (as buyers).'],
      ['select', 'Returns buyers.'],
    ],
  ],
  [
    'SELECT plan, count(*) AS users FROM users GROUP BY plan ORDER BY users DESC',
    [
      ['from', 'Reads users.'],
      ['group by', 'Groups rows by plan.'],
      ['aggregate', 'For each group, it counts rows (as users).'],
      ['select', 'Returns plan and users.'],
      ['order by', 'Sorts by users (highest or latest first).'],
    ],
  ],
  [
    'SELECT country, avg(revenue_usd) AS avg_revenue, sum(revenue_usd) AS revenue FROM events GROUP BY country',
    [
      ['from', 'Reads events.'],
      ['group by', 'Groups rows by country.'],
      [
        'aggregate',
        'For each group, it averages revenue_usd (as avg_revenue) and adds up revenue_usd (as revenue).',
      ],
      ['select', 'Returns country, avg_revenue and revenue.'],
    ],
  ],
  [
    'SELECT country, plan, count(*) FROM users GROUP BY country, plan HAVING count(*) >= 2',
    [
      ['from', 'Reads users.'],
      ['group by', 'Groups rows by country and plan.'],
      ['aggregate', 'For each group, it counts rows.'],
      ['having', 'Keeps only groups where count(*) is at least 2.'],
      ['select', 'Returns country, plan and count(*).'],
    ],
  ],
  [
    'SELECT event, min(ts) AS first_seen, max(ts) AS last_seen FROM events GROUP BY 1',
    [
      ['from', 'Reads events.'],
      ['group by', 'Groups rows by event.'],
      [
        'aggregate',
        'For each group, it takes the smallest ts (as first_seen) and takes the largest ts (as last_seen).',
      ],
      ['select', 'Returns event, first_seen and last_seen.'],
    ],
  ],
  [
    'SELECT plan, count(*) FROM users GROUP BY ALL',
    [
      ['from', 'Reads users.'],
      ['group by', 'Groups rows by every shown column that is not a total (GROUP BY ALL).'],
      ['aggregate', 'For each group, it counts rows.'],
      ['select', 'Returns plan and count(*).'],
    ],
  ],
  [
    'SELECT DISTINCT country FROM users ORDER BY country',
    [
      ['from', 'Reads users.'],
      ['select', 'Returns country.'],
      ['distinct', 'Removes duplicate rows.'],
      ['order by', 'Sorts by country.'],
    ],
  ],
  [
    'SELECT DISTINCT ON (user_id) user_id, ts, event FROM events ORDER BY user_id, ts',
    [
      ['from', 'Reads events.'],
      ['select', 'Returns user_id, ts and event.'],
      ['distinct', 'Keeps one row for each user_id.'],
      ['order by', 'Sorts by user_id, then by ts.'],
    ],
  ],
  [
    'SELECT u.country, count(*) AS events FROM users u JOIN events e ON u.user_id = e.user_id GROUP BY u.country',
    [
      ['from', 'Reads users (as u).'],
      [
        'join',
        'Joins events (as e), matching rows where u.user_id equals e.user_id, keeping only rows that match on both sides.',
      ],
      ['group by', 'Groups rows by u.country.'],
      ['aggregate', 'For each group, it counts rows (as events).'],
      ['select', 'Returns u.country and events.'],
    ],
  ],
  [
    'SELECT u.user_id, s.plan FROM users u LEFT JOIN subscriptions s ON s.user_id = u.user_id',
    [
      ['from', 'Reads users (as u).'],
      [
        'join',
        'Joins subscriptions (as s), matching rows where s.user_id equals u.user_id, keeping every row of users (as u) even when nothing matches.',
      ],
      ['select', 'Returns u.user_id and s.plan.'],
    ],
  ],
  [
    "SELECT u.user_id FROM users u LEFT JOIN subscriptions s ON s.user_id = u.user_id AND s.status = 'active' WHERE s.user_id IS NULL",
    [
      ['from', 'Reads users (as u).'],
      [
        'join',
        "Joins subscriptions (as s), matching rows where s.user_id equals u.user_id and s.status is 'active', keeping every row of users (as u) even when nothing matches.",
      ],
      ['where', 'Keeps rows where s.user_id is empty (NULL).'],
      ['select', 'Returns u.user_id.'],
    ],
  ],
  [
    'SELECT * FROM users JOIN experiment_assignments USING (user_id)',
    [
      ['from', 'Reads users.'],
      [
        'join',
        'Joins experiment_assignments, matching rows on user_id, keeping only rows that match on both sides.',
      ],
      ['select', 'Returns every column.'],
    ],
  ],
  [
    'SELECT * FROM users u SEMI JOIN subscriptions s ON u.user_id = s.user_id',
    [
      ['from', 'Reads users (as u).'],
      [
        'join',
        'Joins subscriptions (as s), matching rows where u.user_id equals s.user_id, keeping only the rows of users (as u) that have a match, without adding columns.',
      ],
      ['select', 'Returns every column.'],
    ],
  ],
  [
    'SELECT * FROM users u ANTI JOIN events e ON u.user_id = e.user_id',
    [
      ['from', 'Reads users (as u).'],
      [
        'join',
        'Joins events (as e), matching rows where u.user_id equals e.user_id, keeping only the rows of users (as u) that have no match.',
      ],
      ['select', 'Returns every column.'],
    ],
  ],
  [
    'SELECT count(*) FROM users CROSS JOIN experiment_assignments',
    [
      ['from', 'Reads users.'],
      ['join', 'Pairs every row with every row of experiment_assignments (a cross join).'],
      ['aggregate', 'Over all those rows, it counts rows.'],
      ['select', 'Returns count(*).'],
    ],
  ],
  [
    'SELECT a.variant, count(*) FROM experiment_assignments a FULL OUTER JOIN subscriptions s ON a.user_id = s.user_id GROUP BY a.variant',
    [
      ['from', 'Reads experiment_assignments (as a).'],
      [
        'join',
        'Joins subscriptions (as s), matching rows where a.user_id equals s.user_id, keeping the rows without a match from both sides.',
      ],
      ['group by', 'Groups rows by a.variant.'],
      ['aggregate', 'For each group, it counts rows.'],
      ['select', 'Returns a.variant and count(*).'],
    ],
  ],
  [
    "SELECT e.event, a.variant FROM events e JOIN experiment_assignments a ON e.user_id = a.user_id AND e.ts >= a.assigned_at WHERE e.event = 'purchase'",
    [
      ['from', 'Reads events (as e).'],
      [
        'join',
        'Joins experiment_assignments (as a), matching rows where e.user_id equals a.user_id and e.ts is at least a.assigned_at, keeping only rows that match on both sides.',
      ],
      ['where', "Keeps rows where e.event is 'purchase'."],
      ['select', 'Returns e.event and a.variant.'],
    ],
  ],
  [
    "WITH pro AS (SELECT user_id FROM users WHERE plan = 'pro') SELECT count(*) FROM events WHERE user_id IN (SELECT user_id FROM pro)",
    [
      ['with', 'First builds "pro": Reads users. Keeps rows where plan is \'pro\'. Returns user_id.'],
      ['from', 'Reads events.'],
      ['where', 'Keeps rows where user_id is among the user_id values of pro.'],
      ['aggregate', 'Over all those rows, it counts rows.'],
      ['select', 'Returns count(*).'],
    ],
  ],
  [
    "WITH daily AS (SELECT date_trunc('day', ts) AS day, count(*) AS n FROM events GROUP BY 1), peak AS (SELECT max(n) AS top FROM daily) SELECT day, n FROM daily, peak WHERE n = top",
    [
      [
        'with',
        'First builds "daily": Reads events. Groups rows by day. For each group, it counts rows (as n). Returns day and n.',
      ],
      [
        'with',
        'First builds "peak": Reads daily. Over all those rows, it takes the largest n (as top). Returns top.',
      ],
      ['from', 'Reads daily.'],
      ['join', 'Pairs every row with every row of peak (a cross join).'],
      ['where', 'Keeps rows where n equals top.'],
      ['select', 'Returns day and n.'],
    ],
  ],
  [
    'SELECT user_id, ts, row_number() OVER (PARTITION BY user_id ORDER BY ts) AS nth FROM events',
    [
      ['from', 'Reads events.'],
      ['window', 'For each user_id, ordered by ts, numbers the rows 1, 2, 3 and so on (as nth).'],
      ['select', 'Returns user_id, ts and nth.'],
    ],
  ],
  [
    'SELECT user_id, ts, lag(ts) OVER (PARTITION BY user_id ORDER BY ts) AS previous_ts FROM events',
    [
      ['from', 'Reads events.'],
      ['window', 'For each user_id, ordered by ts, takes ts from 1 row before (as previous_ts).'],
      ['select', 'Returns user_id, ts and previous_ts.'],
    ],
  ],
  [
    'SELECT day, sum(n) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS weekly FROM (SELECT ts::DATE AS day, count(*) AS n FROM events GROUP BY 1)',
    [
      [
        'from',
        'Reads the result of a subquery, which reads events. Groups rows by day. For each group, it counts rows (as n). Returns day and n.',
      ],
      ['window', 'Ordered by day, adds up n over this row and the 6 before it (as weekly).'],
      ['select', 'Returns day and weekly.'],
    ],
  ],
  [
    'SELECT user_id, revenue_usd, sum(revenue_usd) OVER (PARTITION BY user_id ORDER BY ts) AS running FROM events',
    [
      ['from', 'Reads events.'],
      [
        'window',
        'For each user_id, ordered by ts, adds up revenue_usd as a running total up to each row (as running).',
      ],
      ['select', 'Returns user_id, revenue_usd and running.'],
    ],
  ],
  [
    'SELECT country, count(*) AS n, rank() OVER (ORDER BY count(*) DESC) AS place FROM users GROUP BY country',
    [
      ['from', 'Reads users.'],
      ['group by', 'Groups rows by country.'],
      ['aggregate', 'For each group, it counts rows (as n).'],
      [
        'window',
        'Ordered by count(*) (highest or latest first), ranks the rows 1, 2, 3, with ties sharing a rank and leaving a gap after (as place).',
      ],
      ['select', 'Returns country, n and place.'],
    ],
  ],
  [
    'SELECT user_id, event FROM events QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY ts DESC) = 1',
    [
      ['from', 'Reads events.'],
      ['qualify', 'Then keeps only rows where row_number() OVER (...) is 1.'],
      ['select', 'Returns user_id and event.'],
    ],
  ],
  [
    'SELECT * FROM (SELECT user_id, count(*) AS n FROM events GROUP BY user_id) t WHERE n > 50',
    [
      [
        'from',
        'Reads the result of a subquery (as t), which reads events. Groups rows by user_id. For each group, it counts rows (as n). Returns user_id and n.',
      ],
      ['where', 'Keeps rows where n is greater than 50.'],
      ['select', 'Returns every column.'],
    ],
  ],
  [
    'SELECT user_id FROM users WHERE EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = users.user_id)',
    [
      ['from', 'Reads users.'],
      ['where', 'Keeps rows where a matching row exists in the subquery.'],
      ['select', 'Returns user_id.'],
    ],
  ],
  [
    "SELECT 'free' AS plan UNION ALL SELECT 'pro'",
    [
      ['select', 'Part 1: Returns plan.'],
      ['select', "Part 2: Returns 'pro'."],
      ['union', 'Combines the two parts: stacks their rows, keeping duplicates (UNION ALL).'],
    ],
  ],
  [
    "SELECT 'US' AS country UNION ALL SELECT 'DE' UNION ALL SELECT country FROM users WHERE plan = 'team'",
    [
      ['select', 'Part 1: Returns country.'],
      ['select', "Part 2: Returns 'DE'."],
      ['from', 'Part 3: Reads users.'],
      ['where', "Part 3: Keeps rows where plan is 'team'."],
      ['select', 'Part 3: Returns country.'],
      ['union', 'Combines the 3 parts: stacks their rows, keeping duplicates (UNION ALL).'],
    ],
  ],
  [
    'SELECT user_id FROM users EXCEPT SELECT user_id FROM subscriptions',
    [
      ['from', 'Part 1: Reads users.'],
      ['select', 'Part 1: Returns user_id.'],
      ['from', 'Part 2: Reads subscriptions.'],
      ['select', 'Part 2: Returns user_id.'],
      ['except', 'Combines the two parts: keeps the rows of the first that are not in the second (EXCEPT).'],
    ],
  ],
  [
    'SELECT user_id FROM events INTERSECT SELECT user_id FROM experiment_assignments',
    [
      ['from', 'Part 1: Reads events.'],
      ['select', 'Part 1: Returns user_id.'],
      ['from', 'Part 2: Reads experiment_assignments.'],
      ['select', 'Part 2: Returns user_id.'],
      ['intersect', 'Combines the two parts: keeps only the rows found in both (INTERSECT).'],
    ],
  ],
  [
    'SELECT * EXCLUDE (anonymous_id, session_id) FROM events LIMIT 10 OFFSET 20',
    [
      ['from', 'Reads events.'],
      ['select', 'Returns every column except anonymous_id and session_id.'],
      [
        'limit',
        'Returns only the first 10 rows, after skipping 20, in no particular order, since nothing sorts them.',
      ],
    ],
  ],
  [
    "SELECT count(*) FILTER (WHERE plan = 'pro') AS pro, count(*) AS all_users FROM users",
    [
      ['from', 'Reads users.'],
      [
        'aggregate',
        "Over all those rows, it counts rows where plan is 'pro' (as pro) and counts rows (as all_users).",
      ],
      ['select', 'Returns pro and all_users.'],
    ],
  ],
  [
    "SELECT CASE WHEN revenue_usd >= 100 THEN 'big' ELSE 'small' END AS size, count(*) FROM events WHERE revenue_usd IS NOT NULL GROUP BY 1",
    [
      ['from', 'Reads events.'],
      ['where', 'Keeps rows where revenue_usd is not empty.'],
      ['group by', 'Groups rows by size.'],
      ['aggregate', 'For each group, it counts rows.'],
      ['select', 'Returns size and count(*).'],
    ],
  ],
  [
    'SELECT user_id, signup_at FROM users WHERE signup_at >= now() - INTERVAL 30 DAY',
    [
      ['from', 'Reads users.'],
      ['where', 'Keeps rows where signup_at is on or after 30 days before now.'],
      ['select', 'Returns user_id and signup_at.'],
    ],
  ],
  [
    "SELECT median(revenue_usd), quantile_cont(revenue_usd, 0.9) FROM events WHERE event = 'purchase'",
    [
      ['from', 'Reads events.'],
      ['where', "Keeps rows where event is 'purchase'."],
      [
        'aggregate',
        'Over all those rows, it takes the median of revenue_usd and takes the 90th percentile of revenue_usd.',
      ],
      ['select', 'Returns median(revenue_usd) and quantile_cont(revenue_usd, 0.9).'],
    ],
  ],
  [
    "SELECT * FROM users WHERE NOT (plan = 'free')",
    [
      ['from', 'Reads users.'],
      ['where', "Keeps rows where plan is not 'free'."],
      ['select', 'Returns every column.'],
    ],
  ],
  [
    'SELECT variant, count(DISTINCT user_id) FROM experiment_assignments GROUP BY variant ORDER BY variant',
    [
      ['from', 'Reads experiment_assignments.'],
      ['group by', 'Groups rows by variant.'],
      ['aggregate', 'For each group, it counts distinct user_id.'],
      ['select', 'Returns variant and count(DISTINCT user_id).'],
      ['order by', 'Sorts by variant.'],
    ],
  ],
  ['SELECT 1 + 1 AS two', [['select', 'Returns two.']]],
  [
    'SELECT * FROM users; SELECT count(*) FROM events',
    [
      ['from', 'Reads users.'],
      ['select', 'Returns every column.'],
      ['statement', 'Then runs query 2:'],
      ['from', 'Reads events.'],
      ['aggregate', 'Over all those rows, it counts rows.'],
      ['select', 'Returns count(*).'],
    ],
  ],
  ['INSERT INTO users VALUES (1)', { reason: 'Only SELECT queries can be explained.' }],
  [
    'SELECT FROM WHERE',
    { reason: 'The SQL can\'t be read (at or near "WHERE"), so it can\'t be explained yet.' },
  ],
];

describe('explainQuery over a corpus of real queries', () => {
  it('has at least 40 queries', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CORPUS)('%s', async (sql, expected) => {
    const explanation = await explainQuery(engine, sql);
    if (Array.isArray(expected)) {
      expect(explanation).toEqual({ ok: true, steps: expected.map(([clause, text]) => ({ clause, text })) });
      // The corpus is real: every explained query runs on the sample data.
      await expect(engine.query(sql, { maxRows: 1 })).resolves.toBeDefined();
    } else {
      expect(explanation).toEqual({ ok: false, reason: expected.reason });
    }
  });
});

describe('explainParsed degrades gracefully', () => {
  it('describes an unknown query node with a generic sentence instead of throwing', () => {
    const explanation = explainParsed({ ok: true, sql: 'x', statements: [{ type: 'PIVOT_NODE' }] });
    expect(explanation).toEqual({
      ok: true,
      steps: [
        { clause: 'query', text: "Runs a kind of query this explainer doesn't describe yet (PIVOT_NODE)." },
      ],
    });
  });

  it('keeps going past expression kinds it does not know', () => {
    const explanation = explainParsed({
      ok: true,
      sql: 'x',
      statements: [
        {
          type: 'SELECT_NODE',
          select_list: [{ class: 'LAMBDA', type: 'LAMBDA', alias: 'f' }],
          from_table: { type: 'BASE_TABLE', table_name: 'users', alias: '' },
          where_clause: { class: 'LAMBDA', type: 'LAMBDA' },
          group_expressions: [],
          modifiers: [],
          cte_map: { map: [] },
        },
      ],
    });
    expect(explanation).toEqual({
      ok: true,
      steps: [
        { clause: 'from', text: 'Reads users.' },
        { clause: 'where', text: 'Keeps rows where a condition this explainer cannot put in words holds.' },
        { clause: 'select', text: 'Returns f.' },
      ],
    });
  });

  it('works on a raw DuckDB connection too, and is deterministic', async () => {
    const conn = await engine.connect();
    try {
      const sql = "SELECT plan, count(*) FROM users WHERE country = 'US' GROUP BY plan";
      const first = await explainQuery(conn, sql);
      expect(await explainQuery(conn, sql)).toEqual(first);
      expect(first).toEqual(await explainQuery(engine, sql));
      expect((await parseSql(conn, sql)).ok).toBe(true);
    } finally {
      conn.closeSync();
    }
  });
});
