// Test support for metric SQL: the same statements on a real in-memory DuckDB and a real throwaway PostgreSQL,
// with rows read back as the plain JS values the engine hands to the *ResultFromRows functions.
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdbDialect, postgresDialect, type QueryNode, toSql } from '@sightline/sql';
import { openTwinEngines } from '@sightline/testkit';

/** A plain cell: numbers, strings (dates `YYYY-MM-DD`, timestamps ISO 8601 UTC), booleans, null. */
export type Plain = null | boolean | number | string;
/** A row of plain cells. */
export type PlainRow = Record<string, Plain>;

/** Both engines, open, session time zone UTC. */
export interface MetricEngines {
  /** Runs statements on both engines (DDL, inserts). */
  execBoth(sql: string): Promise<void>;
  /** Runs a query node on DuckDB. */
  duck(query: QueryNode, textColumns?: string[]): Promise<PlainRow[]>;
  /** Runs a query node on PostgreSQL. */
  pg(query: QueryNode, textColumns?: string[]): Promise<PlainRow[]>;
  /** The raw DuckDB connection (for benchmarks and bulk loads). */
  duckConnection: DuckDBConnection;
  close(): Promise<void>;
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+\.\d+(e[+-]?\d+)?$/i;
const TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:?\d{2})?|Z)$/;

function plain(value: unknown, keepText: boolean): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const text = String(value);
  if (keepText) return text;
  if (INTEGER.test(text) || DECIMAL.test(text)) return Number(text);
  if (TIMESTAMPTZ.test(text)) {
    const iso = text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
    return new Date(iso).toISOString();
  }
  return text;
}

function toPlainRows(rows: Record<string, unknown>[], textColumns: string[]): PlainRow[] {
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v, textColumns.includes(k))])),
  );
}

/** Opens an in-memory DuckDB and a fresh PostgreSQL 15 cluster. */
export async function openMetricEngines(): Promise<MetricEngines> {
  const twin = await openTwinEngines({ comparableText: true });
  const { duck, pg: client } = twin;
  return {
    duckConnection: duck,
    execBoth: twin.execBoth,
    close: twin.close,
    async duck(query, textColumns = []) {
      const reader = await duck.runAndReadAll(toSql(query, duckdbDialect()));
      return toPlainRows(reader.getRowObjectsJson() as Record<string, unknown>[], textColumns);
    },
    async pg(query, textColumns = []) {
      const res = await client.query(toSql(query, postgresDialect()));
      return toPlainRows(res.rows as Record<string, unknown>[], textColumns);
    },
  };
}

/** A SQL string literal (test data only). */
export function sqlText(value: string | null): string {
  return value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
}

/** Replaces table `ev (user_id TEXT, event TEXT, ts TIMESTAMPTZ, plan TEXT)` on both engines with `rows`. */
export async function loadEvents(
  engines: MetricEngines,
  rows: { actor: string | null; event: string; ts: number; props?: Record<string, unknown> }[],
): Promise<void> {
  const body = rows
    .map(
      (r) =>
        `(${sqlText(r.actor)}, ${sqlText(r.event)}, ${sqlText(new Date(r.ts).toISOString())}, ${sqlText((r.props?.plan as string | null | undefined) ?? null)})`,
    )
    .join(', ');
  await engines.execBoth(
    'DROP TABLE IF EXISTS ev; CREATE TABLE ev (user_id TEXT, event TEXT, ts TIMESTAMPTZ, plan TEXT);' +
      (rows.length ? ` INSERT INTO ev VALUES ${body};` : ''),
  );
}
