import { DAY, type SampleClock, WINDOW_DAYS } from './clock.js';
import { type Rng, Weighted } from './prng.js';
import { CHANNELS, COMPANY_SIZES, COUNTRIES, DEVICES } from './vocabulary.js';

/** Days before the window in which the product already had signups (their early events fall outside). */
export const HISTORY_DAYS = 60;

/** A generated user; codes index the vocabularies. */
export interface SampleUser {
  /** 0-based; also the order of signup. */
  idx: number;
  /** Signup moment, seconds since the window start (negative for users who joined before it). */
  signupT: number;
  country: number;
  device: number;
  channel: number;
  companySize: number;
}

const COUNTRY_DIST = new Weighted(COUNTRIES.map(([, w], i) => [i, w] as const));
const DEVICE_DIST = new Weighted(DEVICES.map(([, w], i) => [i, w] as const));
const CHANNEL_DIST = new Weighted(CHANNELS.map(([, w], i) => [i, w] as const));
const SIZE_DIST = new Weighted(COMPANY_SIZES.map(([, w], i) => [i, w] as const));

/** Generates `count` users, sorted by signup time, with signups growing over time and dipping on weekends. */
export function generateUsers(rng: Rng, clock: SampleClock, count: number): SampleUser[] {
  const days: (readonly [number, number])[] = [];
  for (let day = -HISTORY_DAYS; day < WINDOW_DAYS; day++) {
    const growth = 1 + (1.2 * (day + HISTORY_DAYS)) / (WINDOW_DAYS + HISTORY_DAYS);
    days.push([day, growth * clock.weekdayFactor(day)]);
  }
  const dayDist = new Weighted(days);
  const users: Omit<SampleUser, 'idx'>[] = [];
  for (let i = 0; i < count; i++) {
    const country = COUNTRY_DIST.sample(rng);
    const offset = COUNTRIES[country]?.[2] ?? 0;
    const signupT = Math.min(clock.end - 1, clock.momentOn(rng, dayDist.sample(rng), offset));
    users.push({
      signupT,
      country,
      device: DEVICE_DIST.sample(rng),
      channel: CHANNEL_DIST.sample(rng),
      companySize: SIZE_DIST.sample(rng),
    });
  }
  users.sort((a, b) => a.signupT - b.signupT);
  return users.map((u, idx) => ({ idx, ...u }));
}

/** Day index (since the window start) of a user's signup. */
export function signupDay(user: SampleUser): number {
  return Math.floor(user.signupT / DAY);
}

/** The `user_id` text of a user index, as the users table writes it (the SQL builds the same text). */
export function sampleUserId(idx: number): string {
  return `u_${String(idx + 1).padStart(6, '0')}`;
}
