export { type AssignmentsRequest, assignmentsAbtestInput } from './abtest-assignments.js';
export {
  answerMetric,
  type MetricAnswer,
  type MetricRequest,
  metricInputFor,
  metricRequestSql,
} from './request.js';
export { type DetectedTimeKind, guessRoles, type Roles, timeKindOf } from './roles.js';
export {
  type MetricInput,
  type MetricOutput,
  metricOptions,
  metricSql,
  parseMetric,
  runMetric,
} from './run.js';
export {
  describeEventSource,
  type EventSource,
  qualifiedSource,
  type ResolvedSource,
  resolveSource,
  sourceSql,
} from './source.js';
export { duckdbTarget, liveTarget, type MetricTarget } from './target.js';
