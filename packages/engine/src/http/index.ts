// Curated exports of the HTTP area: sending requests, environments, history, OpenAPI import, saving as a table.
export { privateAddressKind } from './address-policy.js';
export { ENVIRONMENTS_FILE, HttpEnvironmentStore, type VariableUpdate } from './environments.js';
export { exchangeJson, toExchangeView } from './exchange-view.js';
export { formatBytes } from './format-bytes.js';
export { HISTORY_FILE, HISTORY_LIMIT, HttpHistoryStore } from './history.js';
export { formatSeconds } from './http-errors.js';
export { stringifyLossless } from './lossless-json.js';
export { importOpenApi } from './openapi.js';
export { PAGE_COLUMN, type SaveHttpOptions, saveHttpAsTable } from './save-table.js';
export {
  DEFAULT_HTTP_LIMITS,
  type HttpExchange,
  type HttpLimits,
  type SendHttpOptions,
  sendHttp,
} from './send.js';
export { allowPrivateFor, type HttpSettings, httpSettings } from './settings.js';
