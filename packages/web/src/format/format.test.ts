import { describe, expect, it } from 'vitest';
import { formatBytes, formatCell, formatDate, formatDuration, formatTimestamp, typeKind } from './format.js';

describe('formatting for people', () => {
  it('groups numbers, including big integers sent as strings', () => {
    expect(formatCell(12345, 'BIGINT')).toBe('12,345');
    expect(formatCell('12345678901234567890', 'HUGEINT')).toBe('12,345,678,901,234,567,890');
    expect(formatCell('-1234.50', 'DECIMAL(10,2)')).toBe('-1,234.50');
    expect(formatCell(0.123456789, 'DOUBLE')).toBe('0.1235');
  });
  it('writes dates as "Tue 3 Mar 2026" without shifting by the browser zone', () => {
    expect(formatDate('2026-03-03')).toBe('Tue 3 Mar 2026');
    expect(formatCell('2026-03-01', 'DATE')).toBe('Sun 1 Mar 2026');
  });
  it('keeps the zone of timestamps', () => {
    expect(formatTimestamp('2026-03-01T12:00:00Z')).toBe('Sun 1 Mar 2026 12:00:00 UTC');
    expect(formatTimestamp('2026-03-01T12:00:00')).toBe('Sun 1 Mar 2026 12:00:00');
    expect(formatCell('2026-03-01T12:00:00.250+01:00', 'TIMESTAMP WITH TIME ZONE')).toBe(
      'Sun 1 Mar 2026 12:00:00.250 +01:00',
    );
  });
  it('shows NULL, booleans and nested values', () => {
    expect(formatCell(null, 'VARCHAR')).toBe('NULL');
    expect(formatCell(true, 'BOOLEAN')).toBe('true');
    expect(formatCell({ a: [1, 2] }, 'STRUCT(a INTEGER[])')).toBe('{"a":[1,2]}');
  });
  it('classifies types', () => {
    expect(
      ['DECIMAL(18,2)', 'UBIGINT', 'DATE', 'TIMESTAMP_NS', 'VARCHAR', 'BOOLEAN', 'INTEGER[]'].map(typeKind),
    ).toEqual(['number', 'number', 'date', 'timestamp', 'text', 'boolean', 'other']);
  });
  it('formats durations and sizes', () => {
    expect([formatDuration(45), formatDuration(1234), formatDuration(125_000)]).toEqual([
      '45 ms',
      '1.2 s',
      '2 min 5 s',
    ]);
    expect([formatBytes(512), formatBytes(3_400_000)]).toEqual(['512 B', '3.4 MB']);
  });
});
