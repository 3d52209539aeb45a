import { createSampleData } from '@sightline/engine';
import type { CliContext } from '../context.js';
import { formatCount } from '../output/human.js';

/** `sightline sample`: (re)creates the sample SaaS dataset in the workspace. */
export async function sampleCommand(ctx: CliContext, opts: { scale?: string }): Promise<void> {
  const ws = await ctx.localWorkspace('building the sample data');
  const conn = await ws.engine.connect();
  let made: Awaited<ReturnType<typeof createSampleData>>;
  try {
    made = await createSampleData(conn, ws.filesDir, opts.scale ? { scale: Number(opts.scale) } : {});
  } finally {
    conn.closeSync();
  }
  await ctx.printRows(
    [
      { name: 'table', type: 'VARCHAR' },
      { name: 'rows', type: 'BIGINT' },
    ],
    [made.tables.map((t) => ({ table: t.table, rows: t.rows }))],
    { footer: false },
  );
  if (ctx.format === 'table') {
    ctx.note(`Sample files: ${made.files.join(', ')}`);
    ctx.note(`Sample data is ready (${formatCount(made.tables.reduce((a, t) => a + t.rows, 0))} rows). Try:`);
    ctx.note('  sightline query "SELECT event, count(*) AS n FROM events GROUP BY event ORDER BY n DESC"');
  }
}
