import {
  type DuckDBBlobValue,
  type DuckDBDateValue,
  type DuckDBDecimalValue,
  type DuckDBIntervalValue,
  type DuckDBListValue,
  type DuckDBMapValue,
  type DuckDBStructValue,
  type DuckDBTimeNSValue,
  type DuckDBTimestampMillisecondsValue,
  type DuckDBTimestampNanosecondsValue,
  type DuckDBTimestampSecondsValue,
  type DuckDBTimestampTZValue,
  type DuckDBTimestampValue,
  type DuckDBTimeTZValue,
  type DuckDBTimeValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBUnionValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { JsonValue } from '../types.js';

/** Converts one engine value (never null: nulls are handled once, outside) to its JSON form. */
type Convert = (v: DuckDBValue) => JsonValue;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

/**
 * Picks, once per column, the function turning that column's values into JSON-safe values per shared
 * spec/cli.md: safe integers as numbers (as strings beyond +-(2^53-1)), DECIMAL as number, NaN/Infinity as
 * strings, DATE `YYYY-MM-DD`, TIMESTAMP `YYYY-MM-DDTHH:MM:SS[.ffffff]` (fraction only when non-zero, trailing
 * zeros dropped), TIMESTAMPTZ in UTC with `Z`, BLOB as base64, nested values recursively.
 */
export function toJsonConverter(type: DuckDBType): (v: DuckDBValue) => JsonValue {
  const convert = converterFor(type);
  return (v) => (v === null ? null : convert(v));
}

function nullable(convert: Convert): Convert {
  return (v) => (v === null ? null : convert(v));
}

function converterFor(type: DuckDBType): Convert {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return (v) => v as boolean;
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
      return (v) => v as number;
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return (v) => bigIntToJson(v as bigint | number);
    case DuckDBTypeId.FLOAT:
      return (v) => floatToJson(v as number, true);
    case DuckDBTypeId.DOUBLE:
      return (v) => floatToJson(v as number, false);
    case DuckDBTypeId.DECIMAL:
      return (v) => Number((v as DuckDBDecimalValue).toString());
    case DuckDBTypeId.DATE:
      return (v) => formatDate(v as DuckDBDateValue);
    case DuckDBTypeId.TIMESTAMP:
      return (v) => formatTimestamp((v as DuckDBTimestampValue).micros, 1_000_000n, 6, '');
    case DuckDBTypeId.TIMESTAMP_S:
      return (v) => formatTimestamp((v as DuckDBTimestampSecondsValue).seconds, 1n, 0, '');
    case DuckDBTypeId.TIMESTAMP_MS:
      return (v) => formatTimestamp((v as DuckDBTimestampMillisecondsValue).millis, 1000n, 3, '');
    case DuckDBTypeId.TIMESTAMP_NS:
      return (v) => formatTimestamp((v as DuckDBTimestampNanosecondsValue).nanos, 1_000_000_000n, 9, '');
    case DuckDBTypeId.TIMESTAMP_TZ:
      return (v) => formatTimestamp((v as DuckDBTimestampTZValue).micros, 1_000_000n, 6, 'Z');
    case DuckDBTypeId.TIME:
      return (v) => formatTimeOfDay((v as DuckDBTimeValue).micros, 1_000_000n, 6);
    case DuckDBTypeId.TIME_NS:
      return (v) => formatTimeOfDay((v as DuckDBTimeNSValue).nanos, 1_000_000_000n, 9);
    case DuckDBTypeId.TIME_TZ:
      return (v) => formatTimeTz(v as DuckDBTimeTZValue);
    case DuckDBTypeId.INTERVAL:
      return (v) => (v as DuckDBIntervalValue).toString();
    case DuckDBTypeId.BLOB:
      return (v) => Buffer.from((v as DuckDBBlobValue).bytes).toString('base64');
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const item = nullable(converterFor(type.valueType));
      return (v) => (v as DuckDBListValue).items.map(item);
    }
    case DuckDBTypeId.STRUCT: {
      const fields = type.entryNames.map(
        (name, i) => [name, nullable(converterFor(type.entryTypes[i]!))] as const,
      );
      return (v) => {
        const entries = (v as DuckDBStructValue).entries;
        const out: { [key: string]: JsonValue } = {};
        for (const [name, convert] of fields) out[name] = convert(entries[name] ?? null);
        return out;
      };
    }
    case DuckDBTypeId.MAP: {
      const key = nullable(converterFor(type.keyType));
      const value = nullable(converterFor(type.valueType));
      return (v) => {
        const out: { [key: string]: JsonValue } = {};
        for (const entry of (v as DuckDBMapValue).entries) {
          const k = key(entry.key);
          out[typeof k === 'string' ? k : JSON.stringify(k)] = value(entry.value);
        }
        return out;
      };
    }
    case DuckDBTypeId.UNION: {
      const members = new Map(
        type.memberTags.map((tag, i) => [tag, nullable(converterFor(type.memberTypes[i]!))]),
      );
      return (v) => {
        const u = v as DuckDBUnionValue;
        return (members.get(u.tag) ?? String)(u.value) as JsonValue;
      };
    }
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.ENUM:
      return (v) => v as string;
    default:
      // UUID, BIT, GEOMETRY, VARIANT and anything newer: DuckDB's own text form.
      return (v) => String(v);
  }
}

function bigIntToJson(v: bigint | number): JsonValue {
  if (typeof v === 'number') return v;
  return v >= MIN_SAFE && v <= MAX_SAFE ? Number(v) : v.toString();
}

function floatToJson(v: number, single: boolean): JsonValue {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return 'Infinity';
  if (v === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (!single) return v;
  // A FLOAT widened to double prints as 1.100000023841858; print the shortest decimal that reads back the same.
  for (let digits = 1; digits < 10; digits++) {
    const shorter = Number(v.toPrecision(digits));
    if (Math.fround(shorter) === v) return shorter;
  }
  return v;
}

function pad(n: number | bigint, width: number): string {
  return String(n).padStart(width, '0');
}

/** Proleptic Gregorian date from days since 1970-01-01 (Howard Hinnant's civil_from_days). */
function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** ISO 8601 year: four digits, astronomical numbering (1 BC is 0000, 2 BC is -0001), sign beyond 9999. */
function formatYear(y: number): string {
  if (y < 0) return `-${pad(-y, 4)}`;
  return y > 9999 ? `+${y}` : pad(y, 4);
}

function formatDays(days: number): string {
  const { y, m, d } = civilFromDays(days);
  return `${formatYear(y)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function formatDate(v: DuckDBDateValue): string {
  if (!v.isFinite) return v.days > 0 ? 'infinity' : '-infinity';
  return formatDays(v.days);
}

function formatFraction(fraction: bigint, digits: number): string {
  if (fraction === 0n) return '';
  return `.${pad(fraction, digits).replace(/0+$/, '')}`;
}

function formatTimeOfDay(ticks: bigint, perSecond: bigint, digits: number): string {
  const seconds = ticks / perSecond;
  const fraction = ticks % perSecond;
  const h = seconds / 3600n;
  const m = (seconds / 60n) % 60n;
  const s = seconds % 60n;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${formatFraction(fraction, digits)}`;
}

function formatTimestamp(ticks: bigint, perSecond: bigint, digits: number, suffix: string): string {
  const perDay = perSecond * 86_400n;
  // Infinity is stored as the extreme int64 values.
  if (ticks >= 9_223_372_036_854_775_807n) return 'infinity';
  if (ticks <= -9_223_372_036_854_775_807n) return '-infinity';
  let days = ticks / perDay;
  let rest = ticks % perDay;
  if (rest < 0n) {
    days -= 1n;
    rest += perDay;
  }
  return `${formatDays(Number(days))}T${formatTimeOfDay(rest, perSecond, digits)}${suffix}`;
}

function formatTimeTz(v: DuckDBTimeTZValue): string {
  const offset = Math.abs(v.offset);
  const sign = v.offset < 0 ? '-' : '+';
  const zone = `${sign}${pad(Math.floor(offset / 3600), 2)}:${pad(Math.floor(offset / 60) % 60, 2)}`;
  return `${formatTimeOfDay(v.micros, 1_000_000n, 6)}${zone}`;
}
