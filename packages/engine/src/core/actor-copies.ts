import { quoteIdent, quoteString } from '@sightline/sql';

/**
 * What the copies need from the engine: its write generation (bumped before and after anything that may change
 * data), whether anything that may write is under way (a statement that is not a SELECT, or a connection handed out
 * by `connect()`), and a way to run its own SQL without counting as a write (the copies live in their own in-memory
 * database).
 */
export interface CopyHost {
  generation(): number;
  writersOpen(): boolean;
  runInternal(sql: string): Promise<Record<string, unknown>[]>;
}

/**
 * When copies are made: tables of `minRows` to `maxRows` rows (estimated; a bigger table's sorted copy would take
 * too much memory and time), at most `maxCopies` kept at a time.
 */
export interface ActorCopyOptions {
  minRows?: number;
  maxRows?: number;
  maxCopies?: number;
}

interface Copy {
  name: string;
  generation: number;
  lastUsed: number;
  /** Metrics reading it now: a copy that is replaced or stale is dropped only when none is. */
  readers: number;
  retired: boolean;
}

/** A copy handed to a metric: its name, whether it is still fresh, and `release` once the metric's queries end. */
export interface CopyLease {
  /** The copy's qualified name, for a FROM clause. */
  readonly sql: string;
  /** True while nothing can have changed the table since the copy was made (check it after reading). */
  fresh(): boolean;
  release(): void;
}

/** The in-memory database holding the copies (attached to the workspace's DuckDB instance). */
export const COPIES_DATABASE = 'sightline_copies';
const DEFAULT_MIN_ROWS = 500_000;
const DEFAULT_MAX_ROWS = 100_000_000;
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
 * opens or closes, and counts those under way. A copy is made only when nothing is under way, kept only if the
 * generation did not move while it was made, and its answer is used only if the generation is still the one it was
 * made at once the metric's queries are over (else the metric runs again on the table). The copies are in memory,
 * so they end with the process.
 */
export class ActorOrderedCopies {
  private readonly copies = new Map<string, Copy>();
  private readonly minRows: number;
  private readonly maxRows: number;
  private readonly maxCopies: number;
  /** Tables checked and found too small or not a table, at the generation they were checked. */
  private readonly skipped = new Map<string, number>();
  private building: Promise<void> = Promise.resolve();
  private dropping: Promise<void> = Promise.resolve();
  /** Tables whose copy is requested and not begun yet. */
  private readonly queued = new Set<string>();
  private count = 0;

  constructor(
    private readonly host: CopyHost,
    opts: ActorCopyOptions = {},
  ) {
    this.minRows = opts.minRows ?? DEFAULT_MIN_ROWS;
    this.maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
    this.maxCopies = opts.maxCopies ?? DEFAULT_MAX_COPIES;
  }

  /** The copy to read instead of `schema.table`, when a fresh one exists; `release` it when done. */
  lookup(schema: string, table: string, actor: string): CopyLease | null {
    const key = keyOf(schema, table, actor);
    const copy = this.copies.get(key);
    if (!copy) return null;
    if (!this.fresh(copy.generation)) {
      this.retire(key, copy);
      return null;
    }
    copy.lastUsed = ++this.count;
    copy.readers++;
    let released = false;
    return {
      sql: copyName(copy.name),
      fresh: () => this.fresh(copy.generation),
      release: () => {
        if (released) return;
        released = true;
        copy.readers--;
        if (copy.retired && copy.readers === 0) this.drop(copy.name);
      },
    };
  }

  /**
   * Makes a copy in the background when the table is a large base table and none is fresh (one at a time; a request
   * while one for the same table waits to start is the same request).
   */
  request(schema: string, table: string, actor: string): void {
    const key = keyOf(schema, table, actor);
    if (this.queued.has(key) || this.freshCopy(key)) return;
    if (this.skipped.get(key) === this.host.generation()) return;
    this.queued.add(key);
    this.building = this.building
      .then(() => {
        this.queued.delete(key);
        // Made meanwhile by an earlier request, and nothing changed since.
        if (this.freshCopy(key)) return;
        return this.build(key, schema, table, actor);
      })
      .catch(() => {
        // A copy that could not be made (e.g. the engine closed meanwhile) is simply not there.
        this.skipped.set(key, this.host.generation());
      });
  }

  private freshCopy(key: string): boolean {
    const copy = this.copies.get(key);
    return copy !== undefined && this.fresh(copy.generation);
  }

  /** Resolves when the copies requested so far are made (or given up) and the ones let go are dropped. */
  async settled(): Promise<void> {
    await this.building;
    await this.dropping;
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
    const n = Number(rows[0]?.n);
    if (rows.length === 0 || n < this.minRows || n > this.maxRows) {
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
    if (old) this.retire(key, old);
    this.copies.set(key, { name, generation, lastUsed: ++this.count, readers: 0, retired: false });
    this.evict();
  }

  /** Takes a copy out of use; its table is dropped once no metric reads it. */
  private retire(key: string, copy: Copy): void {
    if (this.copies.get(key) === copy) this.copies.delete(key);
    copy.retired = true;
    if (copy.readers === 0) this.drop(copy.name);
  }

  /** Keeps the `maxCopies` most recently used copies. */
  private evict(): void {
    const byUse = [...this.copies.entries()].sort((a, b) => b[1].lastUsed - a[1].lastUsed);
    for (const [key, copy] of byUse.slice(this.maxCopies)) this.retire(key, copy);
  }

  private drop(name: string): void {
    this.dropping = this.dropping
      .then(() => this.host.runInternal(`DROP TABLE IF EXISTS ${copyName(name)}`))
      .then(
        () => undefined,
        () => undefined,
      );
  }
}

function keyOf(schema: string, table: string, actor: string): string {
  return JSON.stringify([schema, table, actor]);
}

function copyName(name: string): string {
  return `${quoteIdent(COPIES_DATABASE)}.main.${quoteIdent(name)}`;
}
