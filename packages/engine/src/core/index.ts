// Curated public API of the engine core (workspace, DuckDB engine, results, errors, export, catalog).
export { closeMatches } from './catalog.js';
export { readWorkspaceConfig, type WorkspaceConfig, writeWorkspaceConfig } from './config.js';
export {
  defaultMemoryLimit,
  Engine,
  type EngineOptions,
  type QueryOptions,
  type RowBatch,
} from './engine.js';
export { type ExportFormat, type ExportOptions, type ExportResult, exportFormatFor } from './export.js';
export { toJsonConverter } from './json-values.js';
export { MemoryPagedResult, type PagedResult } from './paged-result.js';
export { parseDuckDBError, QueryError, type SqlPosition } from './query-error.js';
export { formatDuration, type RunOptions } from './query-watch.js';
export type { QueryProgress, RunningQuery } from './running-query.js';
export { Workspace, type WorkspaceOpenOptions } from './workspace.js';
export { XLSX_MAX_ROWS } from './xlsx-writer.js';
