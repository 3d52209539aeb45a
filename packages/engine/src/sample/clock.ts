import { type Rng, Weighted } from './prng.js';

/** Length of the event window of the sample, in days. */
export const WINDOW_DAYS = 120;
export const DAY = 86_400;
export const HOUR = 3_600;

// Sunday first, as `getUTCDay()` counts.
const WEEKDAY_FACTOR = [0.52, 1, 1.06, 1.04, 1, 0.86, 0.48] as const;

// Relative activity per local hour of the day: quiet nights, a morning peak and a longer afternoon.
const HOURS = new Weighted(
  [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 4, 6, 7.5, 7.5, 6, 6.5, 7.5, 7.5, 7, 6, 4.5, 3.5, 3, 2.5, 2, 1.5].map(
    (w, hour) => [hour, w] as const,
  ),
);

/**
 * Time inside the sample: seconds since the window start (`now` minus 120 days, a UTC midnight when `now` is one).
 * Also the weekly and daily rhythms that make the data look like people use the product on weekdays.
 */
export class SampleClock {
  /** Epoch seconds of the window start. */
  readonly startEpoch: number;
  /** Window length in seconds; every event has 0 <= t < end. */
  readonly end = WINDOW_DAYS * DAY;

  constructor(now: Date) {
    this.startEpoch = Math.floor(now.getTime() / 1000) - this.end;
  }

  /** Activity multiplier of a day (index since window start, may be negative): weekends dip to about half. */
  weekdayFactor(day: number): number {
    const weekday = new Date((this.startEpoch + day * DAY) * 1000).getUTCDay();
    return WEEKDAY_FACTOR[weekday] ?? 1;
  }

  /** A believable moment on `day` for someone whose local time is UTC + `utcOffset` hours. */
  momentOn(rng: Rng, day: number, utcOffset: number): number {
    const local = HOURS.sampleIndex(rng) * HOUR + rng.int(HOUR);
    return day * DAY + local - Math.round(utcOffset * HOUR);
  }

  /** Day index of a moment. */
  dayOf(t: number): number {
    return Math.floor(t / DAY);
  }
}
