import { z } from 'zod';
import { EventMatchSchema, EventTableSchema, RangeSchema } from '../metrics/index.js';

/**
 * An active-users spec (metrics.md section 3), version 1: DAU / WAU / MAU and stickiness per calendar day in `tz`.
 * `event` limits the qualifying rows (any event by default); `histogram` is the period of the stickiness
 * histogram (default week: "on how many days of the week was each actor active").
 */
export const ActiveSpecSchema = z
  .object({
    version: z.literal(1),
    metric: z.literal('active'),
    events: EventTableSchema,
    event: EventMatchSchema.optional(),
    histogram: z.enum(['week', 'month']).default('week'),
    ...RangeSchema.shape,
  })
  .strict()
  .refine((s) => !(s.since && s.until) || s.since < s.until, {
    message: 'since must be before until (the range is [since, until))',
    path: ['until'],
  });

/** A validated active-users spec with every default filled in. */
export type ActiveSpec = z.infer<typeof ActiveSpecSchema>;
/** An active-users spec as a user may write it (defaults optional). */
export type ActiveSpecInput = z.input<typeof ActiveSpecSchema>;
