// The engine's import shapes, as the import routes answer them (the web app's types come from here).
export type { DetectedOptions, ImportOutcome, ImportPreview, RejectedRow } from '@sightline/engine';
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
