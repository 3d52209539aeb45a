import type { Rng } from './prng.js';
import { EXPERIMENT } from './vocabulary.js';

const VARIANT_BLOCK = 4;
const OUTCOME_BLOCK = 50;

/** What the experiment decided for one newly assigned user. */
export interface Allocation {
  /** Index into `EXPERIMENT.variants`. */
  variant: number;
  /** Whether this user completes checkout after being assigned. */
  converts: boolean;
}

/**
 * Assigns users to the checkout experiment in permuted blocks (an even split, as a real randomiser gives) and
 * decides conversions in blocks per variant, so each variant converts at its designed rate even in a small sample:
 * the A/B metric then shows B better at every scale, not only when the dice are kind.
 */
export class ExperimentAllocator {
  private variantQueue: number[] = [];
  private readonly outcomeQueues: boolean[][] = EXPERIMENT.variants.map(() => []);

  constructor(private readonly rng: Rng) {}

  /** The allocation of the next user to enter the experiment. */
  next(): Allocation {
    if (this.variantQueue.length === 0) {
      const block: number[] = [];
      for (let i = 0; i < VARIANT_BLOCK; i++) block.push(i % EXPERIMENT.variants.length);
      this.variantQueue = this.shuffle(block);
    }
    const variant = this.variantQueue.pop() ?? 0;
    const queue = this.outcomeQueues[variant] ?? [];
    if (queue.length === 0) {
      const converters = Math.round(OUTCOME_BLOCK * (EXPERIMENT.conversion[variant] ?? 0));
      const block: boolean[] = [];
      for (let i = 0; i < OUTCOME_BLOCK; i++) block.push(i < converters);
      queue.push(...this.shuffle(block));
      this.outcomeQueues[variant] = queue;
    }
    return { variant, converts: queue.pop() ?? false };
  }

  private shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}
