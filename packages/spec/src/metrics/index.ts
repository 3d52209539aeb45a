export { formatDuration, type Parsed, parseDuration } from './duration.js';
export { actorPresent, eventTime, filterExpr, inRange, localMidnight, matchesEvent } from './event-sql.js';
export {
  DateSchema,
  type EventMatch,
  EventMatchSchema,
  type EventTable,
  EventTableSchema,
  FilterValueSchema,
  type PropertyFilter,
  PropertyFilterSchema,
  RangeSchema,
  type Source,
  SourceSchema,
  type TimeKind,
  TimeKindSchema,
  TimeZoneSchema,
} from './event-table.js';
export { splitStatsColumns } from './stats-in-result.js';
