import { runFloor } from './floor.js';
import { runSightline } from './sightline.js';
import type { WorkerJob, WorkerReport } from './tasks.js';
import { Unavailable } from './timing.js';

// Child process entry: runs one measurement and prints one JSON report line (see WorkerReport).
async function main(): Promise<WorkerReport> {
  const job = JSON.parse(process.argv[2] ?? '{}') as WorkerJob;
  try {
    const timing = job.side === 'floor' ? await runFloor(job) : await runSightline(job);
    return { status: 'ok', ...timing, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  } catch (err) {
    const note = err instanceof Error ? err.message : String(err);
    return { status: err instanceof Unavailable ? 'unavailable' : 'failed', note };
  }
}

main().then((report) => {
  process.stdout.write(`${JSON.stringify(report)}\n`);
  // Exit without waiting for DuckDB's background threads or open handles.
  process.exit(0);
});
