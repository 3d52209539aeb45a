// Curated public API of live connections (re-exported by the engine's index).
export { LIVE_MAX_ROWS, type LiveRunOptions, startLiveQuery } from './live-running-query.js';
export { redactUrl } from './redact.js';
export {
  builtinConnectors,
  ConnectorRegistry,
  openConnection,
  testConnection,
  validateConnectionUrl,
} from './registry.js';
export type { ConnectionSpec, Connector, LiveConnection, LiveQueryOptions, LiveTableInfo } from './types.js';
