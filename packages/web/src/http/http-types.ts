// The shapes of the API explorer's routes (docs/http.md), as the web app reads them. The request itself is the
// spec's HttpRequestSpec (version 1); it is restated here so the page does not depend on engine-side code.

/** One name/value row of the query string or the headers; unticked rows are kept but not sent. */
export interface KeyValue {
  name: string;
  value: string;
  enabled: boolean;
}

/** The request body. */
export type HttpBody =
  | { kind: 'none' }
  | { kind: 'json'; text: string }
  | { kind: 'form'; fields: { name: string; value: string }[] }
  | { kind: 'raw'; text: string; contentType: string };

/** How the request proves who it is. */
export type HttpAuth =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'apiKey'; name: string; value: string; in: 'header' | 'query' };

/** A request as a versioned, JSON-serialisable spec; values may hold `{{variable}}` placeholders. */
export interface HttpRequestSpec {
  version: 1;
  method: string;
  url: string;
  query: KeyValue[];
  headers: KeyValue[];
  body: HttpBody;
  auth: HttpAuth;
}

/** Time spent in each phase, in ms (null when the phase did not happen, e.g. no TLS or a reused socket). */
export interface HttpTimings {
  dns: number | null;
  connect: number | null;
  tls: number | null;
  firstByte: number | null;
  total: number;
}

/** An array in a JSON response that could become a table (best first). */
export interface ArraySuggestion {
  path: string;
  length: number;
  columns: string[];
}

/** What came back. */
export interface HttpExchange {
  /** The URL finally answered (after redirects), secrets masked. */
  url: string;
  status: number;
  statusText: string;
  headers: [string, string][];
  size: number;
  contentType: string | null;
  timings: HttpTimings;
  redirects: { status: number; location: string }[];
  body: string;
  bodyTruncated: boolean;
  /** Where the whole body was saved when it was over 1 MB. */
  bodyFile?: string;
  json?: unknown;
  arrays: ArraySuggestion[];
}

/** One variable of an environment; a secret's value comes back masked (SECRET_MASK). */
export interface EnvVariable {
  name: string;
  value: string;
  secret: boolean;
}

/** The mask the server shows instead of a secret value. */
export const SECRET_MASK = '••••••';

/** A named set of variables (`{{base_url}}`, tokens). */
export interface HttpEnvironment {
  name: string;
  variables: EnvVariable[];
}

/** One past request (secrets masked by the server). */
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

/** One operation of an imported OpenAPI document. */
export interface OpenApiOperation {
  method: string;
  path: string;
  operationId: string | null;
  summary: string | null;
  tags: string[];
  /** The operation as a request on `{{base_url}}`. */
  request: HttpRequestSpec;
}

/** An imported OpenAPI document. */
export interface OpenApiImport {
  title: string;
  version: string | null;
  servers: string[];
  operations: OpenApiOperation[];
}

/** How to follow pages. */
export type Pagination =
  | { kind: 'link' }
  | { kind: 'cursor'; cursorPath: string; param: string }
  | { kind: 'page'; param: string; start?: number }
  | { kind: 'offset'; param: string; limitParam?: string; pageSize: number; start?: number };

/** What POST /http/save-table does. */
export interface SaveTableRequest {
  request: HttpRequestSpec;
  environment?: string;
  table: string;
  arrayPath?: string;
  flatten: boolean;
  paginate?: Pagination;
  maxPages: number;
  /** When the table exists: refuse (create, the default), replace it, or add the rows (append). */
  mode?: 'create' | 'replace' | 'append';
}

/** What it made. */
export interface SaveTableOutcome {
  table: string;
  rows: number;
  pages: number;
  columns: string[];
  arrayPath: string;
  /** Why paging stopped: one request only, the last page, an empty page, or the page limit. */
  stoppedBy: 'single' | 'last-page' | 'empty-page' | 'max-pages';
  /** The outcome in one plain sentence. */
  message: string;
}
