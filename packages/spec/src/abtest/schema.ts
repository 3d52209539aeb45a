import { z } from 'zod';
import {
  EventMatchSchema,
  EventTableSchema,
  parseDuration,
  SourceSchema,
  TimeKindSchema,
} from '../metrics/index.js';

const common = {
  version: z.literal(1),
  metric: z.literal('abtest'),
  control: z.string().min(1).optional(),
  confidence: z.number().gt(0).lt(1).default(0.95),
  weights: z.record(z.string(), z.number().positive()).optional(),
};

/**
 * A/B test from one row per actor (metrics.md section 4): a `variant` column and an `outcome` column (the metric:
 * 0/1 for conversion, or a number).
 */
export const AbTestPerActorSchema = z
  .object({ ...common, source: SourceSchema, variant: z.string().min(1), outcome: z.string().min(1) })
  .strict();

/** Where actors were assigned: one row per assignment with the actor, the variant and the assignment time. */
export const AssignmentTableSchema = z
  .object({
    source: SourceSchema,
    actor: z.string().min(1),
    variant: z.string().min(1),
    time: z.string().min(1),
    timeKind: TimeKindSchema.default('timestamp'),
  })
  .strict();

/**
 * A/B test from an assignment table and an event table: an actor converts when they have at least one `goal` row
 * strictly after their assignment time (and, with `window`, at most that long after it, inclusive).
 */
export const AbTestEventsSchema = z
  .object({
    ...common,
    assignments: AssignmentTableSchema,
    events: EventTableSchema,
    goal: EventMatchSchema,
    window: z
      .union([z.string(), z.number()])
      .refine((w) => parseDuration(w).ok, { message: 'write a window such as 30m, 12h, 14d or 2w' })
      .optional(),
  })
  .strict();

/**
 * An A/B test spec, version 1, in either input form. `control` defaults to a variant named `control`, else the
 * first in byte order; `confidence` defaults to 0.95; `weights` (variant -> weight) gives the expected split for
 * the sample-ratio check (equal when omitted).
 */
export const AbTestSpecSchema = z.union([AbTestPerActorSchema, AbTestEventsSchema]);

/** A validated A/B test spec with every default filled in. */
export type AbTestSpec = z.infer<typeof AbTestSpecSchema>;
/** An A/B test spec as a user may write it (defaults optional). */
export type AbTestSpecInput = z.input<typeof AbTestSpecSchema>;
