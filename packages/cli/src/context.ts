import type { ColumnInfo, JsonRow } from '@sightline/engine';
import { Workspace } from '@sightline/engine';
import type { GlobalFlags } from './globals.js';
import { type OutputFormat, resolveFormat, streamingWriter } from './output/formats.js';
import { plural } from './output/human.js';
import { renderTable } from './output/table.js';

/** Rows shown by the terminal table format before it points to csv/json for the rest. */
export const TABLE_ROW_LIMIT = 200;

/** Standard streams and environment the CLI runs with (passed in, never read from globals inside commands). */
export interface CliIO {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

/** Per-invocation state shared by the commands: flags, output, and the workspace opened on first use. */
export class CliContext {
  readonly format: OutputFormat;
  private ws: Workspace | undefined;

  constructor(
    readonly flags: GlobalFlags,
    readonly io: CliIO,
  ) {
    this.format = resolveFormat(flags.format, Boolean(io.stdout.isTTY));
  }

  /** The workspace folder: --workspace, then $SIGHTLINE_WORKSPACE, then ~/.sightline/default. */
  get workspaceDir(): string {
    return this.flags.workspace ?? Workspace.defaultDir(this.io.env);
  }

  /** Opens the workspace once per invocation. */
  async workspace(): Promise<Workspace> {
    this.ws ??= await Workspace.open(this.workspaceDir);
    return this.ws;
  }

  /** Closes what was opened. */
  async close(): Promise<void> {
    const ws = this.ws;
    this.ws = undefined;
    await ws?.close();
  }

  /** Writes to stdout, waiting when the pipe is full. */
  out(text: string): Promise<void> {
    if (text === '') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const ok = this.io.stdout.write(text, (err) => (err ? reject(err) : ok && resolve()));
      if (!ok) this.io.stdout.once('drain', resolve);
    });
  }

  /** Writes a line to stderr (messages for people: notes, warnings, summaries). */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  /** Prints a result in the chosen format; batches may stream in (csv/json/ndjson/markdown print as they come). */
  async printRows(
    columns: ColumnInfo[],
    batches: JsonRow[][] | AsyncIterable<{ rows: JsonRow[] }>,
    opts: { totalRows?: number; footer?: boolean } = {},
  ): Promise<number> {
    let count = 0;
    if (this.format === 'table') {
      const shown: JsonRow[] = [];
      for await (const batch of iterate(batches)) {
        for (const row of batch) {
          if (shown.length < TABLE_ROW_LIMIT) shown.push(row);
          count++;
        }
      }
      await this.out(renderTable(columns, shown));
      if (opts.footer !== false) {
        const total = opts.totalRows ?? count;
        this.note(
          total > shown.length
            ? `(showing the first ${plural(shown.length, 'row')} of ${plural(total, 'row').replace(/ rows?$/, '')}; use --format csv or export to get them all)`
            : `(${plural(total, 'row')})`,
        );
      }
      return count;
    }
    let pending = '';
    const writer = streamingWriter(this.format, (s) => {
      pending += s;
    });
    writer.begin(columns);
    for await (const batch of iterate(batches)) {
      writer.rows(batch);
      count += batch.length;
      if (pending.length > 1 << 16) {
        await this.out(pending);
        pending = '';
      }
    }
    writer.end();
    await this.out(pending);
    return count;
  }

  /** Prints plain records (one object per table, column, connection...) with columns taken from the first. */
  async printRecords(records: JsonRow[], columns?: ColumnInfo[]): Promise<void> {
    const cols =
      columns ?? Object.keys(records[0] ?? {}).map((name) => ({ name, type: inferType(records, name) }));
    await this.printRows(cols, [records], { footer: false });
  }
}

async function* iterate(batches: JsonRow[][] | AsyncIterable<{ rows: JsonRow[] }>): AsyncIterable<JsonRow[]> {
  if (Array.isArray(batches)) {
    yield* batches;
    return;
  }
  for await (const b of batches) yield b.rows;
}

function inferType(records: JsonRow[], name: string): string {
  return records.every((r) => typeof r[name] === 'number' || r[name] === null) ? 'BIGINT' : 'VARCHAR';
}
