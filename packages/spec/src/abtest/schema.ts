import { z } from 'zod';
import { SourceSchema } from '../metrics/index.js';

/**
 * An A/B test spec (metrics.md section 4), version 1: one row per actor with a `variant` column and an `outcome`
 * column (the metric: 0/1 for conversion, or a number). `control` defaults to a variant named `control`, else the
 * first in byte order; `confidence` defaults to 0.95; `weights` (variant -> weight) gives the expected split for
 * the sample-ratio check (equal when omitted).
 */
export const AbTestSpecSchema = z
  .object({
    version: z.literal(1),
    metric: z.literal('abtest'),
    source: SourceSchema,
    variant: z.string().min(1),
    outcome: z.string().min(1),
    control: z.string().min(1).optional(),
    confidence: z.number().gt(0).lt(1).default(0.95),
    weights: z.record(z.string(), z.number().positive()).optional(),
  })
  .strict();

/** A validated A/B test spec with every default filled in. */
export type AbTestSpec = z.infer<typeof AbTestSpecSchema>;
/** An A/B test spec as a user may write it (defaults optional). */
export type AbTestSpecInput = z.input<typeof AbTestSpecSchema>;
