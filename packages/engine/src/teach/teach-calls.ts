import { at, listWords } from './query-tables.js';
import type { TeacherCase } from './situation.js';

/** Splits `a, b(c, d), e` on top-level commas. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}

const plainType = (t: string) =>
  t
    .replace(/^STRING_LITERAL$/, 'text')
    .replace(/^VARCHAR$/, 'text')
    .replace(/^INTEGER_LITERAL$/, 'a number')
    .replace(/^TIMESTAMP WITH TIME ZONE$/, 'a timestamp');

/** A parameter type as a person reads it: `text`, `timestamp with time zone`, `decimal`. */
function formType(t: string): string {
  return t === 'VARCHAR' ? 'text' : t.toLowerCase();
}

/** `No function matches ... 'round(DECIMAL(5,4), INTEGER_LITERAL, INTEGER_LITERAL)'`: wrong count or types. */
export const functionSignature: TeacherCase = (s) => {
  const m = /^No function matches the given name and argument types '([^(]+)\((.*)\)'/.exec(s.text);
  if (!m) return undefined;
  const name = m[1]!;
  const given = splitArgs(m[2]!);
  const forms = [...s.full.matchAll(/^\t(\S+)\((.*)\) -> (.+)$/gm)]
    .filter((f) => f[1] === name)
    .map((f) => ({ text: `${f[1]}(${splitArgs(f[2]!).map(formType).join(', ')})`, args: splitArgs(f[2]!) }));
  const arities = [...new Set(forms.map((f) => f.args.length))].sort((a, b) => a - b);
  const position = s.position;
  const shown = forms.slice(0, 4).map((f) => f.text);
  if (arities.length > 0 && !arities.includes(given.length)) {
    const counts = listWords(arities.map(String), 'or');
    const nearest = arities.reduce((a, b) =>
      Math.abs(b - given.length) <= Math.abs(a - given.length) ? b : a,
    );
    const example = forms.filter((f) => f.args.length === nearest).at(-1)!;
    return {
      kind: 'wrong-argument-count',
      severity: 'error',
      title: `${name} takes ${counts} value${arities.at(-1) === 1 ? '' : 's'}, but got ${given.length}${at(position)}.`,
      detail: `It is written ${example.text}${
        forms.length > 1
          ? ` (other forms: ${shown
              .filter((t) => t !== example.text)
              .slice(0, 3)
              .join(', ')})`
          : ''
      }.`,
      ...(position ? { position } : {}),
      lesson: 'functions',
    };
  }
  return {
    kind: 'wrong-argument-type',
    severity: 'error',
    title: `${name} can't work on ${listWords(given.map(plainType))}${at(position)}.`,
    detail: `It accepts ${shown.join(', ')}${forms.length > 4 ? ' and other forms' : ''}. Use a column of a matching type, or convert it with CAST(... AS type).`,
    ...(position ? { position } : {}),
    lesson: 'functions',
  };
};

/** The lessons of this file, in the order they are tried. */
export const CALL_CASES: TeacherCase[] = [functionSignature];
