const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** What a piece of date text looks like, and its ISO form when that is certain. */
export interface DateReading {
  /** The format found, in words, e.g. `DD/MM/YYYY (day first)`. */
  found: string;
  /** `YYYY-MM-DD` (plus time) when only one reading is possible. */
  iso?: string;
  /** Why it cannot be read, when it has the right shape but impossible values. */
  problem?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function valid(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

function iso(y: number, m: number, d: number): string | undefined {
  return valid(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

/** Reads date text DuckDB refused, naming the format found (never throws; unknown text gets a generic reading). */
export function readDateText(text: string): DateReading {
  const t = text.trim();
  const numeric = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(t);
  if (numeric) {
    const [a, sep, b, y] = [Number(numeric[1]), numeric[2]!, Number(numeric[3]), Number(numeric[4])];
    const dayFirst = iso(y, b, a);
    const monthFirst = iso(y, a, b);
    if (dayFirst && !monthFirst) return { found: `DD${sep}MM${sep}YYYY (day first)`, iso: dayFirst };
    if (monthFirst && !dayFirst) return { found: `MM${sep}DD${sep}YYYY (month first)`, iso: monthFirst };
    if (dayFirst && monthFirst && dayFirst !== monthFirst)
      return { found: `DD${sep}MM${sep}YYYY or MM${sep}DD${sep}YYYY (day and month can't be told apart)` };
    if (dayFirst) return { found: `DD${sep}MM${sep}YYYY`, iso: dayFirst };
    return { found: `NN${sep}NN${sep}YYYY`, problem: 'neither reading is a real date' };
  }
  const named =
    /^(?:([A-Za-z]{3,})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})|(\d{1,2}) ([A-Za-z]{3,})\.?,? (\d{4}))$/.exec(
      t,
    );
  if (named) {
    const word = (named[1] ?? named[5]!).toLowerCase().slice(0, 3);
    const month = MONTHS.indexOf(word) + 1;
    const day = Number(named[2] ?? named[4]);
    const year = Number(named[3] ?? named[6]);
    const found = named[1] ? 'Month D YYYY' : 'D Month YYYY';
    const value = month > 0 ? iso(year, month, day) : undefined;
    return value ? { found, iso: value } : { found, problem: `"${t}" is not a real date` };
  }
  const ymd = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(.*)$/.exec(t);
  if (ymd) {
    const [y, m, d, rest] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3]), ymd[4]!.trim()];
    if (m < 1 || m > 12) return { found: 'YYYY-MM-DD', problem: `there is no month ${m}` };
    if (!valid(y, m, d))
      return {
        found: 'YYYY-MM-DD',
        problem: `${MONTH_NAMES[m - 1]} ${y} has ${daysIn(y, m)} days, so there is no day ${d}`,
      };
    const clock = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)$/i.exec(rest);
    if (clock) {
      let hour = Number(clock[1]) % 12;
      if (clock[3]!.toLowerCase() === 'pm') hour += 12;
      return {
        found: 'YYYY-MM-DD with a 12-hour time (am/pm)',
        iso: `${iso(y, m, d)} ${pad(hour)}:${clock[2] ?? '00'}:00`,
      };
    }
    return { found: 'YYYY-MM-DD followed by text that is not a time' };
  }
  return { found: 'words, not a date' };
}
