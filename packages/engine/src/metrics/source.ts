import { existsSync } from 'node:fs';
import { quoteIdent, quoteString } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import type { ColumnInfo } from '../types.js';
import { guessRoles, isNumericTime, type Roles, timeKindOf } from './roles.js';
import type { MetricTarget } from './target.js';

/** What `--from` named, resolved: a table (optionally schema-qualified) or a file read through SQL. */
export type ResolvedSource = { table: string; schema?: string } | { sql: string };

/** The event table a metric runs on: its source, columns and detected roles. */
export interface EventSource {
  source: ResolvedSource;
  /** How the source reads in SQL (for describing it and for the messages). */
  label: string;
  columns: ColumnInfo[];
  roles: Roles;
}

const FILE_LIKE = /\.(csv|tsv|txt|json|jsonl|ndjson|parquet)(\.gz)?$/i;

/** Turns `--from` into a source: a file path when it names an existing data file, else a (schema.)table. */
export function resolveSource(from: string, target: MetricTarget): ResolvedSource {
  if (FILE_LIKE.test(from) && existsSync(from)) {
    if (!target.readsFiles) {
      throw new SightlineError(`"${from}" is a file; a live database can't read files on this machine.`, {
        hints: ['Import the file first (sightline import), or run the metric without --on.'],
      });
    }
    return { sql: `SELECT * FROM ${quoteString(from)}` };
  }
  const dot = from.indexOf('.');
  if (dot > 0 && !existsSync(from)) return { schema: from.slice(0, dot), table: from.slice(dot + 1) };
  return { table: from };
}

/**
 * `resolveSource` with tables qualified by the target's current schema: qualified, a table can't be mistaken for a
 * step of the generated SQL that has the same name (a CTE called "events" reading table "events" reads itself).
 */
export async function qualifiedSource(target: MetricTarget, from: string): Promise<ResolvedSource> {
  const source = resolveSource(from, target);
  if (!('table' in source) || source.schema !== undefined) return source;
  const current = await target.query('SELECT current_schema() AS s');
  const schema = current.rows[0]?.s;
  return typeof schema === 'string' && schema !== '' ? { schema, table: source.table } : source;
}

/** SQL text of a source for a FROM clause. */
export function sourceSql(source: ResolvedSource): string {
  if ('sql' in source) return `(${source.sql})`;
  return source.schema
    ? `${quoteIdent(source.schema)}.${quoteIdent(source.table)}`
    : quoteIdent(source.table);
}

/**
 * Reads the source's columns and picks the actor, event and time columns (the user's choices win); numeric time
 * columns are measured to tell epoch seconds from milliseconds.
 */
export async function describeEventSource(
  target: MetricTarget,
  from: string,
  given: { actor?: string; event?: string; time?: string } = {},
): Promise<EventSource> {
  const source = await qualifiedSource(target, from);
  const fromSql = sourceSql(source);
  const probe = await target.query(`SELECT * FROM ${fromSql} AS s LIMIT 0`);
  const guessed = guessRoles(probe.columns, given);
  if (!guessed.ok) throw new SightlineError(`${guessed.error} (in ${from})`, { hints: [guessed.hint] });
  const { timeType, ...rest } = guessed.value;
  let maxAbs: number | null = null;
  if (isNumericTime(timeType)) {
    const t = quoteIdent(rest.time);
    const r = await target.query(`SELECT max(abs(${t})) AS m FROM ${fromSql} AS s`);
    maxAbs = r.rows[0]?.m === null || r.rows[0]?.m === undefined ? null : Number(r.rows[0].m);
  }
  return {
    source,
    label: from,
    columns: probe.columns,
    roles: { ...rest, timeKind: timeKindOf(timeType, maxAbs) },
  };
}
