import {
  count,
  duckdbDialect,
  type ExprNode,
  fn,
  isNotNull,
  select,
  sub,
  table,
  toSql,
} from '@sightline/sql';
import type { Engine } from '../core/engine.js';
import type { RunOptions } from '../core/query-watch.js';
import { Drain } from './drain.js';
import { messageExpr } from './log-exprs.js';
import { tokenize } from './mask.js';
import { templateRegex } from './template-regex.js';
import { bucketExpr, timelineFrame } from './timeline.js';
import type { ResolvedLogRequest } from './types.js';
import { whereOf } from './where.js';

const MAX_CACHED = 100_000;

/** One pattern of lines: its template (`<NUM>`, `<IP>`, `<*>`... where lines differ) and how often it occurs. */
export interface LogPattern {
  template: string;
  count: number;
  /** Share of the clustered lines (0-1). */
  share: number;
  example: string;
  /** Lines per timeline bar (the same bars as the timeline). */
  series: number[];
  /** A regular expression selecting this pattern's lines in SQL (`regexp_matches(message, regex)`). */
  regex: string;
}

/** The patterns of a view and how they were found. */
export interface LogPatterns {
  patterns: LogPattern[];
  /** Lines clustered (a sample when the view holds more than `maxLines`). */
  lines: number;
  /** Lines in the view with a message. */
  of: number;
  /** Lines in patterns beyond the ones listed. */
  rest: number;
  elapsedMs: number;
  note?: string;
}

/** Options of `logPatterns`. */
export interface LogPatternsOptions extends RunOptions {
  interval?: string;
  /**
   * Most distinct lines to cluster (default 200,000): a view with more lines than this and many different ones is
   * sampled evenly. Repeated lines cost little (each distinct line reaches Drain once per bar), so they are not.
   */
  maxLines?: number;
  /** Most patterns to list (default 50). */
  limit?: number;
  /** Drain's similarity threshold (default 0.4). */
  similarity?: number;
}

/**
 * Groups the view's messages into patterns with Drain (see drain.ts), streaming them from DuckDB in batches, each
 * with a sparkline over the timeline's bars and a regular expression that selects its lines in SQL.
 */
export async function logPatterns(
  engine: Engine,
  req: ResolvedLogRequest,
  options: LogPatternsOptions = {},
): Promise<LogPatterns> {
  const started = performance.now();
  const msg = messageExpr(req.roles);
  if (!msg) {
    return {
      patterns: [],
      lines: 0,
      of: 0,
      rest: 0,
      elapsedMs: 0,
      note: `"${req.table}" has no message column to find patterns in; pick one in the roles.`,
    };
  }
  const maxLines = options.maxLines ?? 200_000;
  const frame = await timelineFrame(engine, req, options);
  const bars = frame.interval ? frame.last - frame.first + 1 : 1;
  const bucket: ExprNode | null = frame.interval ? sub(bucketExpr(req, frame.interval)!, frame.first) : null;
  const countQ = select({ n: count(), d: fn('approx_count_distinct', msg) })
    .from(table(req.table))
    .where(...whereOf(req), isNotNull(msg));
  const counted = (await engine.query(toSql(countQ, duckdbDialect()), options)).rows[0];
  const of = Number(counted?.n);
  const distinct = Number(counted?.d);
  const lines = select({ m: msg, b: bucket ?? 0 })
    .from(table(req.table))
    .where(...whereOf(req), isNotNull(msg));
  let sql = toSql(lines, duckdbDialect());
  // Reservoir sampling keeps the sample spread over the whole span (the newest lines alone would skew it).
  if (of > maxLines && distinct > maxLines / 4) {
    sql = `SELECT * FROM (${sql}) AS q USING SAMPLE reservoir(${Math.floor(maxLines)} ROWS) REPEATABLE (7)`;
  }
  // Identical lines in one bar reach Drain once with their count, and each distinct text is masked once: access
  // logs repeat the same request lines thousands of times. Sorted, so the same view always gives the same patterns.
  sql = `SELECT m, b, count(*) AS n FROM (${sql}) AS l GROUP BY m, b ORDER BY b, m`;
  const drain = new Drain(options.similarity === undefined ? {} : { similarity: options.similarity });
  const tokens = new Map<string, string[]>();
  let seen = 0;
  for await (const batch of engine.stream(sql, options)) {
    for (const row of batch.rows) {
      const m = String(row.m);
      const b = Number(row.b);
      const n = Number(row.n);
      let t = tokens.get(m);
      if (!t) {
        t = tokenize(m);
        if (tokens.size < MAX_CACHED) tokens.set(m, t);
      }
      drain.add(t, m, b >= 0 && b < bars ? b : 0, n);
      seen += n;
    }
  }
  const limit = options.limit ?? 50;
  const clusters = drain.clusters();
  const listed = clusters.slice(0, limit);
  const patterns = listed.map((c): LogPattern => {
    const template = c.tokens.join(' ');
    const series = new Array<number>(bars).fill(0);
    for (const [i, n] of c.series) series[i] = (series[i] ?? 0) + n;
    return {
      template,
      count: c.count,
      share: seen ? c.count / seen : 0,
      example: c.example,
      series,
      regex: templateRegex(template),
    };
  });
  const rest = clusters.slice(limit).reduce((a, c) => a + c.count, 0);
  const out: LogPatterns = { patterns, lines: seen, of, rest, elapsedMs: performance.now() - started };
  if (seen < of) {
    out.note = `Patterns come from an even sample of ${seen.toLocaleString('en-US')} of the ${of.toLocaleString('en-US')} lines; counts are of the sample.`;
  }
  return out;
}
