import { readDateText } from './date-text.js';
import { at, columnType } from './query-tables.js';
import type { Situation, TeacherCase } from './situation.js';
import { replaceRange, type SqlToken } from './sql-tokens.js';

const NUMBER_TYPE =
  /^(TINYINT|SMALLINT|INT|INTEGER|BIGINT|HUGEINT|INT\d+|UINT\d+|DOUBLE|FLOAT|REAL|DECIMAL.*)$/i;

function nearby(s: Situation, pick: (t: SqlToken) => boolean, span = 4): SqlToken | undefined {
  for (let d = 0; d <= span; d++) {
    for (const i of [s.at + d, s.at - d]) {
      const t = s.tokens[i];
      if (t && pick(t)) return t;
    }
  }
  return undefined;
}

function typeOfColumn(s: Situation, column: string): string | undefined {
  for (const t of s.tables) {
    const type = columnType(t.info, column);
    if (type) return type;
  }
  return undefined;
}

/** `Could not convert string 'DE' to INT32 when casting from source column country`: text compared with a number. */
export const textVersusNumber: TeacherCase = (s) => {
  const m = /^Could not convert string ['"](.*)['"] to (\S+)(?: when casting from source column (.+))?$/.exec(
    s.text,
  );
  if (!m) return undefined;
  const [, value, target, column] = m as unknown as [string, string, string, string | undefined];
  const position = s.position;
  if (!column) {
    const columnToken = nearby(s, (t) => t.kind === 'word' && typeOfColumn(s, t.text) !== undefined);
    const type = columnToken ? typeOfColumn(s, columnToken.text) : undefined;
    if (columnToken && type && NUMBER_TYPE.test(type)) {
      return {
        kind: 'text-not-a-number',
        severity: 'error',
        title: `'${value}' is not a number, but ${columnToken.text} holds numbers${at(position)}.`,
        detail: `${columnToken.text} is ${type}; compare it with a number written without quotes, e.g. ${columnToken.text} > 10.`,
        ...(position ? { position } : {}),
        lesson: 'types',
      };
    }
    return {
      kind: 'text-vs-number',
      severity: 'error',
      title: `The text '${value}' is compared with a number${at(position)}.`,
      detail: `'${value}' can't be read as ${readableType(target)}. Compare text with text (in single quotes) and numbers with numbers.`,
      ...(position ? { position } : {}),
      lesson: 'types',
    };
  }
  const number = nearby(s, (t) => t.kind === 'number');
  return {
    kind: 'text-vs-number',
    severity: 'error',
    title: `Column "${column}" holds text, but it is compared with a number${at(position)}.`,
    detail: `Its values look like '${value}'. Put the value in single quotes to compare text with text${number ? `: ${column} = '${number.text}'` : ''}.`,
    ...(position ? { position } : {}),
    ...(number
      ? {
          fix: {
            label: `Use '${number.text}'`,
            sql: replaceRange(s.ctx.sql, number.start, number.end, `'${number.text}'`),
            safe: true,
          },
        }
      : {}),
    lesson: 'types',
  };
};

function readableType(engineType: string): string {
  if (/^(U?INT\d*|BIGINT|INTEGER)$/i.test(engineType)) return 'a whole number';
  if (/^(DOUBLE|FLOAT|DECIMAL.*)$/i.test(engineType)) return 'a number';
  return engineType;
}

/** `invalid timestamp field format: "03/01/2026"` and out-of-range dates: show the format found and the fix. */
export const badDateText: TeacherCase = (s) => {
  const m =
    /^(?:invalid (date|timestamp) field format|(date|timestamp) field value out of range): "(.*?)"/.exec(
      s.text,
    );
  if (!m) return undefined;
  const value = m[3]!;
  const reading = readDateText(value);
  const token = s.tokens.find((t) => t.kind === 'string' && t.value === value);
  const position = s.position;
  const example = reading.iso ? `'${reading.iso}'` : "'2026-03-01'";
  const detail = reading.problem
    ? `It looks like ${reading.found}, but ${reading.problem}.`
    : reading.found === 'words, not a date'
      ? `Dates are written YYYY-MM-DD, e.g. '2026-03-01'; for a date relative to today use current_date, e.g. current_date - INTERVAL 7 DAY.`
      : `It looks like ${reading.found}; dates are written YYYY-MM-DD${reading.iso ? `, so this is ${example}` : ", e.g. '2026-03-01' for 1 March 2026"}.`;
  return {
    kind: 'bad-date',
    severity: 'error',
    title: `'${value}' can't be read as a date${at(position)}.`,
    detail,
    ...(position ? { position } : {}),
    ...(reading.iso && token
      ? {
          fix: {
            label: `Use ${example}`,
            sql: replaceRange(s.ctx.sql, token.start, token.end, example),
            safe: true,
          },
        }
      : {}),
    lesson: 'dates',
  };
};

/** The lessons of this file, in the order they are tried. */
export const VALUE_CASES: TeacherCase[] = [textVersusNumber, badDateText];
