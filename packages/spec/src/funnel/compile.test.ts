// The generated SQL is meant to be read: one commented CTE per logical step, and the path chosen at compile time.
import { duckdbDialect, postgresDialect, toSql } from '@sightline/sql';
import { describe, expect, test } from 'vitest';
import { compileFunnel } from './compile.js';
import { type FunnelSpecInput, FunnelSpecSchema } from './schema.js';

const spec = (extra: Partial<FunnelSpecInput> = {}) =>
  FunnelSpecSchema.parse({
    version: 1,
    metric: 'funnel',
    events: { source: { table: 'events' }, actor: 'user id', event: 'event', time: 'ts' },
    steps: [{ event: 'view' }, { event: 'click' }, { event: 'purchase' }],
    ...extra,
  });
const cteNames = (sql: string) => [...sql.matchAll(/^(?:WITH )?"([a-z_0-9]+)" AS \(/gm)].map((m) => m[1]);

describe('readable SQL', () => {
  test('distinct step events: only the fast path, every CTE commented', () => {
    const sql = toSql(compileFunnel(spec()).result, duckdbDialect(), { pretty: true });
    expect(cteNames(sql)).toEqual([
      'read_rows',
      'fast_lists',
      'fast_step_1',
      'fast_step_2',
      'fast_step_3',
      'fast_chains',
      'fast_deepest',
      'best_fast',
      'best',
      'funnel_actors',
      'run_stats',
      'funnel_rows',
    ]);
    const lines = sql.split('\n');
    for (const [i, line] of lines.entries()) {
      if (/^(?:WITH )?"[a-z_0-9]+" AS \(/.test(line)) expect(lines[i - 1]).toMatch(/^-- /);
    }
    expect(sql).toContain('-- Fast path, step 2: the first step-2 time at or after step 1');
    expect(sql).toContain(
      `CAST("event" AS VARCHAR) IN (SELECT "value" FROM (VALUES ('view'), ('click'), ('purchase')) AS "wanted"("value"))`,
    );
    expect(sql).toContain(`"user id" IS NOT NULL`);
  });
  test('a repeated step event adds the exact path for the actors that need it', () => {
    const s = spec({ steps: [{ event: 'view' }, { event: 'click' }, { event: 'view' }] });
    const names = cteNames(toSql(compileFunnel(s).result, postgresDialect(), { pretty: true }));
    expect(names).toEqual([
      'read_rows',
      'events',
      'fast_lists',
      'fast_step_1',
      'fast_step_2',
      'fast_step_3',
      'fast_chains',
      'fast_deepest',
      'best_fast',
      'exact_events',
      'step_rows',
      'entries',
      'chain_1',
      'cand_2',
      'chain_2',
      'cand_3',
      'chain_3',
      'best_exact',
      'best',
      'funnel_actors',
      'run_stats',
      'funnel_rows',
    ]);
  });
  test('user SQL enters only as the source CTE; exclusions add their CTEs', () => {
    const s = spec({
      events: { source: { sql: 'SELECT * FROM raw_events;' }, actor: 'u', event: 'e', time: 't' },
      exclusions: [{ event: 'logout', from: 1, to: 2 }],
    });
    const sql = toSql(compileFunnel(s).result, duckdbDialect(), { pretty: true });
    expect(
      sql.startsWith(
        '-- The event rows, from the query given as the source\nWITH "source" AS (\nSELECT * FROM raw_events\n)',
      ),
    ).toBe(true);
    expect(cteNames(sql)).toContain('excluded');
    expect(sql).toContain('-- Exclusions (logout:1:2): actors with such a row, not in their best chain');
  });
});
