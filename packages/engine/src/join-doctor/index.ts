// Curated exports of the join doctor: match figures, fan-out, key mismatches with fixes, key suggestions.
export { diagnoseJoin } from './diagnose.js';
export { suggestKeys } from './suggest-keys.js';
export type {
  DuplicateKey,
  FanOut,
  JoinKind,
  JoinReport,
  JoinRequest,
  JoinSource,
  KeyMismatch,
  KeyPair,
  KeySample,
  KeySuggestion,
  KeyTransform,
  MismatchKind,
  SideFigures,
  TransformStep,
} from './types.js';
