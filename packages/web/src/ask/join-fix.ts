import type { BuilderSource, ColumnInfo } from '@sightline/spec';
import { quoteIdent } from '@sightline/sql';
import type { AskDraft, StepDraft } from './draft.js';
import type { KeyMismatch, KeyTransform, TransformStep } from './join-report.js';

type JoinDraft = Extract<StepDraft, { type: 'join' }>;

/** A join fix applied to a draft, or why it can't be applied by the builder. */
export type FixResult = { ok: true; draft: AskDraft } | { ok: false; reason: string };

/** The transform as a builder formula (`LOWER(TRIM([plan]))`), when the formula language can say it. */
export function transformFormula(t: KeyTransform): string | null {
  let f = `[${t.column}]`;
  for (const s of t.steps) {
    if (s.op === 'trim') f = `TRIM(${f})`;
    else if (s.op === 'lower') f = `LOWER(${f})`;
    else if (s.op === 'lpad') f = `RIGHT(CONCAT("${'0'.repeat(s.width)}", ${f}), ${s.width})`;
    else if (s.op === 'cast' && s.to === 'VARCHAR') f = `TEXT(${f})`;
    // Only a date or timestamp key is cast to DATE (text dates are read with their format, which needs SQL).
    else if (s.op === 'cast' && s.to === 'DATE') f = `DATE(${f})`;
    else return null;
  }
  return f;
}

function freeName(wanted: string, taken: string[]): string {
  let name = wanted;
  for (let i = 2; taken.includes(name); i++) name = `${wanted}_${i}`;
  return name;
}

/** A source with one more column `name` = `sql` (the fixed key), as SQL; null for sources SQL can't wrap here. */
function withKeyColumn(source: BuilderSource, sql: string, name: string): BuilderSource | null {
  const add = `SELECT *, ${sql} AS ${quoteIdent(name)}`;
  if (source.kind === 'table') {
    const from = source.schema
      ? `${quoteIdent(source.schema)}.${quoteIdent(source.name)}`
      : quoteIdent(source.name);
    return { kind: 'sql', sql: `${add} FROM ${from}` };
  }
  if (source.kind === 'sql') return { kind: 'sql', sql: `${add} FROM (${source.sql}) AS s` };
  return null;
}

/** True when a transform needs SQL rather than a builder formula (shown beside the fix button). */
export function needsSql(steps: TransformStep[]): boolean {
  return steps.some(
    (s) =>
      s.op === 'ltrimZeros' ||
      s.op === 'strptime' ||
      (s.op === 'cast' && s.to !== 'VARCHAR' && s.to !== 'DATE'),
  );
}

/**
 * Applies the join doctor's fix `m` to the join step at `index`: a left key fix becomes a custom column step before
 * the join (or, for the first step, a key column added to the source); a right key fix reads the joined table
 * through SQL that adds the fixed key. The join then uses the fixed keys.
 */
export function applyJoinFix(
  draft: AskDraft,
  index: number,
  m: KeyMismatch,
  leftColumns: ColumnInfo[],
  rightColumns: ColumnInfo[],
): FixResult {
  const step = draft.steps[index];
  if (step?.type !== 'join') return { ok: false, reason: 'That step is no longer a join.' };
  let join: JoinDraft = { ...step, on: step.on.map((k) => ({ ...k })) };
  let steps = [...draft.steps];
  let source = draft.source;
  let at = index;
  if (m.right) {
    const name = freeName(
      m.right.name,
      rightColumns.map((c) => c.name),
    );
    const wrapped = withKeyColumn(join.with, m.right.sql, name);
    if (!wrapped)
      return { ok: false, reason: `The fix can't be applied to ${join.with.kind} sources: use SQL.` };
    const keep = rightColumns.map((c) => c.name).filter((c) => !join.on.some((k) => k.right === c));
    join = { ...join, with: wrapped, columns: keep };
    join.on = join.on.map((k, i) => (i === m.pair ? { ...k, right: name } : k));
  }
  if (m.left) {
    const name = freeName(
      m.left.name,
      leftColumns.map((c) => c.name),
    );
    const formula = transformFormula(m.left);
    if (formula) {
      steps.splice(at, 0, { type: 'customColumn', name, formula });
      at += 1;
    } else if (index === 0 && source) {
      const wrapped = withKeyColumn(source, m.left.sql, name);
      if (!wrapped)
        return { ok: false, reason: `The fix can't be applied to ${source.kind} sources: use SQL.` };
      source = wrapped;
    } else {
      return {
        ok: false,
        reason: `This fix needs SQL (${m.left.sql}); open the query in the SQL editor to apply it.`,
      };
    }
    join.on = join.on.map((k, i) => (i === m.pair ? { ...k, left: name } : k));
  }
  steps = steps.map((s, i) => (i === at ? join : s));
  return { ok: true, draft: { ...draft, source, steps } };
}
