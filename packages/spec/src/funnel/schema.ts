import { z } from 'zod';
import { parseDuration } from '../metrics/duration.js';
import { EventMatchSchema, EventTableSchema, RangeSchema } from '../metrics/event-table.js';

/** Most distinct filter sets one event may carry across the steps of an `order: any` funnel. */
export const MAX_ANY_ORDER_VARIANTS = 8;

/** An exclusion rule `EVENT:FROM:TO`: a row of EVENT between step FROM and step TO removes the actor. */
export const FunnelExclusionSchema = EventMatchSchema.extend({
  from: z.number().int().min(1),
  to: z.number().int().min(2),
}).strict();
export type FunnelExclusion = z.infer<typeof FunnelExclusionSchema>;

/** A funnel (metrics.md section 1); every option carries its metrics.md default. */
export const FunnelSpecSchema = z
  .object({
    version: z.literal(1),
    metric: z.literal('funnel'),
    events: EventTableSchema,
    steps: z
      .array(EventMatchSchema)
      .min(2, 'a funnel needs at least 2 steps')
      .max(20, 'a funnel has at most 20 steps'),
    window: z.union([z.string(), z.number()]).default('14d'),
    ...RangeSchema.shape,
    order: z.enum(['ordered', 'strict', 'any']).default('ordered'),
    anchor: z.enum(['any_entry', 'first_entry']).default('any_entry'),
    exclusions: z.array(FunnelExclusionSchema).default([]),
    breakdown: z.string().min(1).optional(),
    tiebreak: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    const window = parseDuration(spec.window);
    if (!window.ok) ctx.addIssue({ code: 'custom', path: ['window'], message: window.error });
    const n = spec.steps.length;
    spec.exclusions.forEach((x, i) => {
      if (!(x.from < x.to && x.to <= n)) {
        ctx.addIssue({
          code: 'custom',
          path: ['exclusions', i],
          message: `exclusion ${x.event}:${x.from}:${x.to} needs 1 <= FROM < TO <= ${n} (steps are numbered from 1)`,
        });
      }
    });
    if (spec.order === 'any' && spec.exclusions.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['exclusions'],
        message: 'exclusions need an order of steps: use order ordered or strict, or drop the exclusions',
      });
    }
    if (spec.order === 'any' && spec.breakdown !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['breakdown'],
        message: 'a breakdown needs a first step: use order ordered or strict, or drop the breakdown',
      });
    }
    if (spec.order === 'any') {
      for (const classes of anyOrderComponents(spec.steps)) {
        if (classes.length > MAX_ANY_ORDER_VARIANTS) {
          ctx.addIssue({
            code: 'custom',
            path: ['steps'],
            message: `order any allows at most ${MAX_ANY_ORDER_VARIANTS} differently filtered steps of one event`,
          });
        }
      }
    }
  });

/** A funnel spec as written (defaults optional). */
export type FunnelSpecInput = z.input<typeof FunnelSpecSchema>;
/** A validated funnel spec with its defaults filled in. */
export type FunnelSpec = z.output<typeof FunnelSpecSchema>;

/** Steps sharing one event name and the same filters: they match exactly the same rows. */
export interface StepClass {
  /** 0-based indexes of the steps in this class. */
  steps: number[];
}

/**
 * Steps grouped by event name (rows of different events never match the same steps), each group split into
 * classes of identical filters. Used by `order: any`, whose depth is a matching of rows to steps.
 */
export function anyOrderComponents(
  steps: readonly { event: string; filters: readonly unknown[] }[],
): StepClass[][] {
  const byEvent = new Map<string, Map<string, number[]>>();
  steps.forEach((s, i) => {
    const classes = byEvent.get(s.event) ?? new Map<string, number[]>();
    const key = JSON.stringify(s.filters);
    classes.set(key, [...(classes.get(key) ?? []), i]);
    byEvent.set(s.event, classes);
  });
  return [...byEvent.values()].map((classes) => [...classes.values()].map((idx) => ({ steps: idx })));
}

/** Parses the CLI form `EVENT:FROM:TO` of an exclusion (the event name may itself contain colons). */
export function parseExclusion(
  text: string,
): { ok: true; value: FunnelExclusion } | { ok: false; error: string } {
  const m = /^(.+):(\d+):(\d+)$/.exec(text.trim());
  if (!m) {
    return {
      ok: false,
      error: `"${text}" is not an exclusion: write EVENT:FROM:TO, e.g. logout:1:3 (steps are numbered from 1)`,
    };
  }
  return { ok: true, value: { event: m[1]!, filters: [], from: Number(m[2]), to: Number(m[3]) } };
}
