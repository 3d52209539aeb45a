import { cast, column, type ExprNode } from '@sightline/sql';
import type { Engine } from '../core/engine.js';
import { SightlineError } from '../errors.js';
import { type Candidate, type KeySide, mismatchCandidates } from './candidates.js';
import {
  duplicateKeys,
  type KeyedSides,
  type MatchCounts,
  matchCounts,
  unmatchedKeys,
} from './key-counts.js';
import { keyExample } from './key-example.js';
import { columnType, sourceColumns, sourceFrom, sourceLabel, typeFamily } from './source.js';
import { profileText } from './text-profile.js';
import { applySteps, keyTransform } from './transform.js';
import type { FanOut, JoinReport, JoinRequest, KeyMismatch } from './types.js';
import { count, keyColumns, percent, rows } from './words.js';

const TYPE_KINDS = new Set(['text-vs-number', 'text-vs-date', 'types-differ']);
const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/**
 * The join doctor: before a join runs, measures (with aggregate SQL) how many rows of each side match, how many rows
 * the join returns, which keys repeat rows (fan-out), and which format or type differences keep keys from matching,
 * each with a fix and the match share after it.
 */
export async function diagnoseJoin(engine: Engine, req: JoinRequest): Promise<JoinReport> {
  if (req.on.length === 0) {
    throw new SightlineError('A join needs at least one pair of key columns.', {
      hints: ['Pick a column of each side whose values should be equal.'],
    });
  }
  const L = sourceLabel(req.left, 'left');
  const R = sourceLabel(req.right, 'right');
  const [lcols, rcols] = await Promise.all([
    sourceColumns(engine, req.left),
    sourceColumns(engine, req.right),
  ]);
  const from = { left: sourceFrom(req.left, 's'), right: sourceFrom(req.right, 's') };
  const pairs = req.on.map((p) => {
    const left = side(L, p.left, columnType(lcols, p.left, L));
    const right = side(R, p.right, columnType(rcols, p.right, R));
    const comparable = left.family === right.family && (left.family !== 'other' || left.type === right.type);
    return { left, right, comparable };
  });
  const comparable = pairs.every((p) => p.comparable);
  // Keys that can't be compared as they are are compared as text, which is what a quick fix would do.
  const asIs = (c: string, ok: boolean): ExprNode => (ok ? column(c) : cast(column(c), 'TEXT'));
  const base: KeyedSides = {
    ...from,
    leftKeys: pairs.map((p) => asIs(p.left.column, p.comparable)),
    rightKeys: pairs.map((p) => asIs(p.right.column, p.comparable)),
  };
  const counts = await matchCounts(engine, base);
  const [leftUnmatched, rightUnmatched, rightDups, leftDups] = await Promise.all([
    unmatchedKeys(engine, base, 'left'),
    unmatchedKeys(engine, base, 'right'),
    counts.rightDupKeys > 0 ? duplicateKeys(engine, base, 'right') : Promise.resolve([]),
    counts.leftDupKeys > 0 ? duplicateKeys(engine, base, 'left') : Promise.resolve([]),
  ]);

  const mismatches: KeyMismatch[] = [];
  for (const [i, p] of pairs.entries()) {
    const [lp, rp] = await Promise.all([
      p.left.family === 'text' ? profileText(engine, from.left, p.left.column) : undefined,
      p.right.family === 'text' ? profileText(engine, from.right, p.right.column) : undefined,
    ]);
    if (lp) p.left.profile = lp;
    if (rp) p.right.profile = rp;
    for (const cand of mismatchCandidates(p.left, p.right)) {
      const m = await measure(engine, base, i, p.left, p.right, cand);
      const better = m.after.leftMatched > counts.leftMatched || m.after.rightMatched > counts.rightMatched;
      if (better || !p.comparable) mismatches.push(m);
    }
  }

  const fanOut: FanOut[] = [];
  if (counts.rightDupKeys > 0) fanOut.push(fan('right', counts, rightDups, req, L, R));
  if (counts.leftDupKeys > 0) fanOut.push(fan('left', counts, leftDups, req, L, R));
  const leftUnmatchedRows = counts.leftRows - counts.leftMatched;
  const rightUnmatchedRows = counts.rightRows - counts.rightMatched;
  const resultRows =
    counts.pairs +
    (req.kind === 'left' || req.kind === 'full' ? leftUnmatchedRows : 0) +
    (req.kind === 'right' || req.kind === 'full' ? rightUnmatchedRows : 0);
  const report: JoinReport = {
    kind: req.kind,
    on: req.on,
    left: {
      label: L,
      rows: counts.leftRows,
      matchedRows: counts.leftMatched,
      matchedShare: share(counts.leftMatched, counts.leftRows),
      nullKeyRows: counts.leftNullKeys,
      unmatched: leftUnmatched,
    },
    right: {
      label: R,
      rows: counts.rightRows,
      matchedRows: counts.rightMatched,
      matchedShare: share(counts.rightMatched, counts.rightRows),
      nullKeyRows: counts.rightNullKeys,
      unmatched: rightUnmatched,
    },
    resultRows,
    matchedPairs: counts.pairs,
    comparable,
    fanOut,
    mismatches,
    summary: [],
  };
  report.summary = summarize(report);
  return report;
}

function side(label: string, name: string, type: string): KeySide {
  return { label, column: name, type, family: typeFamily(type) };
}

async function measure(
  engine: Engine,
  base: KeyedSides,
  i: number,
  left: KeySide,
  right: KeySide,
  cand: Candidate,
): Promise<KeyMismatch> {
  const lx = cand.left ? applySteps(column(left.column), cand.left) : (base.leftKeys[i] as ExprNode);
  const rx = cand.right ? applySteps(column(right.column), cand.right) : (base.rightKeys[i] as ExprNode);
  const fixed: KeyedSides = {
    ...base,
    leftKeys: base.leftKeys.map((k, j) => (j === i ? lx : k)),
    rightKeys: base.rightKeys.map((k, j) => (j === i ? rx : k)),
  };
  const [after, example] = await Promise.all([
    matchCounts(engine, fixed),
    keyExample(engine, { left: base.left, right: base.right }, left.column, right.column, lx, rx),
  ]);
  const m: KeyMismatch = {
    kind: cand.kind,
    pair: i,
    message: cand.message,
    fixLabel: cand.fixLabel,
    after: {
      leftShare: share(after.leftMatched, after.leftRows),
      rightShare: share(after.rightMatched, after.rightRows),
      leftMatched: after.leftMatched,
      rightMatched: after.rightMatched,
    },
  };
  if (example) m.example = example;
  if (cand.left) m.left = keyTransform(left.column, cand.left);
  if (cand.right) m.right = keyTransform(right.column, cand.right);
  return m;
}

function fan(
  dupSide: 'left' | 'right',
  c: MatchCounts,
  top: FanOut['top'],
  req: JoinRequest,
  L: string,
  R: string,
): FanOut {
  const [keys, repeated, repeatedMatched, dupLabel, repLabel] =
    dupSide === 'right'
      ? [c.rightDupKeys, c.leftRows, c.leftMatched, R, L]
      : [c.leftDupKeys, c.rightRows, c.rightMatched, L, R];
  const extraRows = c.pairs - repeatedMatched;
  const what =
    repeatedMatched === repeated
      ? `${rows(repeated)} of ${repLabel}`
      : `the ${rows(repeatedMatched)} of ${repLabel} that match`;
  const keyWord = keys === 1 ? 'value' : 'values';
  const verb = keys === 1 ? 'appears' : 'appear';
  const message =
    `This join turns ${what} into ${rows(c.pairs)}: ${count(keys)} ${keyWord} of ${keyColumns(req.on, dupSide)} ` +
    `${verb} more than once in ${dupLabel}. Sums and counts of ${repLabel} columns will be inflated.`;
  return { side: dupSide, keys, extraRows, top, message };
}

function summarize(r: JoinReport): string[] {
  const out: string[] = [];
  const typeIssues = r.mismatches.filter((m) => TYPE_KINDS.has(m.kind));
  out.push(...typeIssues.map((m) => m.message));
  out.push(...r.fanOut.map((f) => f.message));
  out.push(
    `${percent(r.left.matchedShare)} of ${r.left.label} rows (${count(r.left.matchedRows)} of ${count(r.left.rows)}) find a match in ${r.right.label}.`,
    `${percent(r.right.matchedShare)} of ${r.right.label} rows (${count(r.right.matchedRows)} of ${count(r.right.rows)}) find a match in ${r.left.label}.`,
  );
  for (const m of r.mismatches) {
    const said = typeIssues.includes(m) ? '' : `${m.message} `;
    out.push(`${said}${m.fixLabel}: ${percent(m.after.leftShare)} of ${r.left.label} rows would match.`);
  }
  out.push(`The ${r.kind} join returns ${rows(r.resultRows)}.`);
  return out;
}
