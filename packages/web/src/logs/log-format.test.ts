import { expect, test } from 'vitest';
import { intervalWords, rankLogTables, templateParts, timeKindFor, timeLabel } from './log-format.js';

test('a template splits into literal text and highlighted placeholders', () => {
  expect(templateParts('GET /api/projects/<NUM> from <IP> as <*>')).toEqual([
    { text: 'GET /api/projects/', variable: false },
    { text: '<NUM>', variable: true },
    { text: ' from ', variable: false },
    { text: '<IP>', variable: true },
    { text: ' as ', variable: false },
    { text: '<*>', variable: true },
  ]);
  expect(templateParts('health check ok')).toEqual([{ text: 'health check ok', variable: false }]);
});

test('tables that look like logs come first', () => {
  const col = (name: string, type = 'VARCHAR') => ({ name, type });
  const ranked = rankLogTables({
    tables: [
      { table: 'users', rows: 1, columns: [col('user_id'), col('signup_at', 'TIMESTAMP WITH TIME ZONE')] },
      { table: 'app_log', rows: 1, columns: [col('ts', 'VARCHAR'), col('level'), col('message')] },
      {
        table: 'access_log',
        rows: 1,
        columns: [
          col('ts', 'TIMESTAMP WITH TIME ZONE'),
          col('status', 'INTEGER'),
          col('path'),
          col('method'),
        ],
      },
      {
        table: 'events',
        rows: 1,
        columns: [col('ts', 'TIMESTAMP WITH TIME ZONE'), col('event'), col('path')],
      },
    ],
    connections: [],
    files: [],
  });
  expect(ranked).toEqual({ logs: ['access_log', 'app_log'], others: ['events', 'users'] });
});

test('words and labels for people', () => {
  expect(intervalWords('10m')).toBe('10-minute');
  expect(intervalWords('1d')).toBe('1-day');
  const t = Date.parse('2026-10-30T06:10:30Z');
  expect(timeLabel(t, 600)).toBe('06:10');
  expect(timeLabel(t, 30)).toBe('06:10:30');
  expect(timeLabel(t, 86_400)).toBe('Fri 30 Oct');
  expect(timeLabel(t, 600, true)).toBe('Fri 30 Oct 06:10');
  expect(timeKindFor('ts_ms', 'BIGINT')).toBe('epoch_ms');
  expect(timeKindFor('ts', 'TIMESTAMP')).toBe('timestamp');
});
