import { quoteIdent, quoteString } from '@sightline/sql';

/**
 * What the copies need from the engine: its write generation (bumped before and after anything that may change
 * data), whether a connection that may write is still open, and a way to run its own SQL without counting as a
 * write (the copies live in their own in-memory database).
 */
export interface CopyHost {
  generation(): number;
  writersOpen(): boolean;
  runInternal(sql: string): Promise<Record<string, unknown>[]>;
}

/** When copies are made: tables of at least `minRows` rows (estimated), at most `maxCopies` kept at a time. */
export interface ActorCopyOptions {
  minRows?: number;
  maxCopies?: number;
}

interface Copy {
  name: string;
  generation: number;
  lastUsed: number;
}

/** The in-memory database holding the copies (attached to the workspace's DuckDB instance). */
export const COPIES_DATABASE = 'sightline_copies';
const DEFAULT_MIN_ROWS = 500_000;
const DEFAULT_MAX_COPIES = 2;
/** Numbers the copies' tables across the process: two engines on one database instance share its attachments. */
let tablesMade = 0;

/**
 * Copies of large event tables with their rows ordered by actor, made in the background after a metric reads the
 * table, and read by the next metrics on that table instead of it.
 *
 * Why: metrics group rows by actor. With each actor's rows together, DuckDB compresses the actor column into runs
 * and groups them without scattering, so on the bench's 10M-row table a funnel takes about 1.5x and a retention table
 * about 2.7x less time (docs/benchmarks.md). The copy has the same rows and columns, so the same SQL gives the same
 * answer: every metric is defined on the rows' values, never on their order (../shared/spec/metrics.md).
 *
 * When a copy may be read: only while nothing could have changed the table since the copy began. The engine bumps
 * its generation before and after every statement that is not a single SELECT and whenever a connection of its own
 * opens or closes; a copy is read only when the generation is the one it was made at and no such connection is open.
 * Anything else reads the table itself. The copies are in memory, so they end with the process.
 */
export class ActorOrderedCopies {
  private readonly copies = new Map<string, Copy>();
  private readonly minRows: number;
  private readonly maxCopies: number;
  /** Tables checked and found too small or not a table, at the generation they were checked. */
  private readonly skipped = new Map<string, number>();
  private building: Promise<void> = Promise.resolve();
  private readonly pending = new Set<string>();
  private count = 0;

  constructor(
    private readonly host: CopyHost,
    opts: ActorCopyOptions = {},
  ) {
    this.minRows = opts.minRows ?? DEFAULT_MIN_ROWS;
    this.maxCopies = opts.maxCopies ?? DEFAULT_MAX_COPIES;
  }

  /** The copy's qualified name (SQL) to read instead of `schema.table`, when a fresh one exists. */
  lookup(schema: string, table: string, actor: string): string | null {
    const key = keyOf(schema, table, actor);
    const copy = this.copies.get(key);
    if (!copy) return null;
    if (!this.fresh(copy.generation)) {
      this.copies.delete(key);
      this.drop(copy.name);
      return null;
    }
    copy.lastUsed = ++this.count;
    return copyName(copy.name);
  }

  /** Makes a copy in the background when the table is a large base table and none is fresh (one at a time). */
  request(schema: string, table: string, actor: string): void {
    const key = keyOf(schema, table, actor);
    if (this.pending.has(key) || this.lookup(schema, table, actor) !== null) return;
    if (this.skipped.get(key) === this.host.generation()) return;
    this.pending.add(key);
    this.building = this.building
      .then(() => this.build(key, schema, table, actor))
      .catch(() => {
        // A copy that could not be made (e.g. the engine closed meanwhile) is simply not there.
        this.skipped.set(key, this.host.generation());
      })
      .finally(() => this.pending.delete(key));
  }

  /** Resolves when the copies requested so far are made (or given up). */
  settled(): Promise<void> {
    return this.building;
  }

  private fresh(generation: number): boolean {
    return generation === this.host.generation() && !this.host.writersOpen();
  }

  private async build(key: string, schema: string, table: string, actor: string): Promise<void> {
    const generation = this.host.generation();
    if (this.host.writersOpen()) return;
    const rows = await this.host.runInternal(
      `SELECT estimated_size AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = ${quoteString(schema)} AND table_name = ${quoteString(table)} AND NOT temporary`,
    );
    if (rows.length === 0 || Number(rows[0]?.n) < this.minRows) {
      this.skipped.set(key, generation);
      return;
    }
    // COMPRESS: the copy is compressed like a table on disk when checkpointed (about 120 MB for the 10M bench table,
    // against 870 MB uncompressed), and the compressed actor runs are what make it fast.
    await this.host.runInternal(
      `ATTACH IF NOT EXISTS ':memory:' AS ${quoteIdent(COPIES_DATABASE)} (COMPRESS)`,
    );
    const name = `by_actor_${++tablesMade}`;
    await this.host.runInternal(
      `CREATE TABLE ${copyName(name)} AS SELECT * FROM ${quoteIdent(schema)}.${quoteIdent(table)} ORDER BY ${quoteIdent(actor)}`,
    );
    try {
      await this.host.runInternal(`CHECKPOINT ${quoteIdent(COPIES_DATABASE)}`);
    } catch (err) {
      this.drop(name);
      throw err;
    }
    if (!this.fresh(generation)) {
      this.drop(name);
      return;
    }
    const old = this.copies.get(key);
    if (old) this.drop(old.name);
    this.copies.set(key, { name, generation, lastUsed: this.count });
    this.evict();
  }

  /** Keeps the `maxCopies` most recently used copies. */
  private evict(): void {
    const byUse = [...this.copies.entries()].sort((a, b) => b[1].lastUsed - a[1].lastUsed);
    for (const [key, copy] of byUse.slice(this.maxCopies)) {
      this.copies.delete(key);
      this.drop(copy.name);
    }
  }

  private drop(name: string): void {
    this.host.runInternal(`DROP TABLE IF EXISTS ${copyName(name)}`).catch(() => undefined);
  }
}

function keyOf(schema: string, table: string, actor: string): string {
  return JSON.stringify([schema, table, actor]);
}

function copyName(name: string): string {
  return `${quoteIdent(COPIES_DATABASE)}.main.${quoteIdent(name)}`;
}
