import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SightlineError } from '../errors.js';

/** Reads a JSON file of the workspace (missing reads as `empty`); a damaged file is a plain error. */
export function readJsonFile<T>(path: string, empty: T): unknown {
  if (!existsSync(path)) return empty;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    throw new SightlineError(`The file ${path} is not valid JSON.`, {
      hints: ['Fix it by hand, or delete it to start over.'],
      cause: err,
    });
  }
}

/** Replaces a JSON file atomically (temp file + rename), readable by the owner only (0600). */
export function writeJsonFile(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}
