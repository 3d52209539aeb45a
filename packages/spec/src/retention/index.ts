export { compileRetention, type RetentionHints, retentionHintQuery } from './compile.js';
export {
  type RetentionCohort,
  type RetentionResult,
  type RetentionRow,
  retentionResultFromRows,
} from './result.js';
export {
  MAX_RETENTION_PERIODS,
  type RetentionSpec,
  type RetentionSpecInput,
  RetentionSpecSchema,
} from './schema.js';
