import { type LiveConnection, openConnection, SightlineError, type Workspace } from '@sightline/engine';

/** Opens the workspace's stored live connection `name`; an unknown name is a plain error saying how to add one. */
export async function openNamedConnection(workspace: Workspace, name: string): Promise<LiveConnection> {
  const spec = workspace.readConfig().connections[name];
  if (!spec) {
    throw new SightlineError(`There is no connection named "${name}" in this workspace.`, {
      hints: ['Add one with: sightline connect NAME postgres://user@host:5432/database'],
    });
  }
  return openConnection(spec);
}
