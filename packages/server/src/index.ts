// The engine's import shapes, as the import routes answer them (the web app's types come from here).
// The join doctor's report as POST /api/join-doctor answers it (the web app's types come from here).
// The Logs view's requests and answers (POST /api/logs/*).
export type {
  DetectedOptions,
  FanOut,
  ImportOutcome,
  ImportPreview,
  JoinReport,
  KeyMismatch,
  KeySample,
  KeySuggestion,
  KeyTransform,
  LogFacet,
  LogFilter,
  LogPattern,
  LogPatterns,
  LogRoles,
  LogRolesAnswer,
  LogRowsPage,
  LogTimeline,
  LogViewRequest,
  RejectedRow,
  SideFigures,
  TimelineBucket,
  TransformStep,
} from '@sightline/engine';
export { type AppOptions, type AppType, createApp, type SightlineApp } from './app.js';
export type { ErrorBody, ErrorCode } from './errors.js';
export type { ColumnProfileWithHistogram, HistogramBin } from './profile.js';
export type { QueryState, QueryStatus } from './query-registry.js';
export type { ConnectionInfo } from './routes/catalog.js';
export type { ImportOverrides, ImportProgressInfo } from './routes/imports.js';
export type { RunEvent } from './routes/run.js';
export { findRunningServer, type RunningServer } from './server-file.js';
export { type ServerHandle, type StartServerOptions, startServer } from './start-server.js';
export type { UploadInfo } from './uploads.js';
