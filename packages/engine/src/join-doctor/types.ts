import type { JsonValue } from '../types.js';

/** One side of a join: a workspace table, or SQL (a builder query or the editor's) that enters only as a subquery. */
export type JoinSource = { table: string; schema?: string; label?: string } | { sql: string; label?: string };

/** How rows are kept: only matches (inner), all left rows, all right rows, or all rows of both (full). */
export type JoinKind = 'inner' | 'left' | 'right' | 'full';

/** One `left.column = right.column` condition of the join. */
export interface KeyPair {
  left: string;
  right: string;
}

/** What `diagnoseJoin` examines. */
export interface JoinRequest {
  left: JoinSource;
  right: JoinSource;
  on: KeyPair[];
  kind: JoinKind;
}

/** Match figures of one side: how many of its rows find a partner on the other side. */
export interface SideFigures {
  /** How the side reads in messages (the table name, or "the left query"). */
  label: string;
  rows: number;
  matchedRows: number;
  /** matchedRows / rows (0 when the side is empty). */
  matchedShare: number;
  /** Rows whose key is empty (NULL): they never match. */
  nullKeyRows: number;
  /** Up to 5 key values without a partner, most frequent first. */
  unmatched: KeySample[];
}

/** A key value (one entry per key pair) and how many rows carry it. */
export interface KeySample {
  key: JsonValue[];
  rows: number;
}

/** A key that appears several times on one side, so each matching row of the other side is repeated. */
export interface DuplicateKey {
  key: JsonValue[];
  /** Rows with this key on the duplicated side. */
  rows: number;
  /** Rows with this key on the other side (each is repeated `rows` times). */
  otherRows: number;
}

/** Rows repeated by a join because one side's key is not unique. */
export interface FanOut {
  /** The side whose key repeats (right: left rows are repeated; left: right rows are repeated). */
  side: 'left' | 'right';
  /** Distinct matched keys that appear more than once on `side`. */
  keys: number;
  /** Rows the join adds by repeating the other side's rows. */
  extraRows: number;
  /** The most repeated keys (up to 10). */
  top: DuplicateKey[];
  /** The warning in plain words. */
  message: string;
}

/** One step of a key transformation, applied in order. */
export type TransformStep =
  | { op: 'trim' }
  | { op: 'lower' }
  | { op: 'ltrimZeros' }
  | { op: 'lpad'; width: number }
  | { op: 'cast'; to: 'BIGINT' | 'DOUBLE' | 'VARCHAR' | 'DATE' }
  | { op: 'strptime'; format: string };

/** A rewritten key column: what to apply, and the same as a DuckDB SQL expression. */
export interface KeyTransform {
  column: string;
  steps: TransformStep[];
  /** The expression over the column, e.g. `lower(trim("plan"))`. */
  sql: string;
  /** A name for the fixed key when added as a custom column, e.g. `plan_key`. */
  name: string;
}

/** What kind of format or type difference keeps keys from matching. */
export type MismatchKind =
  | 'text-vs-number'
  | 'text-vs-date'
  | 'types-differ'
  | 'spaces'
  | 'case'
  | 'leading-zeros'
  | 'date-format';

/** A difference between two key columns, with a fix and what the fix achieves (measured, not guessed). */
export interface KeyMismatch {
  kind: MismatchKind;
  /** Index of the key pair in `on`. */
  pair: number;
  /** The problem in plain words, e.g. `orders.customer_id is text, customers.id is a number.` */
  message: string;
  /** Two values that are the same key written differently (left, right), when one was found. */
  example?: { left: JsonValue; right: JsonValue };
  /** The fix in plain words, e.g. `Remove leading zeros`. */
  fixLabel: string;
  left?: KeyTransform;
  right?: KeyTransform;
  /** Matched shares with the fix applied. */
  after: { leftShare: number; rightShare: number; leftMatched: number; rightMatched: number };
}

/** The join doctor's report: match figures, the result size, fan-out warnings and key mismatches. */
export interface JoinReport {
  kind: JoinKind;
  on: KeyPair[];
  left: SideFigures;
  right: SideFigures;
  /** Rows the join would return with this kind. */
  resultRows: number;
  /** Rows of the inner join (matches only). */
  matchedPairs: number;
  /** False when a key pair has types the database can't compare (e.g. text and number); shares compare text. */
  comparable: boolean;
  fanOut: FanOut[];
  mismatches: KeyMismatch[];
  /** The findings as plain sentences, most important first. */
  summary: string[];
}

/** A suggested key pair, ranked by name similarity and sampled value overlap. */
export interface KeySuggestion {
  left: string;
  right: string;
  /** 0..1: how alike the names are. */
  nameScore: number;
  /** 0..1: share of sampled distinct left values found on the right. */
  overlap: number;
  /** 0..1: distinct values / values on the more unique side (1 for a key). */
  uniqueness: number;
  /** 0..1: the ranking score (0.3 name + 0.4 overlap + 0.3 uniqueness). */
  score: number;
}
