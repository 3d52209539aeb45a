import { describe, expect, it } from 'vitest';
import { readDateText } from './date-text.js';

describe('readDateText names the format found and converts only when certain', () => {
  it.each([
    ['13/01/2026', { found: 'DD/MM/YYYY (day first)', iso: '2026-01-13' }],
    ['01/13/2026', { found: 'MM/DD/YYYY (month first)', iso: '2026-01-13' }],
    ['03/01/2026', { found: "DD/MM/YYYY or MM/DD/YYYY (day and month can't be told apart)" }],
    ['05.05.2026', { found: 'DD.MM.YYYY', iso: '2026-05-05' }],
    ['31-31-2026', { found: 'NN-NN-YYYY', problem: 'neither reading is a real date' }],
    ['Jan 5 2026', { found: 'Month D YYYY', iso: '2026-01-05' }],
    ['March 3rd, 2026', { found: 'Month D YYYY', iso: '2026-03-03' }],
    ['5 Sept 2026', { found: 'D Month YYYY', iso: '2026-09-05' }],
    ['2026-02-30', { found: 'YYYY-MM-DD', problem: 'February 2026 has 28 days, so there is no day 30' }],
    ['2028-02-30', { found: 'YYYY-MM-DD', problem: 'February 2028 has 29 days, so there is no day 30' }],
    ['2026-13-01', { found: 'YYYY-MM-DD', problem: 'there is no month 13' }],
    ['2026-01-01 10pm', { found: 'YYYY-MM-DD with a 12-hour time (am/pm)', iso: '2026-01-01 22:00:00' }],
    ['2026-01-01 12am', { found: 'YYYY-MM-DD with a 12-hour time (am/pm)', iso: '2026-01-01 00:00:00' }],
    ['last week', { found: 'words, not a date' }],
  ])('%s', (text, expected) => {
    expect(readDateText(text)).toEqual(expected);
  });
});
