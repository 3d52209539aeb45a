// The shapes of the API explorer (docs/http.md): the request spec and the REST answers come from @sightline/spec;
// the names here are the ones this folder uses.
import type { HttpRequestSpec, HttpSaveTableSpecInput } from '@sightline/spec';

/** How to follow pages, as sent (defaults such as `start` may be left out). */
export type Pagination = NonNullable<HttpSaveTableSpecInput['paginate']>;

export type {
  ArraySuggestion,
  HttpAuth,
  HttpBody,
  HttpEnvironmentView as HttpEnvironment,
  HttpExchangeView as HttpExchange,
  HttpHistoryEntry,
  HttpMethod,
  HttpPair as KeyValue,
  HttpRequestSpec,
  HttpSaveTableResult as SaveTableOutcome,
  HttpTimings,
  HttpVariable as EnvVariable,
  OpenApiImport,
  OpenApiOperation,
} from '@sightline/spec';
export { HTTP_METHODS, SECRET_MASK } from '@sightline/spec';

/** What POST /http/save-table takes. */
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
