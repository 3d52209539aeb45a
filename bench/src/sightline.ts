import type { DuckDBConnection } from '@duckdb/node-api';
import * as engine from '@sightline/engine';
import { Workspace } from '@sightline/engine';
import { QUERY_SQL, type WorkerJob } from './tasks.js';
import { type Timing, Unavailable } from './timing.js';

type ImportFiles = (
  conn: DuckDBConnection,
  request: { paths: string[]; as?: string; mode?: 'create' | 'replace' | 'append' },
  opts: { scratchDir: string },
) => Promise<{ table: string; rows: number }[]>;

// The import API is being written alongside this harness; use it as soon as the engine exports it.
function importApi(): ImportFiles {
  const candidate = (engine as unknown as Record<string, unknown>).importFiles;
  if (typeof candidate !== 'function') {
    throw new Unavailable('not available yet: @sightline/engine does not export importFiles');
  }
  return candidate as ImportFiles;
}

/** The Sightline side: `Workspace.open` + `importFiles`, or `workspace.engine.query`. */
export async function runSightline(job: WorkerJob): Promise<Timing> {
  if (job.task === 'funnel' || job.task === 'retention') {
    throw new Unavailable(`not available yet: @sightline/engine has no ${job.task} metric API`);
  }
  if (job.task === 'import') {
    const importFiles = importApi();
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
  const sql = QUERY_SQL[job.task];
  const once = async () => {
    const started = performance.now();
    const result = await ws.engine.query(sql);
    return { ms: performance.now() - started, rows: result.rowCount };
  };
  const cold = await once();
  const warm = await once();
  return { ms: cold.ms, warmMs: warm.ms, resultRows: cold.rows };
}
