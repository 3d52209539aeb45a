import { createReadStream, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  exchangeJson,
  HttpEnvironmentStore,
  type HttpExchange,
  HttpHistoryStore,
  SightlineError,
  saveHttpAsTable,
  sendHttp,
  stringifyLossless,
} from '@sightline/engine';
import { findRunningServer } from '@sightline/server';
import {
  detectPagination,
  HTTP_METHODS,
  type HttpEnvironment,
  type HttpPagination,
  type HttpRequestSpec,
  type HttpSaveTableResult,
  HttpSaveTableSpecSchema,
  parseCurl,
  quoteShellWord,
} from '@sightline/spec';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit.js';
import { formatBytes, formatDuration } from '../output/human.js';

/** Options of `sightline http`. */
export interface HttpCommandOptions {
  header?: string[];
  data?: string;
  env?: string;
  as?: string;
  array?: string;
  mode?: string;
  paginate?: boolean;
  maxPages?: string;
  fail?: boolean;
}

const MODES = ['create', 'replace', 'append'] as const;

/** Collects a repeatable option's values (`-H a -H b`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function readData(data: string): string {
  if (!data.startsWith('@')) return data;
  const path = data.slice(1);
  if (path === '-') return readFileSync(0, 'utf8');
  if (!existsSync(path)) {
    throw new SightlineError(`The body file ${path} doesn't exist.`, {
      hints: ['Check the path after @, or pass the body itself: -d \'{"a": 1}\'.'],
    });
  }
  return readFileSync(path, 'utf8');
}

/** The request the command line describes, read the way the same curl command would be. */
function requestFrom(method: string, url: string, opts: HttpCommandOptions): HttpRequestSpec {
  const m = method.toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(m)) {
    throw new UsageError(`"${method}" isn't an HTTP method Sightline sends.`, [
      `Use one of ${HTTP_METHODS.join(', ')}, e.g. sightline http GET https://api.example.com/items`,
    ]);
  }
  for (const h of opts.header ?? []) {
    if (!/^[^:\s]+:/.test(h) && !/^[^;\s]+;$/.test(h)) {
      throw new UsageError(`The header "${h}" should look like 'Name: value'.`, [
        "Example: -H 'Accept: application/json'",
      ]);
    }
  }
  const words = [
    'curl',
    '-X',
    m,
    url,
    ...(opts.header ?? []).flatMap((h) => ['-H', h]),
    ...(opts.data === undefined ? [] : ['--data-raw', readData(opts.data)]),
  ];
  const parsed = parseCurl(words.map(quoteShellWord).join(' '));
  if (!parsed.ok) throw new UsageError(parsed.error);
  return parsed.value;
}

function environmentFor(ctx: CliContext, name: string | undefined): HttpEnvironment | undefined {
  return name === undefined ? undefined : HttpEnvironmentStore.forWorkspace(ctx.workspaceDir).require(name);
}

function timingLine(x: HttpExchange): string {
  const t = x.timings;
  const phase = (label: string, ms: number | null) => `${label} ${ms === null ? '-' : formatDuration(ms)}`;
  return `${x.status} ${x.statusText} · ${formatBytes(x.size)} · ${formatDuration(t.total)} (${[
    phase('dns', t.dns),
    phase('connect', t.connect),
    phase('tls', t.tls),
    phase('first byte', t.firstByte),
  ].join(', ')})`;
}

async function send(ctx: CliContext, request: HttpRequestSpec, env: HttpEnvironment | undefined) {
  const history = existsSync(ctx.workspaceDir) ? HttpHistoryStore.forWorkspace(ctx.workspaceDir) : undefined;
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  try {
    const exchange = await sendHttp(request, {
      ...(env ? { environment: env } : {}),
      allowPrivate: true,
      bodyDir: join(ctx.workspaceDir, 'tmp', 'http'),
      signal: abort.signal,
    });
    history?.record(request, env, { exchange });
    return exchange;
  } catch (err) {
    history?.record(request, env, { error: err });
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

async function printBody(ctx: CliContext, x: HttpExchange): Promise<void> {
  if (x.bodyFile) {
    for await (const chunk of createReadStream(x.bodyFile)) await ctx.out(chunk.toString());
    return;
  }
  const json = ctx.io.stdout.isTTY ? exchangeJson(x, { lossless: true }) : undefined;
  const text = json === undefined ? x.body.toString('utf8') : stringifyLossless(json, 2);
  await ctx.out(text.endsWith('\n') || text === '' || !ctx.io.stdout.isTTY ? text : `${text}\n`);
}

async function saveRemote(
  server: { url: string; token: string },
  spec: unknown,
): Promise<HttpSaveTableResult> {
  const res = await fetch(new URL('api/http/save-table', server.url.replace(/\/?$/, '/')), {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
  const body = (await res.json()) as HttpSaveTableResult & { error?: { message: string; hints: string[] } };
  if (body.error) throw new SightlineError(body.error.message, { hints: body.error.hints });
  return body;
}

/**
 * `sightline http METHOD URL`: sends a request (body to stdout; status, headers and timings to stderr), or with
 * `--as TABLE` saves the rows of its JSON answer (following pages with `--paginate`) as a table.
 */
export async function httpCommand(
  ctx: CliContext,
  method: string,
  url: string,
  opts: HttpCommandOptions,
): Promise<void> {
  const request = requestFrom(method, url, opts);
  const env = environmentFor(ctx, opts.env);
  if (opts.as === undefined) {
    for (const flag of ['array', 'mode', 'paginate', 'maxPages'] as const) {
      if (opts[flag] !== undefined) {
        const name = flag === 'maxPages' ? '--max-pages' : `--${flag}`;
        throw new UsageError(`${name} only works with --as TABLE.`, [
          'Add --as NAME to save the answer as a table.',
        ]);
      }
    }
    const x = await send(ctx, request, env);
    for (const r of x.redirects) ctx.note(`→ ${r.status} ${r.location}`);
    ctx.note(`HTTP/1.1 ${x.status} ${x.statusText}`);
    for (const [name, value] of x.headers) ctx.note(`${name}: ${value}`);
    ctx.note('');
    try {
      await printBody(ctx, x);
    } finally {
      if (x.bodyFile) rmSync(x.bodyFile, { force: true });
    }
    ctx.note(timingLine(x));
    if (opts.fail && x.status >= 400) {
      throw new SightlineError(`The server answered ${x.status} ${x.statusText}.`, {
        hints: ['Leave out --fail to exit 0 on any answer, as curl does.'],
      });
    }
    return;
  }
  const mode = opts.mode ?? 'create';
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new UsageError(`--mode must be one of ${MODES.join(', ')}, not "${mode}".`);
  }
  const maxPages = opts.maxPages === undefined ? 20 : Number(opts.maxPages);
  if (!Number.isInteger(maxPages) || maxPages < 1 || maxPages > 1000) {
    throw new UsageError(`--max-pages must be a whole number from 1 to 1000, not "${opts.maxPages}".`);
  }
  let paginate: HttpPagination | undefined;
  if (opts.paginate) {
    const first = await send(ctx, request, env);
    if (first.bodyFile) rmSync(first.bodyFile, { force: true });
    const found = detectPagination(request, { headers: first.headers, json: exchangeJson(first) });
    if (found) paginate = found;
    else
      ctx.note(
        'note: no paging found (no Link header, next cursor, or page/offset parameter); saving one page.',
      );
  }
  const spec = HttpSaveTableSpecSchema.parse({
    request,
    table: opts.as,
    mode,
    maxPages,
    ...(opts.env ? { environment: opts.env } : {}),
    ...(opts.array ? { arrayPath: opts.array } : {}),
    ...(paginate ? { paginate } : {}),
  });
  const server = findRunningServer(ctx.workspaceDir);
  const result = server
    ? await saveRemote(server, spec)
    : await saveHttpAsTable(await ctx.localWorkspace('saving an API answer'), spec, {
        ...(env ? { environment: env } : {}),
        allowPrivate: true,
      });
  ctx.note(result.message);
  await ctx.printRows(
    [
      { name: 'table', type: 'VARCHAR' },
      { name: 'rows', type: 'BIGINT' },
      { name: 'pages', type: 'BIGINT' },
      { name: 'columns', type: 'BIGINT' },
      { name: 'stopped_by', type: 'VARCHAR' },
    ],
    [
      [
        {
          table: result.table,
          rows: result.rows,
          pages: result.pages,
          columns: result.columns.length,
          stopped_by: result.stoppedBy,
        },
      ],
    ],
    { footer: false },
  );
}
