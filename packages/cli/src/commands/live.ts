import type { LiveConnection } from '@sightline/engine';
import { openConnection, readWorkspaceConfig, SightlineError } from '@sightline/engine';
import type { CliContext } from '../context.js';

/** Opens the stored connection `name` (for `--on NAME`), or explains which names exist. */
export async function openNamedConnection(ctx: CliContext, name: string): Promise<LiveConnection> {
  const config = readWorkspaceConfig(ctx.workspaceDir);
  const spec = config.connections[name];
  if (!spec) {
    const names = Object.keys(config.connections);
    throw new SightlineError(`There is no connection named "${name}" in this workspace.`, {
      hints: [
        names.length > 0
          ? `Known connections: ${names.join(', ')}.`
          : 'Add one with: sightline connect NAME postgres://user@host:5432/database',
      ],
    });
  }
  return openConnection(spec);
}

/** Runs `fn` on the stored connection `name` and closes it afterwards. */
export async function withNamedConnection<T>(
  ctx: CliContext,
  name: string,
  fn: (conn: LiveConnection) => Promise<T>,
): Promise<T> {
  const conn = await openNamedConnection(ctx, name);
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}
