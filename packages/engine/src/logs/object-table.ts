import { createWriteStream, type WriteStream } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteString } from '@sightline/sql';
import { describeQuery } from '../import/duck.js';
import { outputColumns } from '../import/select-list.js';
import type { LogObject } from './log-format.js';

const ROLE_NAMES = ['ts', 'level', 'message'];

/**
 * A staging table for entries whose columns come from the data: entries are written to a scratch NDJSON file (each
 * object as written, so big numbers stay exact), then DuckDB's JSON reader infers the columns (nested objects become
 * STRUCTs) and the recognised time, level and message come first as `ts`, `level`, `message`.
 */
export class ObjectTable {
  readonly #out: WriteStream;
  readonly #path: string;
  readonly #roleKeys = new Set<string>();
  #buffer: string[] = [];
  #bufferedChars = 0;
  #rows = 0;
  #anyLevel = false;

  constructor(path: string) {
    this.#path = path;
    this.#out = createWriteStream(path);
  }

  /** Adds one entry (`file` is set when several files go into one table). */
  add(entry: LogObject, file: string | null): void {
    for (const k of entry.roleKeys) this.#roleKeys.add(k);
    if (entry.level !== null) this.#anyLevel = true;
    const line = `{"__ts":${entry.ts === null ? 'null' : entry.ts},"__level":${JSON.stringify(entry.level)},"__message":${JSON.stringify(entry.message)},"__file":${JSON.stringify(file)},"__e":${entry.fields}}\n`;
    this.#buffer.push(line);
    this.#bufferedChars += line.length;
    this.#rows++;
  }

  /** Whether enough is buffered that the caller should `drain()`. */
  get full(): boolean {
    return this.#bufferedChars > 1 << 20;
  }

  /** Rows added so far. */
  get rows(): number {
    return this.#rows;
  }

  /** Writes the buffered entries to the scratch file, waiting when the disk is slower. */
  async drain(): Promise<void> {
    if (this.#buffer.length === 0) return;
    const text = this.#buffer.join('');
    this.#buffer = [];
    this.#bufferedChars = 0;
    if (!this.#out.write(text)) await new Promise<void>((r) => this.#out.once('drain', () => r()));
  }

  /**
   * Closes the scratch file and creates `table` from it (with `source_file` last when `withFile`; nested objects as
   * `parent_child` columns when `flatten`).
   */
  async createTable(
    conn: DuckDBConnection,
    table: string,
    withFile: boolean,
    flatten: boolean,
  ): Promise<void> {
    await this.drain();
    await new Promise<void>((resolve, reject) =>
      this.#out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    const t = quoteIdent(table);
    if (this.#rows === 0) {
      await conn.run(
        `CREATE TABLE ${t} (ts TIMESTAMPTZ, message VARCHAR${withFile ? ', source_file VARCHAR' : ''})`,
      );
      return;
    }
    const base = `${quoteString(this.#path)}, format = 'newline_delimited'`;
    // One pass infers the entries' shape over the whole file; the other reads use it instead of inferring again.
    const inferred = `read_json(${base}, sample_size = -1, field_appearance_threshold = 0, map_inference_threshold = -1)`;
    const shape = (await describeQuery(conn, `SELECT __e FROM ${inferred}`))[0]?.type ?? 'JSON';
    const read = `read_json(${base}, columns = {__ts: 'BIGINT', __level: 'VARCHAR', __message: 'VARCHAR', __file: 'VARCHAR', __e: ${quoteString(shape)}})`;
    // Objects with no keys in common beyond a few become one JSON column rather than failing.
    const fieldsExpr = shape.startsWith('STRUCT(') ? 'unnest(__e)' : '__e AS fields';
    const inner = `SELECT __ts, __level, __message, __file, ${fieldsExpr} FROM ${read}`;
    const probe = await conn.runAndReadAll(`SELECT ${fieldsExpr} FROM ${read} LIMIT 0`);
    const parts = [
      `CASE WHEN __ts IS NULL THEN NULL ELSE TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(__ts) END AS ts`,
      ...(this.#anyLevel ? ['__level AS level'] : []),
      '__message AS message',
    ];
    const top = probe.columnNames();
    const types = probe.columnTypes();
    for (const [i, name] of top.entries()) {
      if (this.#roleKeys.has(name)) continue;
      for (const c of outputColumns([name], [types[i]!], flatten)) {
        const alias = ROLE_NAMES.includes(c.name) ? `${c.name}_field` : c.name;
        parts.push(`${c.expr} AS ${quoteIdent(alias)}`);
      }
    }
    if (withFile) parts.push('CAST(__file AS VARCHAR) AS source_file');
    await conn.run(`CREATE TABLE ${t} AS SELECT ${parts.join(', ')} FROM (${inner})`);
  }
}
