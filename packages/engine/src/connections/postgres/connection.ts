import pg from 'pg';
import { SightlineError } from '../../errors.js';
import type { ColumnInfo, ColumnProfile, JsonRow, JsonValue, QueryResult } from '../../types.js';
import type { LiveConnection, LiveQueryOptions, LiveTableInfo } from '../types.js';
import { sendCancel } from './cancel.js';
import { describeRelation, displayType, listTables, typeCacheSql } from './catalog.js';
import { queryFailure, type StopReason, type Target } from './errors.js';
import { type PgTypeInfo, textParserFor } from './values.js';

/** A Query that stops after its row limit instead of fetching the rest (pg would fetch page after page). */
class LimitedQuery extends pg.Query {
  suspended = false;
  handlePortalSuspended(connection: { sync(): void }): void {
    this.suspended = true;
    connection.sync();
  }
}

interface CachedType extends PgTypeInfo {
  display: string;
}

type PgResult = { fields: { name: string; dataTypeID: number }[]; rows: JsonValue[][] };

/** A query reading rows as arrays (so equal column names survive), with an optional row limit. */
function arrayQuery(text: string, values?: unknown[], limit?: number): pg.Query {
  const config = { text, rowMode: 'array', ...(values ? { values } : {}) } as pg.QueryConfig;
  return limit === undefined
    ? new pg.Query(config)
    : new LimitedQuery({ ...config, rows: limit } as pg.QueryConfig);
}

/** Parameters as PostgreSQL should read them: Dates as UTC instants, bigints as text. */
function toPgParam(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** Column names made unique the way DuckDB's results do it (`a`, `a:1`, `a:2`). */
function dedupe(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = seen.get(n) ?? 0;
    seen.set(n, k + 1);
    return k === 0 ? n : `${n}:${k}`;
  });
}

/** Per-client type parsing: the connection's own pg_type cache, never pg's global parsers. */
export function clientTypes(lookup: (oid: number) => PgTypeInfo | undefined) {
  return {
    getTypeParser: (oid: number) => textParserFor(oid, lookup),
  } as unknown as pg.CustomTypesConfig;
}

/** A live PostgreSQL connection (one session; queries run one after another). */
export class PostgresConnection implements LiveConnection {
  readonly kind = 'postgres';
  private readonly types = new Map<number, CachedType>();
  private closed = false;

  constructor(
    private readonly client: pg.Client,
    readonly target: Target,
  ) {
    client.on('error', () => {
      this.closed = true;
    });
  }

  /** Answers type questions from the cache (used by the client's parsers). */
  readonly lookup = (oid: number): PgTypeInfo | undefined => this.types.get(oid);

  /** Loads the type cache; call once right after connecting. */
  async loadTypes(): Promise<void> {
    const res = await this.submit(arrayQuery(typeCacheSql()));
    for (const [oid, elem, display, builtin] of res.rows) {
      this.types.set(Number(oid), {
        name: String(display),
        elem: Number(elem),
        display: displayType(String(display), builtin === true),
      });
    }
  }

  private submit(query: pg.Query): Promise<PgResult> {
    return new Promise((resolve, reject) => {
      query.on('end', (results: unknown) => {
        const all = (Array.isArray(results) ? results : [results]) as PgResult[];
        resolve(all[all.length - 1] ?? { fields: [], rows: [] });
      });
      query.on('error', reject);
      this.client.query(query);
    });
  }

  private typeName(oid: number): string {
    return this.types.get(oid)?.display ?? `OID ${oid}`;
  }

  async query(sql: string, opts: LiveQueryOptions = {}): Promise<QueryResult> {
    if (this.closed)
      throw new SightlineError('The connection to PostgreSQL is closed.', { kind: 'internal' });
    const started = performance.now();
    const max = opts.maxRows;
    const query = arrayQuery(sql, opts.params?.map(toPgParam), max === undefined ? undefined : max + 1);
    let cancelled = false;
    let repeat: NodeJS.Timeout | undefined;
    const onAbort = () => {
      if (cancelled) return;
      cancelled = true;
      const key = this.cancelKey();
      void sendCancel(key);
      // A cancel that lands before the server started the query is ignored, so keep asking until it ends.
      repeat = setInterval(() => void sendCancel(key), 200);
    };
    if (opts.timeoutMs !== undefined) await this.setStatementTimeout(opts.timeoutMs);
    let result: PgResult;
    try {
      if (opts.signal?.aborted) onAbort();
      else opts.signal?.addEventListener('abort', onAbort, { once: true });
      result = await this.submit(query);
    } catch (err) {
      const timedOut = /statement timeout/u.test(err instanceof Error ? err.message : '');
      const why: { reason: StopReason; timeoutMs?: number } | undefined = timedOut
        ? { reason: 'timeout', timeoutMs: opts.timeoutMs ?? 0 }
        : cancelled
          ? { reason: 'cancel' }
          : undefined;
      throw queryFailure(err, sql, why);
    } finally {
      if (repeat) clearInterval(repeat);
      opts.signal?.removeEventListener('abort', onAbort);
      if (opts.timeoutMs !== undefined && !this.closed) await this.setStatementTimeout(0).catch(() => {});
    }
    const names = dedupe(result.fields.map((f) => f.name));
    const columns: ColumnInfo[] = result.fields.map((f, i) => ({
      name: names[i]!,
      type: this.typeName(f.dataTypeID),
    }));
    const kept = max === undefined ? result.rows : result.rows.slice(0, max);
    const rows = kept.map((r) => {
      const row: JsonRow = {};
      names.forEach((n, i) => {
        row[n] = r[i] ?? null;
      });
      return row;
    });
    return {
      columns,
      rows,
      rowCount: rows.length,
      truncated: max !== undefined && result.rows.length > max,
      elapsedMs: performance.now() - started,
    };
  }

  private async setStatementTimeout(ms: number): Promise<void> {
    const text = "SELECT set_config('statement_timeout', $1, false)";
    await this.submit(arrayQuery(text, [String(Math.max(0, Math.ceil(ms)))]));
  }

  private cancelKey() {
    const c = this.client as unknown as { processID: number; secretKey: number };
    return { host: this.target.host, port: this.target.port, processId: c.processID, secretKey: c.secretKey };
  }

  private readonly run = (sql: string, params?: unknown[]) => this.query(sql, params ? { params } : {});

  tables(): Promise<LiveTableInfo[]> {
    return listTables(this.run);
  }

  describe(table: string): Promise<ColumnProfile[]> {
    return describeRelation(this.run, table);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client.end().catch(() => {});
  }
}
