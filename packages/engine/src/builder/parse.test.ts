import { type BuilderQuery, BuilderQuerySchema, compileBuilder } from '@sightline/spec';
import { duckdbDialect } from '@sightline/sql';
import { tempDir } from '@sightline/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Engine } from '../core/index.js';
import { parseBuilderSql } from './parse.js';
import { SavedBuilderQueries } from './saved.js';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(':memory:');
});
afterAll(async () => {
  await engine?.close();
});

const query: BuilderQuery = BuilderQuerySchema.parse({
  version: 1,
  source: { kind: 'table', name: 'orders' },
  steps: [
    { type: 'filter', conditions: [{ column: 'ts', op: 'last', n: 30, unit: 'day', tz: 'Europe/Paris' }] },
    { type: 'customColumn', name: 'revenue', formula: 'ROUND([price] * [qty], 2)' },
    {
      type: 'summarize',
      groupBy: [{ column: 'ts', bucket: 'week' }],
      aggregates: [{ fn: 'p90', column: 'revenue' }],
    },
    { type: 'sort', by: [{ column: 'ts_week', dir: 'desc' }] },
    { type: 'limit', n: 5 },
  ],
});

describe('parseBuilderSql', () => {
  test("the builder's own SQL reads back exactly", async () => {
    const compiled = compileBuilder(query, duckdbDialect());
    if (!compiled.ok) throw new Error(compiled.error.message);
    expect(await parseBuilderSql(engine, `${compiled.value.sql};\n`)).toEqual({ query, exact: true });
  });

  test('hand-written SQL becomes steps, and says the builder writes it its own way', async () => {
    const r = await parseBuilderSql(
      engine,
      'SELECT plan, count(*) FROM users GROUP BY plan ORDER BY 2 DESC LIMIT 10',
    );
    expect(r.exact).toBe(false);
    expect(r.reason).toBe(
      "The steps compute the same thing, written the builder's way: column names or their order may differ from your SQL.",
    );
    expect(r.query.steps.map((s) => s.type)).toEqual(['summarize', 'sort', 'limit']);
  });

  test('SQL beyond the grammar is one SQL step with the reason', async () => {
    const sql = 'SELECT *, count(*) OVER () AS n FROM users';
    expect(await parseBuilderSql(engine, `${sql};`)).toEqual({
      query: { version: 1, source: { kind: 'sql', sql }, steps: [] },
      exact: false,
      reason:
        "The builder can't show this SQL as steps because it uses a window function in a computed column; it stays one SQL step.",
    });
  });

  test('a saved query source reads back by name, exactly when the saved query is known', async () => {
    const dir = tempDir();
    const saved = new SavedBuilderQueries(dir.path);
    saved.put('weekly', query);
    const top: BuilderQuery = {
      version: 1,
      source: { kind: 'query', id: 'weekly' },
      steps: [{ type: 'limit', n: 1 }],
    };
    const compiled = compileBuilder(top, duckdbDialect(), { savedQuery: (id) => saved.find(id)?.query });
    if (!compiled.ok) throw new Error(compiled.error.message);
    expect(await parseBuilderSql(engine, compiled.value.sql, { saved })).toEqual({ query: top, exact: true });
    dir.cleanup();
  });
});
