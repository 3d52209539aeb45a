import type { ApiClient } from '../api/client.js';
import type {
  EnvVariable,
  HttpEnvironment,
  HttpExchange,
  HttpHistoryEntry,
  HttpRequestSpec,
  OpenApiImport,
  SaveTableOutcome,
  SaveTableRequest,
} from './http-types.js';

/** A variable as sent to PUT: a secret's value null keeps the stored one. */
export type EnvVariableUpdate = Omit<EnvVariable, 'value'> & { value: string | null };

/** The API explorer's routes (docs/http.md), over the workbench's client. */
export class HttpApi {
  constructor(private readonly api: ApiClient) {}

  /**
   * Sends a request through the server and returns what came back. Aborting `signal` closes the call, which stops
   * the server's outgoing request too.
   */
  async send(
    request: HttpRequestSpec,
    environment: string | null,
    signal?: AbortSignal,
  ): Promise<HttpExchange> {
    const body = { request, ...(environment ? { environment } : {}) };
    const res = await this.api.request<{ exchange: HttpExchange }>('POST', '/http/send', body, signal);
    return res.exchange;
  }
  /** The environments, secret values masked. */
  async environments(): Promise<HttpEnvironment[]> {
    const res = await this.api.request<{ environments: HttpEnvironment[] }>('GET', '/http/environments');
    return res.environments;
  }
  /** Creates or replaces an environment (a secret sent as null keeps its stored value). */
  async saveEnvironment(name: string, variables: EnvVariableUpdate[]): Promise<void> {
    await this.api.request('PUT', `/http/environments/${encodeURIComponent(name)}`, { variables });
  }
  /** Deletes an environment. */
  async deleteEnvironment(name: string): Promise<void> {
    await this.api.request('DELETE', `/http/environments/${encodeURIComponent(name)}`);
  }
  /** Past requests, newest first (secrets masked). */
  async history(): Promise<HttpHistoryEntry[]> {
    const res = await this.api.request<{ history: HttpHistoryEntry[] }>('GET', '/http/history');
    return res.history;
  }
  /** Forgets the request history. */
  async clearHistory(): Promise<void> {
    await this.api.request('DELETE', '/http/history');
  }
  /** A cURL command as a request, with notes on what was left out (`-k`, a cookie file...). */
  parseCurl(curl: string): Promise<{ request: HttpRequestSpec; notes: string[] }> {
    return this.api.request<{ request: HttpRequestSpec; notes: string[] }>('POST', '/http/curl/parse', {
      curl,
    });
  }
  /** The request as a cURL command (secrets as `$NAME` shell variables). */
  async exportCurl(request: HttpRequestSpec, environment: string | null): Promise<string> {
    const res = await this.api.request<{ curl: string }>('POST', '/http/curl/export', {
      request,
      ...(environment ? { environment } : {}),
    });
    return res.curl;
  }
  /** The operations of an OpenAPI 3 document (JSON or YAML text). */
  openApi(text: string): Promise<OpenApiImport> {
    return this.api.request<OpenApiImport>('POST', '/http/openapi', { text });
  }
  /** Saves the response's array (all pages) as a table. */
  saveTable(spec: SaveTableRequest): Promise<SaveTableOutcome> {
    return this.api.request<SaveTableOutcome>('POST', '/http/save-table', spec);
  }
}
