import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A file in the workspace's files/ folder (the sample's logs, files the user keeps beside the data). */
export interface WorkspaceFile {
  name: string;
  /** Where it is on this computer (SQL on the workspace may read it: `FROM 'path'`). */
  path: string;
  bytes: number;
  modified: string;
}

/** The files directly in `dir` (no hidden files, no folders), by name; none when the folder is missing. */
export function listWorkspaceFiles(dir: string): WorkspaceFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: WorkspaceFile[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    try {
      const st = statSync(join(dir, name));
      if (st.isFile())
        out.push({ name, path: join(dir, name), bytes: st.size, modified: st.mtime.toISOString() });
    } catch {
      // Removed while listing: not shown.
    }
  }
  return out;
}
