// The join doctor's answer as the browser receives it (POST /api/join-doctor): the engine's own types, re-exported
// by the server, so the two cannot drift apart.
export type {
  FanOut,
  JoinReport,
  KeyMismatch,
  KeySample,
  KeySuggestion,
  KeyTransform,
  SideFigures,
  TransformStep,
} from '@sightline/server';
