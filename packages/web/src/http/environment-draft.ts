import type { EnvVariableUpdate } from './http-api.js';
import type { HttpEnvironment } from './http-types.js';

/** One variable row being edited; `kept` marks a stored secret left unchanged (its value never reaches the page). */
export interface VariableRow {
  name: string;
  value: string;
  secret: boolean;
  kept: boolean;
}

/** The rows for an environment from the server (stored secrets are kept, not shown). */
export function rowsOf(env: HttpEnvironment | null): VariableRow[] {
  return (env?.variables ?? []).map((v) => ({
    name: v.name,
    value: v.secret ? '' : v.value,
    secret: v.secret,
    kept: v.secret,
  }));
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** What is wrong with the rows, in plain words, or null. */
export function rowsProblem(envName: string, rows: VariableRow[]): string | null {
  if (envName.trim() === '') return 'Name the environment (for example "production").';
  const seen = new Set<string>();
  for (const r of rows) {
    if (r.name === '') return 'A variable has no name: name it or remove the row.';
    if (!NAME.test(r.name))
      return `"${r.name}" cannot be a variable name: use letters, digits, _ . or - (starting with a letter).`;
    if (seen.has(r.name)) return `The variable "${r.name}" is defined twice.`;
    seen.add(r.name);
  }
  return null;
}

/** The rows as PUT sends them: a kept secret as null (the server keeps its value). */
export function toUpdate(rows: VariableRow[]): EnvVariableUpdate[] {
  return rows.map((r) => ({ name: r.name, secret: r.secret, value: r.kept ? null : r.value }));
}
