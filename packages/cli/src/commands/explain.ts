import { Engine, explainQuery, SightlineError } from '@sightline/engine';
import type { CliContext } from '../context.js';
import { readSql } from './query.js';

/**
 * `sightline explain SQL`: what a query does, clause by clause, in plain English. Only the SQL is read (parsing
 * needs no data), so it works on any SQL, even while the workbench holds the workspace.
 */
export async function explainCommand(
  ctx: CliContext,
  sqlArg: string | undefined,
  opts: { file?: string },
): Promise<void> {
  const sql = readSql(sqlArg, opts.file);
  const parser = await Engine.open(':memory:');
  try {
    const explanation = await explainQuery(parser, sql);
    if (!explanation.ok) {
      throw new SightlineError(`This SQL can't be explained: ${explanation.reason}`, {
        hints: ['Run it with sightline query to see where the engine stops.'],
      });
    }
    if (ctx.format === 'table') {
      // Sentences read better as a numbered list than in a table whose cells are cut at 40 characters.
      await ctx.out(
        explanation.steps.map((s, i) => `${String(i + 1).padStart(2)}. ${s.text}`).join('\n') + '\n',
      );
      return;
    }
    await ctx.printRows(
      [
        { name: 'step', type: 'BIGINT' },
        { name: 'clause', type: 'VARCHAR' },
        { name: 'what it does', type: 'VARCHAR' },
      ],
      [explanation.steps.map((s, i) => ({ step: i + 1, clause: s.clause, 'what it does': s.text }))],
      { footer: false },
    );
  } finally {
    await parser.close();
  }
}
