export { type CompiledFunnel, type CompileFunnelOptions, compileFunnel } from './compile.js';
export {
  type FunnelGroupResult,
  type FunnelResult,
  type FunnelResultRow,
  type FunnelStepResult,
  funnelResultFromRows,
} from './result.js';
export {
  type FunnelExclusion,
  FunnelExclusionSchema,
  type FunnelSpec,
  type FunnelSpecInput,
  FunnelSpecSchema,
  parseExclusion,
} from './schema.js';
