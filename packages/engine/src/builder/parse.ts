import { type BuilderQuery, builderFromTree, compileBuilder } from '@sightline/spec';
import { duckdbDialect } from '@sightline/sql';
import type { Engine } from '../core/index.js';
import type { SavedBuilderQueries } from './saved.js';

/** SQL read back as builder steps: `exact` when the builder writes the very same query, else `reason` says what changed or why it stays SQL. */
export interface ParsedBuilderSql {
  query: BuilderQuery;
  exact: boolean;
  reason?: string;
}

type QueryEngine = Pick<Engine, 'query'>;

async function scalar(engine: QueryEngine, sql: string, param: string): Promise<unknown> {
  const result = await engine.query(sql, { params: [param] });
  return Object.values(result.rows[0] ?? {})[0];
}

async function serialize(engine: QueryEngine, sql: string): Promise<unknown> {
  const tree = await scalar(engine, 'SELECT json_serialize_sql($1::VARCHAR)', sql);
  return typeof tree === 'string' ? JSON.parse(tree) : tree;
}

function withoutLocations(tree: unknown): string {
  return JSON.stringify(tree, (key, value) => (key === 'query_location' ? undefined : value));
}

/**
 * Reads SQL back into builder steps with DuckDB's own parser (`json_serialize_sql`). SQL beyond the builder's
 * grammar becomes a single SQL step (`{kind: 'sql'}` source, no steps) with the reason.
 */
export async function parseBuilderSql(
  engine: QueryEngine,
  sql: string,
  opts: { saved?: SavedBuilderQueries } = {},
): Promise<ParsedBuilderSql> {
  const text = sql.trim().replace(/;+\s*$/u, '');
  const tree = await serialize(engine, text);
  const back = await builderFromTree(tree, {
    sqlText: async (json) => String(await scalar(engine, 'SELECT json_deserialize_sql($1::JSON)', json)),
  });
  if (!back.ok) {
    return {
      query: { version: 1, source: { kind: 'sql', sql: text }, steps: [] },
      exact: false,
      reason: `The builder can't show this SQL as steps because ${back.reason}; it stays one SQL step.`,
    };
  }
  const compiled = compileBuilder(back.value, duckdbDialect(), {
    savedQuery: (id) => opts.saved?.find(id)?.query,
  });
  if (
    compiled.ok &&
    withoutLocations(await serialize(engine, compiled.value.sql)) === withoutLocations(tree)
  ) {
    return { query: back.value, exact: true };
  }
  return {
    query: back.value,
    exact: false,
    reason:
      "The steps compute the same thing, written the builder's way: column names or their order may differ from your SQL.",
  };
}
