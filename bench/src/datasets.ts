import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIGINT, type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { sizeLabel } from './args.js';

/** Bump when the generated data changes, so cached files are rebuilt. */
export const DATA_VERSION = 1;
/** Rows of the users table the join task uses. */
export const USERS_ROWS = 200_000;

// Every value is a hash of the row number, so a file is the same on every machine and every run.
const EVENTS_SQL = `
SELECT i AS event_id,
  CASE WHEN hash(i, 1) % 50 = 0 THEN NULL ELSE 'u_' || lpad(CAST(hash(i, 2) % $users AS VARCHAR), 6, '0') END AS user_id,
  CASE WHEN h < 20 THEN 'signup' WHEN h < 50 THEN 'project_created' WHEN h < 70 THEN 'invite_sent'
       WHEN h < 450 THEN 'page_view' WHEN h < 650 THEN 'report_viewed' WHEN h < 800 THEN 'query_run'
       WHEN h < 880 THEN 'login' WHEN h < 940 THEN 'export_downloaded' WHEN h < 990 THEN 'dashboard_shared'
       ELSE 'checkout_completed' END AS event,
  TIMESTAMP '2026-07-04 00:00:00' + to_seconds(CAST(i * 10368000 // $rows + hash(i, 4) % 60 AS BIGINT)) AS ts,
  (['US', 'GB', 'DE', 'IN', 'FR', 'BR', 'CA', 'JP'])[1 + CAST(hash(i, 5) % 8 AS INTEGER)] AS country,
  (['desktop', 'mobile', 'tablet'])[1 + CAST(hash(i, 6) % 3 AS INTEGER)] AS device,
  CASE WHEN h >= 990 THEN round(CAST(hash(i, 7) % 10000 AS DOUBLE) / 100, 2) END AS revenue_usd
FROM (SELECT range AS i, hash(range, 3) % 1000 AS h FROM range($rows))
ORDER BY i`;

const USERS_SQL = `
SELECT 'u_' || lpad(CAST(i AS VARCHAR), 6, '0') AS user_id,
  TIMESTAMP '2026-03-01 00:00:00' + to_seconds(CAST(hash(i, 11) % 20736000 AS BIGINT)) AS signup_at,
  (['US', 'GB', 'DE', 'IN', 'FR', 'BR', 'CA', 'JP'])[1 + CAST(hash(i, 12) % 8 AS INTEGER)] AS country,
  (['free', 'free', 'free', 'pro', 'team'])[1 + CAST(hash(i, 13) % 5 AS INTEGER)] AS plan,
  (['desktop', 'mobile', 'tablet'])[1 + CAST(hash(i, 14) % 3 AS INTEGER)] AS device,
  (['organic_search', 'paid_search', 'referral', 'social', 'email'])[1 + CAST(hash(i, 15) % 5 AS INTEGER)] AS acquisition_channel
FROM range($rows) r(i)
ORDER BY i`;

/** Writes `rows` generated events to a CSV file (header, comma-separated). */
export async function writeEventsCsv(conn: DuckDBConnection, path: string, rows: number): Promise<void> {
  await copyToCsv(conn, EVENTS_SQL, path, { rows: BigInt(rows), users: BigInt(USERS_ROWS) });
}

/** Writes `rows` generated users to a CSV file. */
export async function writeUsersCsv(conn: DuckDBConnection, path: string, rows: number): Promise<void> {
  await copyToCsv(conn, USERS_SQL, path, { rows: BigInt(rows) });
}

async function copyToCsv(conn: DuckDBConnection, sql: string, path: string, params: Record<string, bigint>) {
  const types = Object.fromEntries(Object.keys(params).map((k) => [k, BIGINT]));
  await conn.run(`COPY (${sql}) TO ${sqlString(path)} (HEADER, DELIMITER ',')`, params, types);
}

/** A SQL string literal (COPY takes its target only as a literal). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The cached input files of one benchmark size. */
export interface Dataset {
  rows: number;
  label: string;
  eventsCsv: string;
  usersCsv: string;
  /** A workspace folder whose database already holds `events` and `users`, for the query tasks. */
  workspaceDir: string;
}

/** Paths of the cached files for a size (they may not exist yet). */
export function datasetPaths(dataDir: string, rows: number): Dataset {
  const label = sizeLabel(rows);
  return {
    rows,
    label,
    eventsCsv: join(dataDir, `events-${label}-v${DATA_VERSION}.csv`),
    usersCsv: join(dataDir, `users-${sizeLabel(USERS_ROWS)}-v${DATA_VERSION}.csv`),
    workspaceDir: join(dataDir, `workspace-${label}-v${DATA_VERSION}`),
  };
}

/** Creates whatever is missing of a dataset (CSV files, then the prepared workspace database) and returns it. */
export async function ensureDataset(
  dataDir: string,
  rows: number,
  log: (message: string) => void,
): Promise<Dataset> {
  mkdirSync(dataDir, { recursive: true });
  const ds = datasetPaths(dataDir, rows);
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    if (!existsSync(ds.usersCsv)) {
      log(`generating ${ds.usersCsv}`);
      await atomically(ds.usersCsv, (tmp) => writeUsersCsv(conn, tmp, USERS_ROWS));
    }
    if (!existsSync(ds.eventsCsv)) {
      log(`generating ${ds.eventsCsv}`);
      await atomically(ds.eventsCsv, (tmp) => writeEventsCsv(conn, tmp, rows));
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  if (!existsSync(ds.workspaceDir)) {
    log(`loading ${ds.label} events into ${ds.workspaceDir}`);
    await atomically(ds.workspaceDir, async (tmp) => {
      mkdirSync(tmp, { recursive: true });
      const db = await DuckDBInstance.create(join(tmp, 'sightline.duckdb'));
      const c = await db.connect();
      await c.run('CREATE TABLE events AS SELECT * FROM read_csv($path)', { path: ds.eventsCsv });
      await c.run('CREATE TABLE users AS SELECT * FROM read_csv($path)', { path: ds.usersCsv });
      await c.run('CHECKPOINT');
      c.closeSync();
      db.closeSync();
    });
  }
  return ds;
}

async function atomically(path: string, make: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${path}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  await make(tmp);
  renameSync(tmp, path);
}
