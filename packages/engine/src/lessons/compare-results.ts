import type { ColumnInfo, JsonRow } from '../types.js';
import {
  bucketKey,
  familyOf,
  familyWords,
  type Norm,
  normalize,
  sameValue,
  showValue,
  type ValueFamily,
} from './compare-values.js';
import type { CheckRules } from './lesson-def.js';

/** A result to compare: its columns and rows (`truncated` when the row cap cut it). */
export interface ResultSet {
  columns: ColumnInfo[];
  rows: JsonRow[];
  truncated?: boolean;
}

/** What the check says: passed or not, one plain sentence, and further details. */
export interface Verdict {
  passed: boolean;
  message: string;
  details: string[];
}

interface Pairing {
  /** Answer column name -> the learner's column name. */
  names: { answer: string; mine: string; family: ValueFamily }[];
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function fail(message: string, details: string[] = []): Verdict {
  return { passed: false, message, details };
}

/**
 * Compares a learner's result with the answer semantically: columns (by name, or by position when names don't
 * matter) and their kinds, the number of rows, the rows as a multiset (numbers within a tolerance, midnight
 * timestamps equal to dates) and, when the goal asks for it, their order. Pure.
 */
export function compareResults(mine: ResultSet, answer: ResultSet, rules: CheckRules = {}): Verdict {
  const paired = pairColumns(mine.columns, answer.columns, rules.names ?? true);
  if ('error' in paired) return paired.error;
  for (const p of paired.names) {
    const mineType = mine.columns.find((c) => c.name === p.mine)?.type ?? '';
    const f = familyOf(mineType);
    if (f !== p.family && p.family !== 'other') {
      return fail(
        `Your column "${p.mine}" holds ${familyWords(f)}, but the answer's holds ${familyWords(p.family)}.`,
        [castHint(p.family)],
      );
    }
  }
  const answerRows = answer.rows.map((r) =>
    paired.names.map((p) => normalize(r[p.answer] ?? null, p.family)),
  );
  const myRows = mine.rows.map((r) => paired.names.map((p) => normalize(r[p.mine] ?? null, p.family)));
  if (mine.truncated) {
    return fail(
      `Your query returns more than ${count(myRows.length, 'row')}; the answer has ${count(answerRows.length, 'row')}: ${rules.moreRowsHint ?? 'check your conditions and grouping.'}`,
    );
  }
  if (myRows.length !== answerRows.length) {
    const more = myRows.length > answerRows.length;
    const ask = more
      ? (rules.moreRowsHint ?? 'did you keep only the rows the goal asks for?')
      : (rules.fewerRowsHint ?? 'does a condition remove rows the goal wants to keep?');
    return fail(
      `You have ${count(myRows.length, 'row')}, the answer has ${answerRows.length.toLocaleString('en-US')}: ${ask}`,
    );
  }
  const tol = rules.tolerance;
  const matched = matchRows(myRows, answerRows, tol);
  if (matched.unmatchedMine.length > 0) {
    return valuesDiffer(paired, myRows, answerRows, matched.unmatchedMine, rules);
  }
  if (rules.ordered) {
    const keys = (rules.orderBy ?? paired.names.map((p) => p.answer)).map((name) =>
      paired.names.findIndex((p) => p.answer === name),
    );
    for (let i = 0; i < answerRows.length; i += 1) {
      const a = answerRows[i] ?? [];
      const m = myRows[i] ?? [];
      if (!keys.every((k) => sameValue(m[k] ?? null, a[k] ?? null, tol))) {
        return fail(
          `Your rows are right, but not in the order asked: ${rules.orderHint ?? 'sort them as the goal says'}.`,
          [`Row ${i + 1} is out of place.`],
        );
      }
    }
  }
  return {
    passed: true,
    message: `Correct: your ${count(myRows.length, 'row')} match the answer.`,
    details: [],
  };
}

function pairColumns(
  mine: ColumnInfo[],
  answer: ColumnInfo[],
  byName: boolean,
): Pairing | { error: Verdict } {
  const seen = new Set<string>();
  for (const c of mine) {
    const key = c.name.toLowerCase();
    if (seen.has(key)) {
      return { error: fail(`Two of your columns are named "${c.name}": give each its own name with AS.`) };
    }
    seen.add(key);
  }
  const expected = answer.map((c) => c.name).join(', ');
  if (!byName) {
    if (mine.length !== answer.length) {
      return {
        error: fail(
          `You have ${count(mine.length, 'column')}, the answer has ${answer.length} (${expected}).`,
        ),
      };
    }
    return {
      names: answer.map((c, i) => ({
        answer: c.name,
        mine: mine[i]?.name ?? c.name,
        family: familyOf(c.type),
      })),
    };
  }
  const names: Pairing['names'] = [];
  for (const c of answer) {
    const found = mine.find((m) => m.name.toLowerCase() === c.name.toLowerCase());
    if (!found) {
      const yours = mine.map((m) => m.name).join(', ');
      return {
        error: fail(`The column "${c.name}" is missing.`, [
          `The goal asks for the columns ${expected}; yours are ${yours || 'none'}. Name a column with AS ${c.name}.`,
        ]),
      };
    }
    names.push({ answer: c.name, mine: found.name, family: familyOf(c.type) });
  }
  const extra = mine.filter((m) => !answer.some((c) => c.name.toLowerCase() === m.name.toLowerCase()));
  if (extra[0]) {
    return {
      error: fail(`Your column "${extra[0].name}" is not asked for: the goal wants only ${expected}.`, [
        'Remove it from the SELECT list, or rename it with AS if it is one of those.',
      ]),
    };
  }
  return { names };
}

/** Pairs rows equal within tolerance; returns the indexes of the learner's rows left without a partner. */
function matchRows(
  mine: Norm[][],
  answer: Norm[][],
  tol: number | undefined,
): { unmatchedMine: number[]; unmatchedAnswer: number[] } {
  const buckets = new Map<string, number[]>();
  mine.forEach((row, i) => {
    const key = bucketKey(row);
    buckets.set(key, [...(buckets.get(key) ?? []), i]);
  });
  const used = new Set<number>();
  const leftAnswer: number[] = [];
  answer.forEach((row, j) => {
    const candidates = buckets.get(bucketKey(row)) ?? [];
    const hit = candidates.find((i) => !used.has(i) && sameRow(mine[i] ?? [], row, tol));
    if (hit === undefined) leftAnswer.push(j);
    else used.add(hit);
  });
  // Rows on either side of a rounding edge land in different buckets: pair the few leftovers directly.
  const leftMine = mine.map((_, i) => i).filter((i) => !used.has(i));
  const stillAnswer: number[] = [];
  if (leftMine.length * leftAnswer.length <= 4_000_000) {
    for (const j of leftAnswer) {
      const hit = leftMine.find((i) => !used.has(i) && sameRow(mine[i] ?? [], answer[j] ?? [], tol));
      if (hit === undefined) stillAnswer.push(j);
      else used.add(hit);
    }
  } else stillAnswer.push(...leftAnswer);
  return { unmatchedMine: mine.map((_, i) => i).filter((i) => !used.has(i)), unmatchedAnswer: stillAnswer };
}

function sameRow(a: Norm[], b: Norm[], tol: number | undefined): boolean {
  return a.every((v, k) => sameValue(v, b[k] ?? null, tol));
}

/** Same row count, different rows: names the first column whose values differ, and how. */
function valuesDiffer(
  paired: Pairing,
  mine: Norm[][],
  answer: Norm[][],
  unmatched: number[],
  rules: CheckRules,
): Verdict {
  const example = mine[unmatched[0] ?? 0] ?? [];
  const shown = paired.names.map((p, k) => `${p.mine} ${showValue(example[k] ?? null)}`).join(', ');
  const details = [
    `${count(unmatched.length, 'row')} of yours ${unmatched.length === 1 ? 'is' : 'are'} not in the answer, for example (${shown}).`,
  ];
  for (let k = 0; k < paired.names.length; k += 1) {
    const p = paired.names[k];
    if (!p) continue;
    const mineCol = mine.map((r) => r[k] ?? null);
    const answerCol = answer.map((r) => r[k] ?? null);
    if (sameColumn(mineCol, answerCol, rules.tolerance)) continue;
    const ask = rules.columnHints?.[p.answer];
    const sentence = columnSentence(p.mine, p.family, mineCol, answerCol);
    return fail(ask ? `${sentence}: ${ask}` : `${sentence}.`, details);
  }
  return fail('Each column has the right values, but they are paired up differently in your rows.', [
    ...details,
    'Check the GROUP BY and JOIN conditions: values from one row ended up next to values of another.',
  ]);
}

function sameColumn(a: Norm[], b: Norm[], tol: number | undefined): boolean {
  const order = (x: Norm, y: Norm) => {
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
  };
  const sa = [...a].sort(order);
  const sb = [...b].sort(order);
  return sa.every((v, i) => sameValue(v, sb[i] ?? null, tol));
}

function columnSentence(name: string, family: ValueFamily, mine: Norm[], answer: Norm[]): string {
  if (family === 'number') {
    const sum = (xs: Norm[]) => xs.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
    const a = sum(answer);
    const m = sum(mine);
    if (answer.length === 1) {
      return `Your ${name} is ${showValue(mine[0] ?? null)}; the answer's is ${m > a ? 'smaller' : 'larger'}`;
    }
    if (a > 0 && m > 0) {
      const ratio = m / a;
      if (ratio >= 1.05) return `Your ${name} column adds up to ${ratio.toFixed(1)}x the answer's`;
      if (ratio <= 0.95)
        return `Your ${name} column adds up to less than the answer's (${ratio.toFixed(2)}x)`;
    }
  }
  return `Some values in your column "${name}" differ from the answer's`;
}

function castHint(f: ValueFamily): string {
  if (f === 'number') return 'Turn text into a number with CAST(... AS INTEGER) or CAST(... AS DOUBLE).';
  if (f === 'time')
    return 'Turn text into a date with CAST(... AS DATE), or keep the date or time column itself.';
  if (f === 'text') return 'Turn a value into text with CAST(... AS VARCHAR).';
  return 'Check which column the goal asks for here.';
}
