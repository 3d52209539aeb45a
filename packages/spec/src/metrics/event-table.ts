import { z } from 'zod';

/** Where the events come from: a table of the workspace or connection, or a query (a file becomes a query). */
export const SourceSchema = z.union([
  z.object({ table: z.string().min(1), schema: z.string().min(1).optional() }).strict(),
  z.object({ sql: z.string().min(1) }).strict(),
]);
export type Source = z.infer<typeof SourceSchema>;

/**
 * How the time column is stored: a real timestamp (naive ones are read as UTC, metrics.md section 0), epoch
 * seconds or milliseconds, or text the engine can cast.
 */
export const TimeKindSchema = z.enum(['timestamp', 'timestamptz', 'epoch_s', 'epoch_ms', 'text']);
export type TimeKind = z.infer<typeof TimeKindSchema>;

/** The column roles of an event table (metrics.md section 0); the engine auto-detects them when not given. */
export const EventTableSchema = z
  .object({
    source: SourceSchema,
    actor: z.string().min(1),
    event: z.string().min(1),
    time: z.string().min(1),
    timeKind: TimeKindSchema.default('timestamp'),
  })
  .strict();
export type EventTable = z.infer<typeof EventTableSchema>;

/** A value a property filter compares with. */
export const FilterValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/** A condition on a property column of an event row. */
export const PropertyFilterSchema = z
  .object({
    column: z.string().min(1),
    op: z.enum(['=', '!=', '<', '<=', '>', '>=', 'in', 'not_in', 'is_null', 'is_not_null', 'contains']),
    value: z.union([FilterValueSchema, z.array(FilterValueSchema)]).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const needsList = f.op === 'in' || f.op === 'not_in';
    const needsNone = f.op === 'is_null' || f.op === 'is_not_null';
    if (needsNone && f.value !== undefined)
      ctx.addIssue({ code: 'custom', message: `${f.op} takes no value` });
    if (!needsNone && f.value === undefined)
      ctx.addIssue({ code: 'custom', message: `${f.op} needs a value` });
    if (needsList && !Array.isArray(f.value))
      ctx.addIssue({ code: 'custom', message: `${f.op} needs a list` });
    if (!needsList && Array.isArray(f.value))
      ctx.addIssue({ code: 'custom', message: `${f.op} takes one value` });
  });
export type PropertyFilter = z.infer<typeof PropertyFilterSchema>;

/** An event name plus optional property filters: a funnel step, a retention start/return event... */
export const EventMatchSchema = z
  .object({ event: z.string().min(1), filters: z.array(PropertyFilterSchema).default([]) })
  .strict();
export type EventMatch = z.infer<typeof EventMatchSchema>;

/** A calendar date `YYYY-MM-DD` (local midnight in the spec's `tz`). */
export const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD');

/** An IANA time zone name such as `UTC` or `Europe/Berlin`. */
export const TimeZoneSchema = z
  .string()
  .refine(isTimeZone, { message: 'not a known time zone (e.g. UTC, Europe/Berlin)' });

/** Date range (half-open `[since, until)`) and time zone shared by every metric. */
export const RangeSchema = z
  .object({ since: DateSchema.optional(), until: DateSchema.optional(), tz: TimeZoneSchema.default('UTC') })
  .strict();

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
