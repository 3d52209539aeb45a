// The log view: roles of a log table, and the timeline, facets, lines, patterns and SQL of a filtered view.
export { Drain, type DrainCluster, type DrainOptions, WILDCARD } from './drain.js';
export { type LogFacet, logFacets } from './facets.js';
export { autoInterval, intervalLabels, type LogInterval } from './interval.js';
export { maskLine, tokenize } from './mask.js';
export { type LogPattern, type LogPatterns, type LogPatternsOptions, logPatterns } from './patterns.js';
export { resolveLogRequest } from './resolve.js';
export { logRoles } from './roles.js';
export { type LogRowsPage, logRows, logViewSql } from './rows.js';
export { parseSearch, type SearchTerm } from './search-query.js';
export { templateRegex } from './template-regex.js';
export { type LogTimeline, logTimeline, type TimelineBucket } from './timeline.js';
export type {
  LogFilter,
  LogRoles,
  LogRolesAnswer,
  LogSeverityKind,
  LogTimeKind,
  LogViewColumn,
  LogViewRequest,
  ResolvedLogRequest,
} from './types.js';
