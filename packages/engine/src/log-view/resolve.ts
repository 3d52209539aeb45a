import { closeMatches } from '../core/catalog.js';
import type { Engine } from '../core/engine.js';
import { SightlineError } from '../errors.js';
import { logColumns, logRoles } from './roles.js';
import type { LogViewRequest, ResolvedLogRequest } from './types.js';

/** The request with its table's columns and roles (detected when not given); unknown columns are plain errors. */
export async function resolveLogRequest(engine: Engine, req: LogViewRequest): Promise<ResolvedLogRequest> {
  const columns = req.roles ? await logColumns(engine, req.table) : undefined;
  const detected = req.roles ? undefined : await logRoles(engine, req.table);
  const cols = columns ?? detected!.columns;
  const roles = req.roles ?? detected!.roles;
  const names = cols.map((c) => c.name);
  const used = [
    ...(roles.time ? [roles.time.column] : []),
    ...(roles.severity ? [roles.severity.column] : []),
    ...roles.message,
    ...roles.facets,
    ...(req.filters ?? []).map((f) => f.column),
  ];
  for (const name of used) {
    if (names.includes(name)) continue;
    const near = closeMatches(name, names);
    throw new SightlineError(`Column "${name}" doesn't exist in ${req.table}.`, {
      hints: near.length
        ? [`Did you mean ${near.map((n) => `"${n}"`).join(' or ')}?`]
        : [`Its columns are: ${names.join(', ')}.`],
    });
  }
  if (req.range && !(Date.parse(req.range.from) < Date.parse(req.range.to))) {
    throw new SightlineError(
      `The time range ${req.range.from} to ${req.range.to} is empty or not made of dates.`,
      {
        hints: ['Give ISO instants with the start before the end, e.g. 2026-10-30T00:00:00Z.'],
      },
    );
  }
  return { ...req, roles, columns: cols };
}
