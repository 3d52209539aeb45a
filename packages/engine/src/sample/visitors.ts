import { DAY } from './clock.js';
import { NONE } from './event-buffer.js';
import { type Rng, Weighted } from './prng.js';
import type { SimulationState } from './simulation.js';
import { COUNTRIES, DEVICES, EV, LANDING_PATHS } from './vocabulary.js';

const LANDING = new Weighted(LANDING_PATHS);
const COUNTRY_DIST = new Weighted(COUNTRIES.map(([, w], i) => [i, w] as const));
const DEVICE_DIST = new Weighted(DEVICES.map(([, w], i) => [i, w] as const));

/**
 * Visitors who never sign up: a few marketing page views each, with no user id (only an anonymous cookie id,
 * numbered from `firstAnon`). These are the NULL actors the metrics must ignore and report.
 */
export function simulateVisitors(state: SimulationState, rng: Rng, count: number, firstAnon: number): void {
  const { clock, events } = state;
  const days = clock.end / DAY;
  for (let i = 0; i < count; i++) {
    const country = COUNTRY_DIST.sampleIndex(rng);
    const device = DEVICE_DIST.sampleIndex(rng);
    const session = state.counters.session++;
    let t = clock.momentOn(rng, rng.int(days), COUNTRIES[country]?.[2] ?? 0);
    const views = 1 + rng.geometric(0.7);
    for (let v = 0; v < views; v++) {
      if (t >= 0 && t < clock.end) {
        events.push({
          user: NONE,
          anon: firstAnon + i,
          session,
          event: EV.page_view,
          t,
          path: LANDING.sample(rng),
          pathParam: NONE,
          plan: NONE,
          country,
          device,
          revenueCents: NONE,
        });
      }
      t += rng.between(3, 180);
    }
  }
}
