import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { quoteIdent } from '@sightline/sql';
import { SightlineError } from '../errors.js';
import { CONFIG_FILE, emptyConfig, readConfigFile, type WorkspaceConfig, writeConfigFile } from './config.js';
import { Engine, type EngineOptions } from './engine.js';
import { formatDuration } from './query-watch.js';

/** Options of `Workspace.open`. */
export interface WorkspaceOpenOptions {
  /** Create the folder when missing (default true). */
  create?: boolean;
  /** How long to wait for another process to release the database (default 30000). */
  lockTimeoutMs?: number;
  readOnly?: boolean;
  memoryLimit?: string;
  threads?: number;
  /** Keep actor-ordered copies of large tables for metrics (EngineOptions.actorCopies; the workbench server does). */
  actorCopies?: EngineOptions['actorCopies'];
}

const DB_FILE = 'sightline.duckdb';
/**
 * A workspace folder: `sightline.duckdb` (the embedded database), `workbooks/`, `files/`, `tmp/` (where DuckDB
 * spills) and `sightline.json` (settings and connections, mode 0600). Internal bookkeeping lives in the
 * database schema `sightline_meta`; user tables in `main`.
 */
export class Workspace {
  readonly dbPath: string;
  readonly workbooksDir: string;
  readonly filesDir: string;
  readonly tmpDir: string;
  readonly configPath: string;

  private constructor(
    readonly dir: string,
    readonly engine: Engine,
  ) {
    this.dbPath = join(dir, DB_FILE);
    this.workbooksDir = join(dir, 'workbooks');
    this.filesDir = join(dir, 'files');
    this.tmpDir = join(dir, 'tmp');
    this.configPath = join(dir, CONFIG_FILE);
  }

  /**
   * Opens (by default creating) the workspace in `dir`. When another process holds the database, retries with
   * backoff for up to `lockTimeoutMs`, then fails with a message naming that process.
   */
  static async open(dir: string, opts: WorkspaceOpenOptions = {}): Promise<Workspace> {
    const root = resolve(dir);
    if (!existsSync(join(root, DB_FILE)) && !existsSync(join(root, CONFIG_FILE))) {
      if (opts.create === false) {
        throw new SightlineError(`There is no Sightline workspace in ${root}.`, {
          kind: 'user',
          hints: ['Check the --workspace folder, or leave it out to use the default workspace.'],
        });
      }
      if (opts.readOnly) {
        throw new SightlineError(`There is no Sightline workspace in ${root} to open read-only.`, {
          kind: 'user',
        });
      }
    }
    if (!opts.readOnly) {
      for (const sub of ['', 'workbooks', 'files', 'tmp']) mkdirSync(join(root, sub), { recursive: true });
      if (!existsSync(join(root, CONFIG_FILE))) writeConfigFile(join(root, CONFIG_FILE), emptyConfig());
    }
    const engine = await openWithRetry(root, opts);
    if (!opts.readOnly) await removeLeftovers(root, engine);
    return new Workspace(root, engine);
  }

  /** The workspace folder to use: `$SIGHTLINE_WORKSPACE`, else `~/.sightline/default`. */
  static defaultDir(env: NodeJS.ProcessEnv = process.env): string {
    const fromEnv = env.SIGHTLINE_WORKSPACE;
    if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
    return join(env.HOME && env.HOME !== '' ? env.HOME : homedir(), '.sightline', 'default');
  }

  /** Workspaces (folders holding a Sightline database or settings file) directly under `root`, by name. */
  static async list(root: string = join(homedir(), '.sightline')): Promise<{ name: string; dir: string }[]> {
    if (!existsSync(root)) return [];
    return readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => ({ name: e.name, dir: join(resolve(root), e.name) }))
      .filter((w) => existsSync(join(w.dir, DB_FILE)) || existsSync(join(w.dir, CONFIG_FILE)))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Reads `sightline.json` (a missing file reads as empty settings). */
  readConfig(): WorkspaceConfig {
    return readConfigFile(this.configPath);
  }

  /** Replaces `sightline.json` atomically (temp file + rename), readable by the owner only (0600). */
  writeConfig(config: WorkspaceConfig): void {
    writeConfigFile(this.configPath, config);
  }

  /** Closes the database; the folder stays. */
  async close(): Promise<void> {
    await this.engine.close();
  }
}

/**
 * Removes what an import killed half-way can leave: committed staging tables (`__sightline_*`, never shown as
 * tables) and scratch folders. Safe at open: only one process holds the database, and nothing runs in it yet.
 */
async function removeLeftovers(root: string, engine: Engine): Promise<void> {
  const staged = await engine.query(
    `SELECT table_name AS t FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
       AND starts_with(table_name, '__sightline_')`,
  );
  for (const row of staged.rows) await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(String(row.t))}`);
  const tmp = join(root, 'tmp');
  if (!existsSync(tmp)) return;
  for (const entry of readdirSync(tmp)) {
    if (/^(import-|utf8-|sheet-)/.test(entry)) rmSync(join(tmp, entry), { recursive: true, force: true });
  }
}

const LOCK_PATTERN = /Could not set lock on file[\s\S]*?Conflicting lock is held in (.*?) \(PID (\d+)\)/;

async function openWithRetry(root: string, opts: WorkspaceOpenOptions): Promise<Engine> {
  const timeout = opts.lockTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeout;
  let delay = 25;
  while (true) {
    try {
      return await Engine.open(join(root, DB_FILE), {
        tempDirectory: join(root, 'tmp'),
        ...(opts.readOnly ? { readOnly: true } : {}),
        ...(opts.memoryLimit ? { memoryLimit: opts.memoryLimit } : {}),
        ...(opts.threads ? { threads: opts.threads } : {}),
        ...(opts.actorCopies ? { actorCopies: opts.actorCopies } : {}),
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const lock = LOCK_PATTERN.exec(message);
      if (!lock) {
        throw new SightlineError(`Could not open the workspace database ${join(root, DB_FILE)}.`, {
          kind: 'user',
          hints: [`The database said: ${message.split('\n')[0]}`],
          cause: err,
        });
      }
      if (Date.now() >= deadline) {
        throw new SightlineError(
          `The workspace ${root} is busy: another Sightline process (PID ${lock[2]}) is using it.`,
          {
            kind: 'user',
            hints: [
              `Waited ${formatDuration(timeout)}. Wait for that process to finish or close it, then try again.`,
            ],
            cause: err,
          },
        );
      }
      await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(0, deadline - Date.now()))));
      delay = Math.min(delay * 2, 500);
    }
  }
}
