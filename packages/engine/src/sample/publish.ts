import { type DuckDBConnection, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import { quoteIdent, quoteString } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import type { StagedSampleLog } from './logs.js';
import { SAMPLE_COMMENT_PREFIX, SAMPLE_TABLES, type TableBuild } from './sample-tables.js';

/** A table or view whose name a sample table would take. */
export interface Existing {
  name: string;
  kind: 'table' | 'view';
  sample: boolean;
}

async function existingObjects(conn: DuckDBConnection): Promise<Existing[]> {
  const reader = await conn.runAndReadAll(
    `SELECT table_name AS name, 'table' AS kind, coalesce(starts_with(comment, $prefix), false) AS sample
       FROM duckdb_tables()
      WHERE database_name = current_database() AND schema_name = current_schema()
        AND list_contains($names, lower(table_name))
     UNION ALL
     SELECT view_name, 'view', false
       FROM duckdb_views()
      WHERE database_name = current_database() AND schema_name = current_schema() AND NOT internal
        AND list_contains($names, lower(view_name))`,
    { prefix: SAMPLE_COMMENT_PREFIX, names: listValue([...SAMPLE_TABLES]) },
    { prefix: VARCHAR, names: LIST(VARCHAR) },
  );
  return reader.getRowObjectsJS() as unknown as Existing[];
}

/**
 * Fails with a SightlineError when a table or view with a sample table's name exists and is not sample data
 * (unless `replace`); returns the objects a publish will drop.
 */
export async function assertSampleNamesFree(conn: DuckDBConnection, replace: boolean): Promise<Existing[]> {
  const existing = await existingObjects(conn);
  const foreign = existing.find((e) => !e.sample);
  if (foreign && !replace) {
    throw new SightlineError(
      `The workspace already has a ${foreign.kind} named "${foreign.name}" that is not sample data, so the sample was not created.`,
      {
        kind: 'user',
        hints: [
          `Rename or drop "${foreign.name}" first, or create the sample in another workspace (--workspace DIR).`,
        ],
      },
    );
  }
  return existing;
}

/**
 * Makes the sample tables visible in one transaction: either all of them appear (replacing an earlier sample)
 * or none does. A table or view of the same name that is not sample data is left alone and reported, unless
 * `replace` is set. `logs` are staged log tables, renamed to their sample names in the same transaction.
 */
export async function publishSampleTables(
  conn: DuckDBConnection,
  builds: readonly TableBuild[],
  replace: boolean,
  logs: readonly StagedSampleLog[] = [],
): Promise<{ table: string; rows: number }[]> {
  const existing = await assertSampleNamesFree(conn, replace);
  await conn.run('BEGIN TRANSACTION');
  try {
    for (const e of existing)
      await conn.run(`DROP ${e.kind === 'view' ? 'VIEW' : 'TABLE'} ${quoteIdent(e.name)}`);
    const counts: { table: string; rows: number }[] = [];
    for (const build of builds) {
      const name = quoteIdent(build.table);
      await conn.run(`CREATE TABLE ${name} AS ${build.select}`, build.params, build.types);
      const count = await conn.runAndReadAll(`SELECT count(*) FROM ${name}`);
      counts.push({ table: build.table, rows: Number(count.getRows()[0]?.[0] ?? 0) });
      await conn.run(`COMMENT ON TABLE ${name} IS ${quoteString(build.comment)}`);
    }
    for (const log of logs) {
      const name = quoteIdent(log.table);
      await conn.run(`ALTER TABLE ${quoteIdent(log.staging)} RENAME TO ${name}`);
      const count = await conn.runAndReadAll(`SELECT count(*) FROM ${name}`);
      counts.push({ table: log.table, rows: Number(count.getRows()[0]?.[0] ?? 0) });
      await conn.run(`COMMENT ON TABLE ${name} IS ${quoteString(log.comment)}`);
    }
    await conn.run('COMMIT');
    return counts;
  } catch (err) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
