import type { CliContext } from '../context.js';
import { UsageError } from '../exit.js';
import { plural } from '../output/human.js';

/** `sightline export TABLE_OR_SQL --to PATH`: writes csv / parquet / json / xlsx, chosen by the extension. */
export async function exportCommand(ctx: CliContext, source: string, opts: { to?: string }): Promise<void> {
  if (!opts.to) {
    throw new UsageError('Say where to write the file with --to PATH.', [
      'Example: sightline export events --to events.parquet (csv, parquet, json and xlsx are chosen by extension)',
    ]);
  }
  const result = await (await ctx.backend()).exportTo(source, opts.to);
  await ctx.printRows(
    [
      { name: 'path', type: 'VARCHAR' },
      { name: 'format', type: 'VARCHAR' },
      { name: 'rows', type: 'BIGINT' },
    ],
    [[{ path: result.path, format: result.format, rows: result.rows }]],
    { footer: false },
  );
  if (ctx.format === 'table') ctx.note(`Wrote ${plural(result.rows, 'row')} to ${result.path}.`);
}
