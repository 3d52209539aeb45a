// Test support: event rows loaded into a real in-memory DuckDB and a real throwaway PostgreSQL, and a funnel
// spec run on both, its rows made JSON-safe the way the engine does before `funnelResultFromRows`.
import { duckdbDialect, postgresDialect, quoteString, toSql } from '@sightline/sql';
import { openTwinEngines } from '@sightline/testkit';
import { splitStatsColumns } from '../metrics/index.js';
import { compileFunnel } from './compile.js';
import type { RefRow } from './reference.js';
import { type FunnelResult, funnelResultFromRows } from './result.js';
import type { FunnelSpec } from './schema.js';

/** Columns of the test event table `ev`. */
export const EV_COLUMNS = { actor: 'actor', event: 'event', time: 'ts' } as const;

/** Both engines with an `ev` table (case_id, actor, event, ts TIMESTAMPTZ, tb, plan). */
export interface FunnelEngines {
  /** Appends rows (time in epoch ms) under a case id. */
  load(caseId: number, rows: RefRow[]): Promise<void>;
  /** Runs the funnel on the rows of one case, on DuckDB and on PostgreSQL. */
  run(caseId: number, spec: FunnelSpec): Promise<{ duck: FunnelResult; pg: FunnelResult }>;
  /** The stats rows of one case on both engines. */
  stats(
    caseId: number,
    spec: FunnelSpec,
  ): Promise<{ duck: Record<string, unknown>; pg: Record<string, unknown> }>;
  close(): Promise<void>;
}

const DDL =
  'CREATE TABLE ev (case_id INTEGER, actor TEXT, event TEXT, ts TIMESTAMPTZ, tb INTEGER, plan TEXT)';

/** Opens both engines (one PostgreSQL cluster per call: call once per test file). */
export async function openFunnelEngines(): Promise<FunnelEngines> {
  const twin = await openTwinEngines();
  const { duck, pg: client } = twin;
  await twin.execBoth(DDL);
  // timeKind `timestamp`: the same instants as naive UTC timestamps (`AT TIME ZONE 'UTC'` in both engines).
  const forCase = (caseId: number, spec: FunnelSpec): FunnelSpec => ({
    ...spec,
    events: {
      ...spec.events,
      source: {
        sql:
          spec.events.timeKind === 'timestamp'
            ? `SELECT case_id, actor, event, ts AT TIME ZONE 'UTC' AS ts, tb, plan FROM ev WHERE case_id = ${caseId}`
            : `SELECT * FROM ev WHERE case_id = ${caseId}`,
      },
    },
  });
  const duckRows = async (sql: string) =>
    (await duck.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  const pgRows = async (sql: string) => (await client.query(sql)).rows as Record<string, unknown>[];
  return {
    async load(caseId, rows) {
      if (rows.length === 0) return;
      const lit = (v: unknown) =>
        v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : quoteString(String(v));
      const values = rows
        .map(
          (r) =>
            `(${caseId}, ${lit(r.actor)}, ${lit(r.event)}, ${r.ts === null ? 'NULL' : `to_timestamp(${Number(r.ts) / 1000})`}, ${lit(r.tb)}, ${lit(r.plan)})`,
        )
        .join(', ');
      await twin.execBoth(`INSERT INTO ev VALUES ${values}`);
    },
    async run(caseId, spec) {
      const s = forCase(caseId, spec);
      const q = compileFunnel(s).result;
      const duckOut = await duckRows(toSql(q, duckdbDialect()));
      const pgOut = await pgRows(toSql(q, postgresDialect()));
      return {
        duck: funnelResultFromRows(jsonSafe(duckOut), s),
        pg: funnelResultFromRows(jsonSafe(pgOut), s),
      };
    },
    async stats(caseId, spec) {
      const compiled = compileFunnel(forCase(caseId, spec));
      const [d] = jsonSafe(await duckRows(toSql(compiled.stats, duckdbDialect())));
      const [p] = jsonSafe(await pgRows(toSql(compiled.stats, postgresDialect())));
      // The result carries the same stats on its rows: the engine reads them from there.
      const fromResult = async (rows: Record<string, unknown>[]) =>
        splitStatsColumns(jsonSafe(rows), compiled.statsInResult).stats;
      const inDuck = await fromResult(await duckRows(toSql(compiled.result, duckdbDialect())));
      const inPg = await fromResult(await pgRows(toSql(compiled.result, postgresDialect())));
      for (const [name, got, want] of [
        ['DuckDB', inDuck, d],
        ['PostgreSQL', inPg, p],
      ] as const) {
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          throw new Error(
            `${name}: stats in the result ${JSON.stringify(got)} differ from the stats query ${JSON.stringify(want)}`,
          );
        }
      }
      if (spec.order === 'ordered') {
        // The fast path counts in its per-actor grouping; the exact path counts the rows read: the same counts.
        const exact = compileFunnel(forCase(caseId, spec), { exactOnly: true }).stats;
        const [e] = jsonSafe(await duckRows(toSql(exact, duckdbDialect())));
        if (JSON.stringify(e) !== JSON.stringify(d)) {
          throw new Error(`stats ${JSON.stringify(d)} differ from the exact path's ${JSON.stringify(e)}`);
        }
      }
      return { duck: d ?? {}, pg: p ?? {} };
    },
    close: twin.close,
  };
}

/** What the engine does before calling funnelResultFromRows: numeric columns become JS numbers. */
function jsonSafe(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        /^(users_|median_|rows_|actors_)/.test(k) && v !== null && v !== undefined ? Number(v) : v,
      ]),
    ),
  );
}
