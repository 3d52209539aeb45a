import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { duckdbTarget, type JsonRow, metricSql } from '@sightline/engine';
import { METRIC_INPUT } from './metrics.js';
import { QUERY_SQL, type WorkerJob } from './tasks.js';

/** A metric target on a bare node-api connection: metricSql reads its hints through it, as Sightline does. */
function nodeApiTarget(conn: DuckDBConnection) {
  return duckdbTarget({
    query: async (sql) => {
      const rows = (await conn.runAndReadAll(sql)).getRowObjectsJson() as JsonRow[];
      return { columns: [], rows, rowCount: rows.length, truncated: false, elapsedMs: 0 };
    },
  });
}

import { type Timing, warmMs } from './timing.js';

/** The users a funnel or retention result counts (entered the funnel, or in a cohort), from its raw rows. */
function usersCounted(rows: Record<string, unknown>[]): number {
  if (rows[0] && 'users_1' in rows[0]) return Number(rows.find((r) => r.is_total)?.users_1 ?? 0);
  return rows.filter((r) => Number(r.k) === 0).reduce((n, r) => n + Number(r.size), 0);
}

/** The floor: the same work as plain SQL through `@duckdb/node-api`, with no Sightline layer. */
export async function runFloor(job: WorkerJob): Promise<Timing> {
  if (job.task === 'import') {
    const instance = await DuckDBInstance.create(join(job.scratchDir, 'floor.duckdb'));
    const conn = await instance.connect();
    const started = performance.now();
    await conn.run('CREATE TABLE events AS SELECT * FROM read_csv($path)', { path: job.eventsCsv });
    const ms = performance.now() - started;
    const count = await conn.runAndReadAll('SELECT count(*) FROM events');
    return { ms, warmMs: null, resultRows: Number(count.getRows()[0]?.[0]) };
  }
  const instance = await DuckDBInstance.create(join(job.workspaceDir, 'sightline.duckdb'), {
    access_mode: 'READ_ONLY',
  });
  const conn = await instance.connect();
  const metric = METRIC_INPUT[job.task];
  if (metric) {
    // The same work as Sightline's metric (reading its hints, its generated result query, and its counts query side
    // by side when the result does not carry the counts) as plain SQL through node-api: what is left is Sightline's
    // own layer.
    const second = await instance.connect();
    const once = async () => {
      const started = performance.now();
      const { sql, statsSql, statsInResult } = await metricSql(nodeApiTarget(conn), metric);
      const [result] = await Promise.all([
        conn.runAndReadAll(sql),
        statsInResult ? null : second.runAndReadAll(statsSql),
      ]);
      const ms = performance.now() - started;
      return { ms, rows: usersCounted(result.getRowObjectsJson()) };
    };
    const cold = await once();
    return { ms: cold.ms, warmMs: await warmMs(once), resultRows: cold.rows };
  }
  const sql = QUERY_SQL[job.task as keyof typeof QUERY_SQL];
  const once = async () => {
    const started = performance.now();
    const rows = (await conn.runAndReadAll(sql)).getRowObjectsJson();
    return { ms: performance.now() - started, rows: rows.length };
  };
  const cold = await once();
  return { ms: cold.ms, warmMs: await warmMs(once), resultRows: cold.rows };
}
