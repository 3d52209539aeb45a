// Each area keeps its own curated index; this file only stitches them together.
export * from './builder/index.js';
export * from './connections/index.js';
export * from './core/index.js';
export { type ErrorKind, isSightlineError, SightlineError } from './errors.js';
export * from './http/index.js';
export * from './import/index.js';
export * from './join-doctor/index.js';
export * from './lessons/index.js';
export * from './log-view/index.js';
export * from './logs/index.js';
export * from './metrics/index.js';
export * from './sample/index.js';
export * from './teach/index.js';
export type { ColumnInfo, ColumnProfile, JsonRow, JsonValue, QueryResult, TableInfo } from './types.js';
