import type { ColumnInfo, JsonRow } from '@sightline/engine';
import { SightlineError, Workspace } from '@sightline/engine';
import { findRunningServer } from '@sightline/server';
import type { Backend } from './backend/backend.js';
import { localBackend } from './backend/local.js';
import { remoteBackend } from './backend/remote.js';
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
  private be: Backend | undefined;

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

  /**
   * The workspace, once per invocation: through the running workbench when `sightline open` serves it (it holds
   * the database), else opened here.
   */
  async backend(): Promise<Backend> {
    if (!this.be) {
      const server = findRunningServer(this.workspaceDir);
      this.be = server ? remoteBackend(server) : localBackend(await Workspace.open(this.workspaceDir));
    }
    return this.be;
  }

  /** The workspace opened in this process, for work the server does not offer (e.g. building the sample). */
  async localWorkspace(what: string): Promise<Workspace> {
    const backend = await this.backend();
    if (backend.kind === 'server' || !('workspace' in backend)) {
      throw new SightlineError(
        `The web workbench is serving this workspace, so ${what} can't run from here now.`,
        {
          hints: ['Stop the workbench (Ctrl+C where "sightline open" runs), then run this again.'],
        },
      );
    }
    return (backend as Backend & { workspace: Workspace }).workspace;
  }

  /** Closes what was opened. */
  async close(): Promise<void> {
    const be = this.be;
    this.be = undefined;
    await be?.close();
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
