import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SightlineError } from '../errors.js';

/** The workspace's settings file name, inside the workspace folder. */
export const CONFIG_FILE = 'sightline.json';

/** The workspace's settings file (`sightline.json`). */
export interface WorkspaceConfig {
  version: 1;
  connections: Record<string, { kind: 'postgres'; url: string }>;
  settings: Record<string, unknown>;
}

/** Settings of a new workspace. */
export function emptyConfig(): WorkspaceConfig {
  return { version: 1, connections: {}, settings: {} };
}

/** Reads a settings file (a missing file reads as empty settings). */
export function readConfigFile(path: string): WorkspaceConfig {
  if (!existsSync(path)) return emptyConfig();
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new SightlineError(`The workspace settings file ${path} is not valid JSON.`, {
      kind: 'user',
      hints: ['Fix the file by hand, or delete it to start with empty settings (connections will be lost).'],
      cause: err,
    });
  }
  const c = data as Partial<WorkspaceConfig> | null;
  if (!c || typeof c !== 'object' || c.version !== 1) {
    throw new SightlineError(`The workspace settings file ${path} has an unknown version.`, {
      kind: 'user',
      hints: ['It may come from a newer Sightline; upgrade, or delete the file to start over.'],
    });
  }
  return {
    version: 1,
    connections: c.connections && typeof c.connections === 'object' ? c.connections : {},
    settings: c.settings && typeof c.settings === 'object' ? c.settings : {},
  };
}

/** Replaces a settings file atomically (temp file + rename), readable by the owner only (0600). */
export function writeConfigFile(path: string, config: WorkspaceConfig): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/** The settings of the workspace in `dir`, read without opening its database (it may be held by a server). */
export function readWorkspaceConfig(dir: string): WorkspaceConfig {
  return readConfigFile(join(dir, CONFIG_FILE));
}

/** Writes the settings of the workspace in `dir` without opening its database. */
export function writeWorkspaceConfig(dir: string, config: WorkspaceConfig): void {
  writeConfigFile(join(dir, CONFIG_FILE), config);
}
