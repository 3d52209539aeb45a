import { isAbsolute, resolve } from 'node:path';
import type { ColumnInfo, JsonRow, RowBatch } from '@sightline/engine';
import { SightlineError } from '@sightline/engine';
import type { Backend } from './backend.js';

interface ErrorBody {
  error?: { code?: string; message?: string; hints?: string[] };
}

/** The workspace as served by a running `sightline open` (found through its server.json). */
export function remoteBackend(server: { url: string; token: string }): Backend {
  const base = server.url.replace(/\/?$/, '/');
  const call = async (path: string, init: { method?: string; json?: unknown; signal?: AbortSignal } = {}) => {
    let res: Response;
    try {
      res = await fetch(new URL(path, base), {
        method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
        headers: {
          authorization: `Bearer ${server.token}`,
          ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    } catch (err) {
      throw new SightlineError(`The Sightline workbench serving this workspace (${base}) did not answer.`, {
        hints: ['If it was stopped, run the command again; otherwise check the terminal where it runs.'],
        cause: err,
      });
    }
    if (!res.ok) throw await toError(res);
    return res;
  };
  const json = async <T>(
    path: string,
    init: { method?: string; json?: unknown; signal?: AbortSignal } = {},
  ) => (await (await call(path, init)).json()) as T;
  const table = (name: string) => encodeURIComponent(name);
  return {
    kind: 'server',
    async *stream(sql, opts = {}) {
      const res = await call('api/query', { json: { sql, format: 'events', ...opts } });
      let columns: ColumnInfo[] = [];
      for await (const line of ndjsonLines(res)) {
        const event = JSON.parse(line) as {
          columns?: ColumnInfo[];
          rows?: JsonRow[];
          error?: ErrorBody['error'];
        };
        if (event.columns) columns = event.columns;
        if (event.rows) yield { columns, rows: event.rows } satisfies RowBatch;
        if (event.error) throw fromBody({ error: event.error });
      }
    },
    query: (sql, opts = {}) =>
      json('api/query', {
        json: { sql, format: 'json', ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) },
        ...(opts.signal ? { signal: opts.signal } : {}),
      }),
    tables: () => json('api/tables'),
    describe: (name) => json(`api/tables/${table(name)}/describe`),
    rejects: (name) => json(`api/tables/${table(name)}/rejects`),
    exportTo: (source, path) => json('api/export/file', { json: { sql: source, to: absolute(path) } }),
    importFiles: ({ paths, ...options }, opts) =>
      json('api/imports', {
        json: { paths: paths.map(absolute), options: dropUndefined(options) },
        ...(opts.signal ? { signal: opts.signal } : {}),
      }),
    close: async () => {},
  };
}

function absolute(path: string): string {
  return isAbsolute(path) ? path : resolve(path);
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

async function toError(res: Response): Promise<SightlineError> {
  let body: ErrorBody = {};
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // Not the server's JSON error shape: fall through to a generic message.
  }
  return fromBody(body, res.status);
}

function fromBody(body: ErrorBody, status?: number): SightlineError {
  const e = body.error ?? {};
  const kind = e.code === 'internal' ? 'internal' : e.code === 'bad_request' ? 'usage' : 'user';
  return new SightlineError(
    e.message ?? `The workbench server answered with status ${status ?? 'unknown'}.`,
    {
      kind,
      hints: e.hints ?? [],
    },
  );
}

async function* ndjsonLines(res: Response): AsyncIterable<string> {
  if (!res.body) return;
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      const line = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      if (line) yield line;
      nl = pending.indexOf('\n');
    }
  }
  const last = (pending + decoder.decode()).trim();
  if (last) yield last;
}
