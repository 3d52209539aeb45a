import { dirname } from 'node:path';
import { Workspace } from '@sightline/engine';
import type { CliContext } from '../context.js';

/** `sightline workspaces`: the workspaces next to the current one (by default those in ~/.sightline). */
export async function workspacesCommand(ctx: CliContext): Promise<void> {
  const current = ctx.workspaceDir;
  const found = await Workspace.list(dirname(current));
  const rows = found.map((w) => ({ name: w.name, dir: w.dir, current: w.dir === current }));
  await ctx.printRows(
    [
      { name: 'name', type: 'VARCHAR' },
      { name: 'dir', type: 'VARCHAR' },
      { name: 'current', type: 'BOOLEAN' },
    ],
    [rows],
    { footer: false },
  );
  if (ctx.format === 'table') {
    ctx.note(
      rows.length === 0
        ? `No workspaces in ${dirname(current)} yet; the first command you run creates ${current}.`
        : 'Pick one with --workspace DIR (or SIGHTLINE_WORKSPACE=DIR); a new folder becomes a new workspace.',
    );
  }
}
