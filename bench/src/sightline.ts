import { duckdbTarget, importFiles, runMetric, Workspace } from '@sightline/engine';
import { answerOf, answerRows, type MetricAnswer } from './answers.js';
import { METRIC_INPUT } from './metrics.js';
import { QUERY_SQL, type WorkerJob } from './tasks.js';
import { type Timing, warmMs } from './timing.js';

/** The Sightline side: `Workspace.open` + `importFiles`, or `workspace.engine.query`. */
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
  const ws = await Workspace.open(job.workspaceDir, { readOnly: true });
  const metric = METRIC_INPUT[job.task];
  const once = async (): Promise<{ ms: number; rows: number; answer?: MetricAnswer }> => {
    const started = performance.now();
    if (metric) {
      // The real metric path: spec validation, compiled exact SQL, run, and the shaped result.
      const out = await runMetric(duckdbTarget(ws.engine), metric);
      const ms = performance.now() - started;
      const answer = answerOf(out.result);
      if (!answer) throw new Error(`no answer in the ${job.task} result`);
      return { ms, rows: answerRows(answer), answer };
    }
    const result = await ws.engine.query(QUERY_SQL[job.task as keyof typeof QUERY_SQL]);
    return { ms: performance.now() - started, rows: result.rowCount };
  };
  const cold = await once();
  return {
    ms: cold.ms,
    warmMs: await warmMs(once),
    resultRows: cold.rows,
    ...(cold.answer && { answer: cold.answer }),
  };
}
