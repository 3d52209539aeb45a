import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BuilderQuery, parseBuilderQuery } from '@sightline/spec';
import { SightlineError } from '../errors.js';

/** A builder query saved in the workspace. */
export interface SavedBuilderQuery {
  version: 1;
  name: string;
  query: BuilderQuery;
  /** ISO time of the last save. */
  savedAt: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,49}$/u;

/** Checks a saved query's name (it is also its file name and what `{kind: 'query', id}` sources refer to). */
export function checkSavedName(name: string): string {
  if (!NAME.test(name)) {
    throw new SightlineError(`"${name}" can't be the name of a saved query.`, {
      kind: 'usage',
      hints: ['Use up to 50 letters, digits, spaces, _ . or -, starting with a letter or digit.'],
    });
  }
  return name;
}

/**
 * Saved builder queries of a workspace: one JSON file each under `workbooks/builder/` (product state is data,
 * versioned and validated when read, so a file edited by hand that no longer fits says so).
 */
export class SavedBuilderQueries {
  readonly dir: string;
  constructor(workbooksDir: string) {
    this.dir = join(workbooksDir, 'builder');
  }

  private path(name: string): string {
    return join(this.dir, `${checkSavedName(name)}.json`);
  }

  /** The saved queries, by name (files that do not read as one are skipped). */
  list(): SavedBuilderQuery[] {
    if (!existsSync(this.dir)) return [];
    const out: SavedBuilderQuery[] = [];
    for (const file of readdirSync(this.dir).sort()) {
      if (!file.endsWith('.json')) continue;
      const name = file.slice(0, -'.json'.length);
      if (!NAME.test(name)) continue;
      try {
        out.push(this.read(name));
      } catch {
        // A broken file is reported when it is opened by name, not in the list.
      }
    }
    return out;
  }

  /** The saved query `name`, validated; undefined when there is none. */
  find(name: string): SavedBuilderQuery | undefined {
    return existsSync(this.path(name)) ? this.read(name) : undefined;
  }

  /** The saved query `name`; a missing or invalid one is a plain error. */
  get(name: string): SavedBuilderQuery {
    const found = this.find(name);
    if (!found) {
      throw new SightlineError(`There is no saved query named "${name}".`, {
        hints: ['See the saved queries in the Ask area, or save this one first.'],
      });
    }
    return found;
  }

  private read(name: string): SavedBuilderQuery {
    const path = this.path(name);
    let data: { version?: unknown; query?: unknown; savedAt?: unknown };
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new SightlineError(`The saved query file ${path} is not valid JSON.`, {
        cause: err,
        hints: ['Fix it by hand or delete it.'],
      });
    }
    if (data?.version !== 1) {
      throw new SightlineError(`The saved query file ${path} has an unknown version.`, {
        hints: ['It may come from a newer Sightline; upgrade, or delete the file.'],
      });
    }
    const parsed = parseBuilderQuery(data.query);
    if (!parsed.ok)
      throw new SightlineError(`The saved query "${name}" no longer reads: ${parsed.error}`, {
        hints: ['Fix the file or delete it.'],
      });
    return {
      version: 1,
      name,
      query: parsed.value,
      savedAt: typeof data.savedAt === 'string' ? data.savedAt : '',
    };
  }

  /** Saves (or replaces) `name`, atomically. */
  put(name: string, query: BuilderQuery, now = new Date()): SavedBuilderQuery {
    const path = this.path(name);
    mkdirSync(this.dir, { recursive: true });
    const saved: SavedBuilderQuery = { version: 1, name, query, savedAt: now.toISOString() };
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(saved, null, 2)}\n`);
    renameSync(tmp, path);
    return saved;
  }

  /** Deletes `name`; false when there was none. */
  delete(name: string): boolean {
    const path = this.path(name);
    if (!existsSync(path)) return false;
    rmSync(path);
    return true;
  }
}
