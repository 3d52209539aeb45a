import { duckdbTarget, importFiles, type MetricInput, runMetric, Workspace } from '@sightline/engine';
import { answerDifference, answerOf, answerRows, type MetricAnswer } from './answers.js';
import { METRIC_INPUT } from './metrics.js';
import { QUERY_SQL, type WorkerJob } from './tasks.js';
import { type Timing, warmMs } from './timing.js';

/** The Sightline side: `Workspace.open` + `importFiles`, `workspace.engine.query`, or `runMetric`. */
export async function runSightline(job: WorkerJob): Promise<Timing> {
  if (job.task === 'import') {
    const ws = await Workspace.open(job.scratchDir);
    const conn = await ws.engine.connect();
    const started = performance.now();
    const outcome = await importFiles(
      conn,
      { paths: [job.eventsCsv], as: 'events', mode: 'create' },
      {
        scratchDir: ws.tmpDir,
      },
    );
    const ms = performance.now() - started;
    return { ms, warmMs: null, resultRows: outcome[0]?.rows ?? 0 };
  }
  const metric = METRIC_INPUT[job.task];
  if (metric) return runMetricTask(job, metric);
  const ws = await Workspace.open(job.workspaceDir, { readOnly: true });
  const once = async (): Promise<{ ms: number; rows: number }> => {
    const started = performance.now();
    const result = await ws.engine.query(QUERY_SQL[job.task as keyof typeof QUERY_SQL]);
    return { ms: performance.now() - started, rows: result.rowCount };
  };
  const cold = await once();
  return { ms: cold.ms, warmMs: await warmMs(once), resultRows: cold.rows };
}

/**
 * A metric as the workbench runs it: first on the table itself (cold, then warm), then the actor-ordered copy the
 * workbench makes in the background (its build time), then warm on that copy, which must give the same answer.
 */
async function runMetricTask(job: WorkerJob, metric: MetricInput): Promise<Timing> {
  // Read-write: the copies live in an in-memory database attached to the workspace's DuckDB (the table is not
  // touched). minRows 1: the copy is made at every size, so its answer is checked against pandas' at every size.
  const ws = await Workspace.open(job.workspaceDir, { actorCopies: { minRows: 1 } });
  try {
    return await metricTimings(job, metric, ws);
  } finally {
    await ws.close();
  }
}

async function metricTimings(job: WorkerJob, metric: MetricInput, ws: Workspace): Promise<Timing> {
  const copies = ws.engine.actorCopies;
  if (!copies) throw new Error('actor copies are off');
  const once = async (copy: boolean): Promise<{ ms: number; answer: MetricAnswer }> => {
    const started = performance.now();
    // The real metric path: spec validation, compiled exact SQL, run, and the shaped result.
    const out = await runMetric(duckdbTarget(ws.engine, { copies: copy }), metric);
    const ms = performance.now() - started;
    if (out.readFromCopy !== copy)
      throw new Error(`the ${job.task} ${copy ? 'did not read' : 'read'} the copy`);
    const answer = answerOf(out.result);
    if (!answer) throw new Error(`no answer in the ${job.task} result`);
    return { ms, answer };
  };
  const cold = await once(false);
  const warm = await warmMs(() => once(false));
  copies.request('main', 'events', String((metric.events as { actor: string }).actor));
  const building = performance.now();
  await copies.settled();
  const copyBuildMs = performance.now() - building;
  const onCopy = await once(true);
  const difference = answerDifference(cold.answer, onCopy.answer);
  if (difference) throw new Error(`the ${job.task} on the copy differs: table ${difference} copy`);
  return {
    ms: cold.ms,
    warmMs: warm,
    copyBuildMs,
    copyWarmMs: await warmMs(() => once(true)),
    resultRows: answerRows(cold.answer),
    answer: cold.answer,
  };
}
