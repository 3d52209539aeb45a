import { join } from 'node:path';
import { type HttpEnvironment, HttpEnvironmentSchema, maskEnvironment, SECRET_MASK } from '@sightline/spec';
import { SightlineError } from '../errors.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

/** The file of a workspace that holds its HTTP environments (mode 0600). */
export const ENVIRONMENTS_FILE = 'http-environments.json';

/** A variable as sent to be saved: a secret's value may be null (or the mask) to keep the stored one. */
export interface VariableUpdate {
  name: string;
  value: string | null;
  secret: boolean;
}

/** The HTTP environments of a workspace, in a file beside its database (so the CLI can read them while it serves). */
export class HttpEnvironmentStore {
  constructor(readonly path: string) {}

  /** The store of the workspace in `dir`. */
  static forWorkspace(dir: string): HttpEnvironmentStore {
    return new HttpEnvironmentStore(join(dir, ENVIRONMENTS_FILE));
  }

  /** Every environment, with its real values (never send these to a person: use `listMasked`). */
  list(): HttpEnvironment[] {
    const data = readJsonFile(this.path, { version: 1, environments: [] }) as {
      environments?: unknown;
    } | null;
    const list = Array.isArray(data?.environments) ? data.environments : null;
    const parsed = list?.map((e) => HttpEnvironmentSchema.safeParse(e));
    if (!parsed || parsed.some((p) => !p.success)) {
      throw new SightlineError(
        `The HTTP environments file ${this.path} can't be read: it isn't in Sightline's format.`,
        {
          hints: ['Fix it by hand, or delete it to start over (its environments will be lost).'],
        },
      );
    }
    return parsed.map((p) => p.data!);
  }

  /** Every environment with secret values masked. */
  listMasked(): HttpEnvironment[] {
    return this.list().map(maskEnvironment);
  }

  /** The environment named `name` (case-sensitive), or a plain error listing the ones there are. */
  require(name: string): HttpEnvironment {
    const all = this.list();
    const env = all.find((e) => e.name === name);
    if (env) return env;
    const names = all.map((e) => `"${e.name}"`).join(', ');
    throw new SightlineError(`There is no HTTP environment named "${name}".`, {
      hints: [
        all.length ? `The environments are ${names}.` : 'Create one in the API view of the workbench first.',
      ],
    });
  }

  /** Creates or replaces an environment; a secret sent as null or as the mask keeps its stored value. */
  put(name: string, variables: VariableUpdate[]): HttpEnvironment {
    const all = this.list();
    const old = all.find((e) => e.name === name);
    const seen = new Set<string>();
    const merged = variables.map((v) => {
      if (seen.has(v.name)) {
        throw new SightlineError(`The environment "${name}" names the variable "${v.name}" twice.`, {
          hints: ['Keep one of them.'],
        });
      }
      seen.add(v.name);
      if (v.value === null || (v.secret && v.value === SECRET_MASK)) {
        const kept = old?.variables.find((o) => o.name === v.name);
        if (!kept) {
          throw new SightlineError(
            `The variable "${v.name}" of the environment "${name}" has no value to keep.`,
            {
              hints: ['Type its value.'],
            },
          );
        }
        return { name: v.name, value: kept.value, secret: v.secret };
      }
      return { name: v.name, value: v.value, secret: v.secret };
    });
    const parsed = HttpEnvironmentSchema.safeParse({ name, variables: merged });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new SightlineError(`The environment "${name}" can't be saved: ${issue.message}.`, {
        hints: ['Variable names are letters, digits, _ . or - and start with a letter or _.'],
      });
    }
    const next = old ? all.map((e) => (e.name === name ? parsed.data : e)) : [...all, parsed.data];
    writeJsonFile(this.path, { version: 1, environments: next });
    return parsed.data;
  }

  /** Deletes an environment; false when there was none by that name. */
  delete(name: string): boolean {
    const all = this.list();
    const next = all.filter((e) => e.name !== name);
    if (next.length === all.length) return false;
    writeJsonFile(this.path, { version: 1, environments: next });
    return true;
  }
}
