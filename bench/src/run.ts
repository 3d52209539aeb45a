import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPgBin } from '@sightline/testkit';
import type { MetricAnswer } from './answers.js';
import { type BenchArgs, parseArgs } from './args.js';
import { runJsonChild } from './child.js';
import { DATA_VERSION, type Dataset, ensureDataset } from './datasets.js';
import { measurePostgres, type PostgresFigure, postgresTable } from './postgres.js';
import { resultsTable, sideNotes, targetLines } from './print.js';
import {
  checkTargets,
  type Run,
  type SideResult,
  summarise,
  type TaskResult,
  taskResult,
} from './results.js';
import { type Side, TASKS, type TaskName, type WorkerJob } from './tasks.js';
import { measureUi, type UiFigures, uiReport } from './ui.js';

const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = join(BENCH_DIR, 'data');
const PYTHON = '/usr/bin/python3';
const PANDAS_WORKER = join(BENCH_DIR, 'python', 'pandas_worker.py');
const CHILD_TIMEOUT_MS = 20 * 60_000;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

type Problem = { status: SideResult['status']; note: string } | undefined;

function asRun(report: Record<string, unknown>): Run {
  return {
    ms: Number(report.ms),
    warmMs: typeof report.warmMs === 'number' ? report.warmMs : null,
    copyBuildMs: typeof report.copyBuildMs === 'number' ? report.copyBuildMs : null,
    copyWarmMs: typeof report.copyWarmMs === 'number' ? report.copyWarmMs : null,
    maxRssMb: Number(report.maxRssMb),
    resultRows: Number(report.resultRows),
    ...(report.answer !== undefined && { answer: report.answer as MetricAnswer }),
  };
}

function problemOf(report: Record<string, unknown>): Problem {
  if (report.status === 'ok') return undefined;
  return { status: report.status as SideResult['status'], note: String(report.note ?? 'no details') };
}

async function measureNode(job: Omit<WorkerJob, 'scratchDir'>): Promise<Record<string, unknown>> {
  const scratchRoot = join(DATA_DIR, 'scratch');
  mkdirSync(scratchRoot, { recursive: true });
  const scratchDir = mkdtempSync(join(scratchRoot, `${job.side}-`));
  try {
    const worker = join(BENCH_DIR, 'dist', 'worker.js');
    return await runJsonChild(
      process.execPath,
      [worker, JSON.stringify({ ...job, scratchDir })],
      CHILD_TIMEOUT_MS,
    );
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
}

/** What the runs of one side of one task gathered so far, and the first problem that stopped it. */
interface Collected {
  runs: Run[];
  problem: Problem;
}

const collectedFor = (map: Map<string, Collected>, key: string): Collected => {
  let entry = map.get(key);
  if (!entry) {
    entry = { runs: [], problem: undefined };
    map.set(key, entry);
  }
  return entry;
};

/** One run of the floor and of Sightline on `task` (each a fresh child process). */
async function measureEnginesOnce(ds: Dataset, task: TaskName, run: number, into: Map<string, Collected>) {
  for (const side of ['floor', 'sightline'] as const) {
    const entry = collectedFor(into, `${task}/${side}`);
    if (entry.problem) continue;
    const report = await measureNode({ side, task, ...ds });
    entry.problem = problemOf(report);
    if (!entry.problem) entry.runs.push(asRun(report));
    log(
      `${task} ${ds.label} ${side} run ${run + 1}: ${entry.problem?.note ?? `${Math.round(Number(report.ms))} ms`}`,
    );
  }
}

/** One run of pandas on `tasks`: the import on its own, the query tasks in one child that loads the data once. */
async function measurePandasOnce(ds: Dataset, tasks: TaskName[], run: number, into: Map<string, Collected>) {
  const queries = tasks.filter((t) => t !== 'import');
  if (tasks.includes('import')) {
    const report = await runJsonChild(
      PYTHON,
      [PANDAS_WORKER, JSON.stringify({ task: 'import', ...ds })],
      CHILD_TIMEOUT_MS,
    );
    const entry = collectedFor(into, 'import/pandas');
    entry.problem ??= problemOf(report);
    if (!problemOf(report)) entry.runs.push(asRun(report));
    log(
      `import ${ds.label} pandas run ${run + 1}: ${entry.problem?.note ?? `${Math.round(Number(report.ms))} ms`}`,
    );
  }
  if (queries.length === 0) return;
  const job = { task: 'queries', only: queries, ...ds };
  const report = await runJsonChild(PYTHON, [PANDAS_WORKER, JSON.stringify(job)], CHILD_TIMEOUT_MS);
  const results = (report.results ?? {}) as Record<string, Record<string, unknown>>;
  for (const task of queries) {
    const entry = collectedFor(into, `${task}/pandas`);
    const one = results[task];
    entry.problem ??= problemOf(report);
    if (!problemOf(report) && one)
      entry.runs.push(asRun({ ...one, maxRssMb: report.maxRssMb, warmMs: null }));
  }
  log(`queries ${ds.label} pandas run ${run + 1}: ${problemOf(report)?.note ?? 'done'}`);
}

/**
 * Every side of every task at one size, `runs` times. The sides are interleaved run by run (pandas, then each
 * task's floor and Sightline), so a slow spell of the machine touches every side alike and the ratios stay fair.
 */
async function measureSize(
  ds: Dataset,
  tasks: TaskName[],
  runs: number,
  noPandas: Problem,
): Promise<TaskResult[]> {
  const collected = new Map<string, Collected>();
  for (let run = 0; run < runs; run++) {
    if (!noPandas) await measurePandasOnce(ds, tasks, run, collected);
    for (const task of tasks) await measureEnginesOnce(ds, task, run, collected);
  }
  const side = (task: TaskName, name: Side): SideResult => {
    const entry = collected.get(`${task}/${name}`);
    if (name === 'pandas' && noPandas) return summarise([], noPandas);
    if (!entry) return summarise([], { status: 'skipped', note: 'not run' });
    return summarise(entry.runs, entry.problem);
  };
  return tasks.map((task) =>
    taskResult(task, ds.label, ds.rows, {
      floor: side(task, 'floor'),
      sightline: side(task, 'sightline'),
      pandas: side(task, 'pandas'),
    }),
  );
}

/** The metrics on PostgreSQL for the 1M-row table (issue: "reported beside DuckDB's"), when it is installed. */
async function postgresFigures(args: BenchArgs, tasks: TaskName[]): Promise<PostgresFigure[]> {
  if (!tasks.some((t) => t === 'funnel' || t === 'retention')) return [];
  try {
    findPgBin();
  } catch {
    log('postgres: skipped (PostgreSQL is not installed: apt-get install -y postgresql)');
    return [];
  }
  const ds = await ensureDataset(DATA_DIR, 1_000_000, log);
  return measurePostgres(ds.eventsCsv, 1_000_000, args.runs, log);
}

function pandasStatus(args: BenchArgs): Problem {
  if (!args.pandas) return { status: 'skipped', note: 'skipped (--no-pandas)' };
  const probe = spawnSync(PYTHON, ['-c', 'import pandas; print(pandas.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    return {
      status: 'skipped',
      note: `skipped: ${PYTHON} has no pandas (apt-get install -y python3-pandas)`,
    };
  }
  return undefined;
}

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2), { resultsPath: join(BENCH_DIR, 'results', 'latest.json') });
  if (!parsed.ok) {
    process.stderr.write(
      `error: ${parsed.error}\nhint: npm run bench -- [--quick] [--runs N] [--sizes 1000000,10000000] [--only import,join,ui,log_import] [--no-pandas] [--no-ui] [--no-upload]\n`,
    );
    return 2;
  }
  const args = parsed.value;
  const tasks = TASKS.filter((t) => args.only.length === 0 || args.only.includes(t));
  const noPandas = pandasStatus(args);
  if (noPandas) log(noPandas.note);
  const results: TaskResult[] = [];
  const started = new Date();
  for (const rows of args.sizes) {
    const ds = await ensureDataset(DATA_DIR, rows, log);
    results.push(...(await measureSize(ds, tasks, args.runs, noPandas)));
  }
  const postgres = await postgresFigures(args, tasks);
  let ui: UiFigures | null = null;
  if (args.ui && (args.only.length === 0 || args.only.includes('ui'))) {
    const ds10 = await ensureDataset(DATA_DIR, 10_000_000, log);
    ui = await measureUi(
      { repoDir: join(BENCH_DIR, '..'), dataDir: DATA_DIR, eventsCsv10M: ds10.eventsCsv },
      { upload: args.upload },
      log,
    );
  }
  const checks = checkTargets(results);
  const notes = [
    `Medians of ${args.runs} runs, the sides interleaved run by run; every measurement is a fresh child process (cold process and engine, warm OS file cache).`,
    'Query times include reading every result row into JavaScript (Sightline: JSON-safe rows; floor: getRowObjectsJson).',
    'pandas query times exclude loading the CSV files; its RSS for query tasks is the process peak including the load.',
    ...sideNotes(results),
  ];
  process.stdout.write(
    `\n${resultsTable(results)}\n\n${notes.map((n) => `note: ${n}`).join('\n')}\n\n${targetLines(checks).join('\n')}\n`,
  );
  if (postgres.length > 0) {
    process.stdout.write(
      `\n${postgresTable(postgres)}\n\nnote: PostgreSQL 1M rows: Sightline's runMetric pushed down beside the same SQL through plain pg.\n`,
    );
  }
  if (ui) process.stdout.write(`\n${uiReport(ui)}\n`);
  if (args.only.length === 0 || args.only.includes('log_import')) {
    // A 1 GB nginx access log: Sightline's streamed import beside DuckDB alone (its own processes, for RSS).
    process.stdout.write('\n');
    const logs = spawnSync(
      process.execPath,
      [join(BENCH_DIR, 'dist', 'log-import.js'), '--dir', join(DATA_DIR, 'logs')],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    if (logs.status !== 0) log('log_import failed (see above)');
  }
  mkdirSync(dirname(args.resultsPath), { recursive: true });
  const pandasVersion = spawnSync(PYTHON, ['-c', 'import pandas; print(pandas.__version__)'], {
    encoding: 'utf8',
  });
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemMb: Math.round(totalmem() / 1024 ** 2),
    node: process.version,
    pandas: pandasVersion.status === 0 ? pandasVersion.stdout.trim() : null,
  };
  const payload = {
    startedAt: started.toISOString(),
    dataVersion: DATA_VERSION,
    args,
    machine,
    notes,
    results,
    targets: checks,
    postgres,
    ui,
  };
  writeFileSync(args.resultsPath, `${JSON.stringify(payload, null, 2)}\n`);
  log(`wrote ${args.resultsPath}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `error: the benchmark stopped: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(3);
  },
);
