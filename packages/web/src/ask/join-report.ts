// The join doctor's answer as the browser receives it (POST /api/join-doctor); mirrors the engine's JoinReport.

/** A key value (one entry per key pair) and how many rows carry it. */
export interface KeySample {
  key: (string | number | boolean | null)[];
  rows: number;
}

/** One step of a key transformation. */
export type TransformStep =
  | { op: 'trim' }
  | { op: 'lower' }
  | { op: 'ltrimZeros' }
  | { op: 'lpad'; width: number }
  | { op: 'cast'; to: 'BIGINT' | 'DOUBLE' | 'VARCHAR' | 'DATE' }
  | { op: 'strptime'; format: string };

/** A rewritten key column. */
export interface KeyTransform {
  column: string;
  steps: TransformStep[];
  sql: string;
  name: string;
}

/** A difference between key columns, with a fix and the measured match after it. */
export interface KeyMismatch {
  kind: string;
  pair: number;
  message: string;
  example?: { left: unknown; right: unknown };
  fixLabel: string;
  left?: KeyTransform;
  right?: KeyTransform;
  after: { leftShare: number; rightShare: number; leftMatched: number; rightMatched: number };
}

/** Match figures of one side. */
export interface SideFigures {
  label: string;
  rows: number;
  matchedRows: number;
  matchedShare: number;
  nullKeyRows: number;
  unmatched: KeySample[];
}

/** Rows repeated because one side's key is not unique. */
export interface FanOut {
  side: 'left' | 'right';
  keys: number;
  extraRows: number;
  top: { key: KeySample['key']; rows: number; otherRows: number }[];
  message: string;
}

/** The join doctor's report. */
export interface JoinReport {
  kind: 'inner' | 'left' | 'right' | 'full';
  on: { left: string; right: string }[];
  left: SideFigures;
  right: SideFigures;
  resultRows: number;
  matchedPairs: number;
  comparable: boolean;
  fanOut: FanOut[];
  mismatches: KeyMismatch[];
  summary: string[];
}

/** A suggested key pair. */
export interface KeySuggestion {
  left: string;
  right: string;
  nameScore: number;
  overlap: number;
  uniqueness: number;
  score: number;
}
