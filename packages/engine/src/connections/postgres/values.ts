import type { JsonValue } from '../../types.js';

/** Turns one PostgreSQL text-format value into Sightline JSON (shared spec/cli.md rules, same as DuckDB's). */
export type TextParser = (text: string) => JsonValue;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const parseInteger: TextParser = (t) => {
  const n = BigInt(t);
  return n >= -MAX_SAFE && n <= MAX_SAFE ? Number(n) : t;
};

/** NaN and infinities are strings, as the DuckDB converter writes them. */
const parseDouble: TextParser = (t) => {
  if (t === 'NaN' || t === 'Infinity' || t === '-Infinity') return t;
  return Number(t);
};

/** Year as ISO 8601 (and DuckDB's converter) writes it: 4 digits, `+` beyond 9999, astronomical BC years. */
function isoYear(digits: string, bc: boolean): string {
  const y = bc ? 1 - Number(digits) : Number(digits);
  if (y < 0) return `-${String(-y).padStart(4, '0')}`;
  return y > 9999 ? `+${y}` : String(y).padStart(4, '0');
}

const DATE = /^(\d{4,})-(\d\d)-(\d\d)( BC)?$/u;
const TIMESTAMP = /^(\d{4,})-(\d\d)-(\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d(?::\d\d){0,2})?( BC)?$/u;

const parseDate: TextParser = (t) => {
  const m = DATE.exec(t);
  return m ? `${isoYear(m[1]!, m[4] !== undefined)}-${m[2]}-${m[3]}` : t;
};

/** TIMESTAMP without zone: `YYYY-MM-DDTHH:MM:SS[.ffffff]`, no suffix. */
const parseTimestamp: TextParser = (t) => {
  const m = TIMESTAMP.exec(t);
  return m ? `${isoYear(m[1]!, m[6] !== undefined)}-${m[2]}-${m[3]}T${m[4]}` : t;
};

/** TIMESTAMPTZ in UTC with `Z`; the session runs with TimeZone=UTC so the offset is always +00. */
const parseTimestampTz: TextParser = (t) => {
  const m = TIMESTAMP.exec(t);
  if (!m || (m[5] !== undefined && m[5] !== '+00')) return t;
  return `${isoYear(m[1]!, m[6] !== undefined)}-${m[2]}-${m[3]}T${m[4]}Z`;
};

/** TIME WITH TIME ZONE as `HH:MM:SS+hh:mm`, like the DuckDB converter. */
const parseTimeTz: TextParser = (t) => {
  const m = /^(.*?)([+-])(\d\d)(?::(\d\d))?(?::\d\d)?$/u.exec(t);
  return m ? `${m[1]}${m[2]}${m[3]}:${m[4] ?? '00'}` : t;
};

/** bytea (hex output) as base64, the encoding DuckDB's BLOB converter uses. */
const parseBytea: TextParser = (t) =>
  t.startsWith('\\x') ? Buffer.from(t.slice(2), 'hex').toString('base64') : t;

const parseJson: TextParser = (t) => JSON.parse(t) as JsonValue;
const parseBool: TextParser = (t) => t === 't';
const asText: TextParser = (t) => t;

/** Parsers of scalar types by OID; anything else stays text. */
const SCALARS = new Map<number, TextParser>([
  [16, parseBool],
  [17, parseBytea],
  [20, parseInteger],
  [21, parseInteger],
  [23, parseInteger],
  [26, parseInteger],
  [114, parseJson],
  [3802, parseJson],
  [700, parseDouble],
  [701, parseDouble],
  [1700, parseDouble],
  [1082, parseDate],
  [1114, parseTimestamp],
  [1184, parseTimestampTz],
  [1266, parseTimeTz],
]);

/** Built-in array types and their element types, so arrays parse before any catalog lookup. */
const BUILTIN_ARRAYS = new Map<number, number>([
  [1000, 16],
  [1001, 17],
  [1005, 21],
  [1007, 23],
  [1016, 20],
  [1028, 26],
  [1009, 25],
  [1014, 1042],
  [1015, 1043],
  [1021, 700],
  [1022, 701],
  [1231, 1700],
  [1182, 1082],
  [1183, 1083],
  [1115, 1114],
  [1185, 1184],
  [1270, 1266],
  [1187, 1186],
  [199, 114],
  [3807, 3802],
  [2951, 2950],
]);

/**
 * Parses a PostgreSQL array literal (`{1,NULL,"a \"b\""}`, nested `{{1,2},{3,4}}`, optional `[0:1]=` bounds)
 * into nested JSON arrays, each element through `element`.
 */
export function parseArray(text: string, element: TextParser): JsonValue {
  let i = text.startsWith('[') ? text.indexOf('=') + 1 : 0;
  const read = (): JsonValue[] => {
    const out: JsonValue[] = [];
    i++; // '{'
    while (i < text.length) {
      const ch = text[i];
      if (ch === '}') {
        i++;
        return out;
      }
      if (ch === ',') {
        i++;
        continue;
      }
      if (ch === '{') {
        out.push(read());
        continue;
      }
      if (ch === '"') {
        let s = '';
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\') i++;
          s += text[i] ?? '';
          i++;
        }
        i++;
        out.push(element(s));
        continue;
      }
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '}') end++;
      const token = text.slice(i, end);
      out.push(token === 'NULL' ? null : element(token));
      i = end;
    }
    return out;
  };
  return read();
}

/** What the connection knows about a type from pg_type. */
export interface PgTypeInfo {
  name: string;
  /** Element type of an array type, 0 otherwise. */
  elem: number;
}

/**
 * The text parser for a column of type `oid`. `lookup` answers from the connection's pg_type cache, so arrays of
 * any element type and domains-free user types (enums, ranges: kept as text) are handled.
 */
export function textParserFor(oid: number, lookup: (oid: number) => PgTypeInfo | undefined): TextParser {
  const scalar = SCALARS.get(oid);
  if (scalar) return scalar;
  const elem = BUILTIN_ARRAYS.get(oid) ?? lookup(oid)?.elem ?? 0;
  if (elem !== 0 && elem !== oid) {
    const inner = textParserFor(elem, lookup);
    return (t) => parseArray(t, inner);
  }
  return asText;
}
