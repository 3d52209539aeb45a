import type { HttpEnvironment, HttpRequestSpec } from './schema.js';

/** Milliseconds spent in each phase; null when the phase did not happen (no TLS, a reused socket, an IP host). */
export interface HttpTimings {
  dns: number | null;
  connect: number | null;
  tls: number | null;
  firstByte: number | null;
  total: number;
}

/** One hop of a followed redirect. */
export interface HttpRedirect {
  status: number;
  location: string;
}

/** An array inside a JSON response that could become a table, best first. */
export interface ArraySuggestion {
  /** `$` for the document itself, `$.data.items`, `$["odd key"]`. */
  path: string;
  length: number;
  /** Keys of the first items (objects), or `["value"]` for an array of scalars. */
  columns: string[];
}

/** What `POST /api/http/send` returns: the response as the UI shows it. */
export interface HttpExchangeView {
  /** The URL finally answered (after redirects), with secrets masked. */
  url: string;
  status: number;
  statusText: string;
  headers: [string, string][];
  /** Bytes of the decoded body. */
  size: number;
  contentType: string | null;
  timings: HttpTimings;
  redirects: HttpRedirect[];
  /** The body as text (the first 1 MB). */
  body: string;
  bodyTruncated: boolean;
  /** Set when the body is binary (an image, a zip): `body` is then empty. */
  binary?: boolean;
  /** Where the whole body was saved when it was over 1 MB (a path inside the workspace). */
  bodyFile?: string;
  /** The parsed body when it is JSON (and complete). */
  json?: unknown;
  arrays: ArraySuggestion[];
}

/** An environment as the API returns it: secret values are masked. */
export type HttpEnvironmentView = HttpEnvironment;

/** The mask shown instead of a secret value. */
export const SECRET_MASK = '••••••';

/** One entry of the request history (newest first), secrets masked. */
export interface HttpHistoryEntry {
  id: string;
  at: string;
  environment: string | null;
  request: HttpRequestSpec;
  status: number | null;
  error: string | null;
  timings: HttpTimings | null;
  size: number | null;
}

/** An operation of an imported OpenAPI document, ready to send. */
export interface OpenApiOperation {
  method: string;
  path: string;
  operationId: string | null;
  summary: string | null;
  tags: string[];
  parameters: { name: string; in: 'query' | 'header' | 'path'; required: boolean; example: string | null }[];
  requestBodyExample: string | null;
  /** The operation as a request on `{{base_url}}`. */
  request: HttpRequestSpec;
}

/** What `POST /api/http/openapi` returns. */
export interface OpenApiImport {
  title: string;
  version: string | null;
  servers: string[];
  operations: OpenApiOperation[];
}

/** What "Save as table" did. */
export interface HttpSaveTableResult {
  table: string;
  rows: number;
  pages: number;
  columns: string[];
  arrayPath: string;
  /** Why paging stopped: the last page, an empty page, or the page limit. */
  stoppedBy: 'single' | 'last-page' | 'empty-page' | 'max-pages';
  message: string;
}
