import { z } from 'zod';
import { EventMatchSchema, EventTableSchema, RangeSchema } from '../metrics/index.js';

/** Most periods after the cohort a retention table may show (day periods over almost three years). */
export const MAX_RETENTION_PERIODS = 1000;

/**
 * A retention spec (metrics.md section 2), version 1. Defaults: `return` any event, `period` week, `periods` 8
 * (cells k = 0..8), `cohort` first_time, `criterion` on, `tz` UTC, no range.
 */
export const RetentionSpecSchema = z
  .object({
    version: z.literal(1),
    metric: z.literal('retention'),
    events: EventTableSchema,
    start: EventMatchSchema,
    return: z.union([z.literal('any'), EventMatchSchema]).default('any'),
    period: z.enum(['day', 'week', 'month']).default('week'),
    periods: z.number().int().min(0).max(MAX_RETENTION_PERIODS).default(8),
    cohort: z.enum(['first_time', 'recurring']).default('first_time'),
    criterion: z.enum(['on', 'on_or_after']).default('on'),
    ...RangeSchema.shape,
  })
  .strict()
  .refine((s) => !(s.since && s.until) || s.since < s.until, {
    message: 'since must be before until (the range is [since, until))',
    path: ['until'],
  });

/** A validated retention spec with every default filled in. */
export type RetentionSpec = z.infer<typeof RetentionSpecSchema>;
/** A retention spec as a user may write it (defaults optional). */
export type RetentionSpecInput = z.input<typeof RetentionSpecSchema>;
