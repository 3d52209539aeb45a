import type {
  ApiErrorInfo,
  Catalog,
  ImportOptions,
  ImportOutcome,
  ImportPreview,
  ImportProgressInfo,
  ImportSource,
  LiveTable,
  QueryStatus,
  RowsPage,
  UploadInfo,
} from './types.js';

/** An answer of the API in its one error shape (or a network failure, with code `network`). */
export class ApiRequestError extends Error {
  readonly info: ApiErrorInfo | { code: 'network'; message: string; hints: string[] };
  constructor(
    readonly status: number,
    info: ApiRequestError['info'],
  ) {
    super(info.message);
    this.name = 'ApiRequestError';
    this.info = info;
  }
}

type Fetch = typeof fetch;

/** Turns a non-OK response into an ApiRequestError, keeping the server's message and hints. */
async function failure(res: Response): Promise<ApiRequestError> {
  try {
    const body = (await res.json()) as { error?: ApiErrorInfo };
    if (body.error) return new ApiRequestError(res.status, body.error);
  } catch {
    // Not our error shape: describe the status below.
  }
  return new ApiRequestError(res.status, {
    code: 'internal',
    message: `The Sightline server answered ${res.status} ${res.statusText}.`,
    hints: ['Check the terminal where `sightline open` runs.'],
  });
}

/**
 * A small typed wrapper over the HTTP API (docs/server.md). The page is same-origin and authenticated by the
 * token cookie, so no token is handled here.
 */
export class ApiClient {
  constructor(
    private readonly base = '',
    private readonly fetchImpl: Fetch = (...args) => fetch(...args),
  ) {}

  /**
   * Any JSON endpoint under /api (areas use this for their own routes); failures become ApiRequestError. `signal`
   * aborts the request, and the server stops work it started for it (it watches the request's own signal).
   */
  request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    return this.call(method, path, body, signal);
  }

  private async call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.base}/api${path}`, {
        method,
        credentials: 'same-origin',
        ...(signal ? { signal } : {}),
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiRequestError(0, {
        code: 'network',
        message: 'The Sightline server cannot be reached.',
        hints: ['Check that `sightline open` is still running, then reload the page.'],
      });
    }
    if (!res.ok) throw await failure(res);
    return (await res.json()) as T;
  }

  /** Tables with columns and row counts, and connections. */
  catalog(): Promise<Catalog> {
    return this.call('GET', '/catalog');
  }
  /** Starts a query (on the workspace, or pushed down to the live connection `on`); returns its id. */
  startQuery(sql: string, on?: string): Promise<{ id: string }> {
    return this.call('POST', '/queries', on === undefined ? { sql } : { sql, on });
  }
  /** Tables and columns of a live connection (for the catalog and autocomplete). */
  connectionCatalog(name: string): Promise<{ tables: LiveTable[] }> {
    return this.call('GET', `/connections/${encodeURIComponent(name)}/catalog`);
  }
  /** State, progress, elapsed time and (when done) the result's shape. */
  queryStatus(id: string): Promise<QueryStatus> {
    return this.call('GET', `/queries/${encodeURIComponent(id)}`);
  }
  /** One page of a finished query's rows. */
  rows(id: string, offset: number, limit: number): Promise<RowsPage> {
    return this.call('GET', `/queries/${encodeURIComponent(id)}/rows?offset=${offset}&limit=${limit}`);
  }
  /** Cancels a running query. */
  cancelQuery(id: string): Promise<QueryStatus> {
    return this.call('POST', `/queries/${encodeURIComponent(id)}/cancel`);
  }
  /** Forgets a query and frees its result on the server. */
  dropQuery(id: string): Promise<unknown> {
    return this.call('DELETE', `/queries/${encodeURIComponent(id)}`);
  }
  /** Uploads in progress and finished. */
  uploads(): Promise<UploadInfo[]> {
    return this.call('GET', '/uploads');
  }
  /** What an import of an upload would do, with the user's overrides. Nothing is created. */
  previewImport(source: ImportSource, options: ImportOptions, sampleRows = 50): Promise<ImportPreview> {
    return this.call('POST', '/imports/preview', { ...source, options, sampleRows });
  }
  /** Imports an upload (or a workspace file) into a table. */
  importFrom(source: ImportSource, options: ImportOptions, progressId?: string): Promise<ImportOutcome[]> {
    return this.call('POST', '/imports', { ...source, options, ...(progressId ? { progressId } : {}) });
  }
  /** How far an import started with `progressId` is. */
  importProgress(progressId: string): Promise<ImportProgressInfo> {
    return this.call('GET', `/imports/progress/${encodeURIComponent(progressId)}`);
  }
  /** Creates the sample dataset (needs the server's POST /api/sample). */
  createSample(): Promise<unknown> {
    return this.call('POST', '/sample', {});
  }
  /** Downloads the result of `sql` as a file (a Blob), named `filename`. */
  async exportSql(sql: string, format: 'csv' | 'parquet' | 'json' | 'xlsx', filename: string): Promise<Blob> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.base}/api/export`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sql, format, filename }),
      });
    } catch {
      throw new ApiRequestError(0, {
        code: 'network',
        message: 'The Sightline server cannot be reached.',
        hints: ['Check that `sightline open` is still running, then reload the page.'],
      });
    }
    if (!res.ok) throw await failure(res);
    return res.blob();
  }
}

/** Uploads a file with progress (fetch cannot report upload progress, XMLHttpRequest can). */
export function uploadFile(
  file: File,
  onProgress: (sent: number, total: number) => void,
  base = '',
): { done: Promise<UploadInfo>; abort(): void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadInfo>((resolve, reject) => {
    xhr.open('POST', `${base}/api/uploads?name=${encodeURIComponent(file.name)}`);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as UploadInfo);
      else {
        const info = (body as { error?: ApiErrorInfo } | undefined)?.error ?? {
          code: 'internal' as const,
          message: `The upload of ${file.name} failed (${xhr.status}).`,
          hints: [],
        };
        reject(new ApiRequestError(xhr.status, info));
      }
    };
    xhr.onerror = () =>
      reject(
        new ApiRequestError(0, {
          code: 'network',
          message: `The upload of ${file.name} was interrupted.`,
          hints: ['Check that `sightline open` is still running, then try again.'],
        }),
      );
    xhr.onabort = () =>
      reject(new ApiRequestError(0, { code: 'network', message: 'The upload was cancelled.', hints: [] }));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
