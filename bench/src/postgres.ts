import { liveTarget, metricSql, openConnection, runMetric } from '@sightline/engine';
import { startPostgres } from '@sightline/testkit';
import pg from 'pg';
import { METRIC_INPUT } from './metrics.js';
import { median } from './stats.js';

/** One metric timed on PostgreSQL: Sightline (runMetric, pushed down) beside the same SQL through plain `pg`. */
export interface PostgresFigure {
  task: string;
  rows: number;
  sightlineMs: number;
  floorMs: number;
  runs: number;
}

const EVENTS_DDL = `CREATE TABLE events (event_id bigint, user_id text, event text, ts timestamp, country text,
  device text, revenue_usd double precision)`;

/**
 * Starts a throwaway PostgreSQL, loads the events CSV (server-side COPY), and times the funnel and retention
 * metrics there: the whole computation runs in PostgreSQL. Medians of `runs`.
 */
export async function measurePostgres(
  eventsCsv: string,
  rows: number,
  runs: number,
  log: (m: string) => void,
): Promise<PostgresFigure[]> {
  const cluster = await startPostgres();
  const figures: PostgresFigure[] = [];
  const admin = new pg.Client({ connectionString: cluster.url });
  try {
    await admin.connect();
    await admin.query(EVENTS_DDL);
    const t = performance.now();
    await admin.query(`COPY events FROM '${eventsCsv.replaceAll("'", "''")}' WITH (FORMAT csv, HEADER true)`);
    await admin.query('ANALYZE events');
    log(`postgres: loaded ${rows.toLocaleString('en-US')} events in ${Math.round(performance.now() - t)} ms`);
    const second = new pg.Client({ connectionString: cluster.url });
    await second.connect();
    const conn = await openConnection({ kind: 'postgres', url: cluster.url });
    try {
      for (const task of ['funnel', 'retention'] as const) {
        const base = METRIC_INPUT[task]!;
        const input = {
          ...base,
          events: { ...(base.events as object), source: { schema: 'public', table: 'events' } },
        };
        const { sql, statsSql, statsInResult } = await metricSql(liveTarget(conn), input);
        const floor: number[] = [];
        const sightline: number[] = [];
        for (let run = 0; run < runs; run++) {
          let start = performance.now();
          await Promise.all([admin.query(sql), statsInResult ? null : second.query(statsSql)]);
          floor.push(performance.now() - start);
          start = performance.now();
          await runMetric(liveTarget(conn), input);
          sightline.push(performance.now() - start);
          log(
            `postgres ${task} run ${run + 1}: floor ${Math.round(floor.at(-1)!)} ms, sightline ${Math.round(sightline.at(-1)!)} ms`,
          );
        }
        figures.push({
          task,
          rows,
          floorMs: median(floor) ?? Number.NaN,
          sightlineMs: median(sightline) ?? Number.NaN,
          runs,
        });
      }
    } finally {
      await conn.close();
      await second.end();
    }
  } finally {
    await admin.end().catch(() => {});
    await cluster.stop();
  }
  return figures;
}

/** A small table of the PostgreSQL figures. */
export function postgresTable(figures: readonly PostgresFigure[]): string {
  const lines = [
    'task (PostgreSQL)  size  sightline  floor   ratio',
    '-----------------  ----  ---------  ------  -----',
  ];
  for (const f of figures) {
    const size = `${f.rows / 1_000_000}M`;
    const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
    lines.push(
      `${f.task.padEnd(17)}  ${size.padStart(4)}  ${fmt(f.sightlineMs).padStart(9)}  ${fmt(f.floorMs).padStart(6)}  ${(f.sightlineMs / f.floorMs).toFixed(2)}x`,
    );
  }
  return lines.join('\n');
}
