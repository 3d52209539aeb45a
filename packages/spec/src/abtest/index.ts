export { compileAbTest } from './compile.js';
export {
  type AbTestComparison,
  type AbTestResult,
  type AbTestRow,
  abtestResultFromRows,
  chooseControl,
  compareBytes,
} from './result.js';
export { type AbTestSpec, type AbTestSpecInput, AbTestSpecSchema } from './schema.js';
export { chiSquareSf, studentQuantile, studentTwoSided } from './special.js';
export {
  SRM_THRESHOLD,
  type SrmResult,
  srmTest,
  type VariantSummary,
  type WelchResult,
  welchTest,
} from './stats.js';
export { describeAbTest, formatNumber, formatP } from './summary.js';
