import { rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { SightlineError } from '../errors.js';
import { accessLogLines } from './access-log.js';
import { appLogLines } from './app-log.js';
import { dropSampleLogs, type StagedSampleLog, stageSampleLogs } from './logs.js';
import { assertSampleNamesFree, publishSampleTables } from './publish.js';
import { SAMPLE_COMMENT_PREFIX, tableBuilds } from './sample-tables.js';
import { simulateSample, streamFor } from './simulate.js';
import { dropStaging, stageSimulation } from './staging.js';

/** Options of `createSampleData`. */
export interface SampleOptions {
  /** Seed of the generator; the same seed, scale and `now` always give the same data. */
  seed?: number;
  /** 1 = full size (about 20k users, 1M events, 50k access log lines); tests use 0.02. */
  scale?: number;
  /** End of the 120-day window (exclusive). */
  now?: Date;
  /** Replace tables or views with the sample's names even when they are not an earlier sample. */
  replace?: boolean;
}

/** What `createSampleData` made. */
export interface SampleResult {
  tables: { table: string; rows: number }[];
  /** The log files imported as tables: `access_log` and `app_log`. */
  logTables: { table: string; rows: number }[];
  /** Absolute paths of the log files. */
  files: string[];
}

/** Defaults of `createSampleData`. */
export const SAMPLE_DEFAULTS = { seed: 20_261_101, scale: 1, now: '2026-11-01T00:00:00Z' } as const;

/** File names of the sample logs in `filesDir`. */
export const SAMPLE_FILES = { accessLog: 'access.log', appLog: 'app.log.jsonl' } as const;

function checkOptions(opts: SampleOptions): { seed: number; scale: number; now: Date } {
  const seed = opts.seed ?? SAMPLE_DEFAULTS.seed;
  const scale = opts.scale ?? SAMPLE_DEFAULTS.scale;
  const now = opts.now ?? new Date(SAMPLE_DEFAULTS.now);
  if (!Number.isSafeInteger(seed)) {
    throw new SightlineError(`The sample seed must be a whole number, not ${seed}.`, { kind: 'usage' });
  }
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) {
    throw new SightlineError(`The sample scale must be a number above 0 and at most 10, not ${scale}.`, {
      kind: 'usage',
      hints: ['Use 1 for the full sample (about 1M events) or a fraction such as 0.1 for a smaller one.'],
    });
  }
  if (Number.isNaN(now.getTime())) {
    throw new SightlineError('The end date of the sample is not a valid date.', { kind: 'usage' });
  }
  return { seed, scale, now };
}

async function writeAtomically(path: string, lines: readonly string[]): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, lines.length === 0 ? '' : `${lines.join('\n')}\n`, 'utf8');
  await rename(temporary, path);
}

/**
 * Creates the sample workspace dataset: tables `users`, `events`, `subscriptions` and `experiment_assignments`, the
 * files `access.log` and `app.log.jsonl` in `filesDir`, and those logs imported as tables `access_log` and `app_log`
 * (all tables appear at once, in one transaction).
 */
export async function createSampleData(
  conn: DuckDBConnection,
  filesDir: string,
  opts: SampleOptions = {},
): Promise<SampleResult> {
  const { seed, scale, now } = checkOptions(opts);
  const replace = opts.replace ?? false;
  await assertSampleNamesFree(conn, replace);
  const data = simulateSample(seed, scale, now);
  const accessLog = resolve(join(filesDir, SAMPLE_FILES.accessLog));
  const appLog = resolve(join(filesDir, SAMPLE_FILES.appLog));
  try {
    await writeAtomically(accessLog, accessLogLines(streamFor(seed, 'accessLog'), data.clock, scale));
    await writeAtomically(appLog, appLogLines(streamFor(seed, 'appLog'), data.clock, data.users, scale));
  } catch (cause) {
    throw new SightlineError(`Could not write the sample log files in ${filesDir}.`, {
      kind: 'user',
      hints: ['Check that the folder exists and that you may write to it.'],
      cause,
    });
  }
  let logs: StagedSampleLog[] = [];
  try {
    await stageSimulation(conn, data);
    logs = await stageSampleLogs(conn, accessLog, appLog, SAMPLE_COMMENT_PREFIX);
    const builds = tableBuilds(data.clock.startEpoch);
    const all = await publishSampleTables(conn, builds, replace, logs);
    logs = [];
    return {
      tables: all.slice(0, builds.length),
      logTables: all.slice(builds.length),
      files: [accessLog, appLog],
    };
  } finally {
    await dropSampleLogs(conn, logs);
    await dropStaging(conn);
  }
}
