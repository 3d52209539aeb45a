export {
  type CompileBuilderOptions,
  type CompiledBuilder,
  compileBuilder,
  SAVED_CTE_PREFIX,
  SQL_SOURCE_CTE,
} from './compile.js';
export { escapeLike, isZonedType } from './conditions.js';
export { describeCondition, describeSource, describeStep } from './describe.js';
export {
  type FormulaError,
  type FormulaNode,
  type FormulaOp,
  type FormulaResult,
  parseFormula,
  printFormula,
} from './formula-parse.js';
export { FORMULA_FUNCTIONS, FORMULA_TRUNC_UNITS, formulaColumns, formulaToSql } from './formula-sql.js';
export { aggregateName, didYouMean, groupName } from './names.js';
export { normalizeBuilder, normalizeFormula } from './normalize.js';
export { builderFromTree, type ParseBackOptions, type ParseBackResult } from './parse-tree.js';
export {
  AGGREGATE_FNS,
  type Aggregate,
  type AggregateFn,
  BUCKETS,
  type Bucket,
  type BuilderQuery,
  type BuilderQueryInput,
  BuilderQuerySchema,
  type BuilderSource,
  BuilderSourceSchema,
  type CustomColumnStep,
  FILTER_OPS,
  type FilterCondition,
  type FilterOp,
  type FilterStep,
  type FilterValue,
  type GroupBy,
  type JoinStep,
  type LimitStep,
  parseBuilderQuery,
  RELATIVE_DATE_OPS,
  type SortStep,
  type Step,
  StepSchema,
  type SummarizeStep,
} from './schema.js';
export type { BuilderCompileError, ColumnInfo } from './steps-sql.js';
