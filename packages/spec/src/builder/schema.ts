import { z } from 'zod';

const name = z.string().min(1, 'needs a name');

/** Where a builder query starts: a table, a file (DuckDB reads it directly), a saved builder query, or SQL. */
export const BuilderSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('table'), name, schema: name.optional() }).strict(),
  z.object({ kind: z.literal('file'), path: z.string().min(1, 'needs a file path') }).strict(),
  z
    .object({
      kind: z.literal('query'),
      id: z
        .string()
        .regex(
          /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,49}$/u,
          'is the name of a saved query (letters, digits, space, _ . -)',
        ),
    })
    .strict(),
  z.object({ kind: z.literal('sql'), sql: z.string().trim().min(1, 'needs SQL text') }).strict(),
]);
export type BuilderSource = z.infer<typeof BuilderSourceSchema>;

/** Filter operators. Comparisons take `value`; in/not_in/between take `values`; date presets take `n`/`unit`. */
export const FILTER_OPS = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'between',
  'in',
  'not_in',
  'contains',
  'starts_with',
  'ends_with',
  'is_empty',
  'is_not_empty',
  'last',
  'this',
  'previous',
  'before',
  'after',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** A value a condition compares with (dates are ISO text, e.g. `2026-03-01`). */
export const FilterValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export type FilterValue = z.infer<typeof FilterValueSchema>;

const VALUE_OPS: ReadonlySet<FilterOp> = new Set([
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'contains',
  'starts_with',
  'ends_with',
  'before',
  'after',
]);
const TEXT_OPS: ReadonlySet<FilterOp> = new Set(['contains', 'starts_with', 'ends_with']);
const DATE_VALUE_OPS: ReadonlySet<FilterOp> = new Set(['before', 'after']);
/** Operators that compare a column's date with today (their `tz` matters). */
export const RELATIVE_DATE_OPS: ReadonlySet<FilterOp> = new Set(['last', 'this', 'previous']);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;

/**
 * One condition. `last` takes `n` and `unit` (day|week|month: the n-unit period ending today, today included);
 * `this`/`previous` take `unit` (week|month|quarter|year: the calendar period containing today / the one before);
 * `before`/`after` take an ISO date `value` (the day itself excluded). `tz` is the time zone of "today" (UTC).
 */
export const FilterConditionSchema = z
  .object({
    column: name,
    op: z.enum(FILTER_OPS),
    value: FilterValueSchema.optional(),
    values: z.array(FilterValueSchema).optional(),
    n: z.number().int().min(1).max(10_000).optional(),
    unit: z.enum(['day', 'week', 'month', 'quarter', 'year']).optional(),
    tz: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const issue = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    const takesValue = VALUE_OPS.has(c.op);
    if (takesValue && c.value === undefined) issue(`"${c.op}" needs a value`, 'value');
    if (!takesValue && c.value !== undefined) issue(`"${c.op}" takes no single value`, 'value');
    if (TEXT_OPS.has(c.op) && typeof c.value !== 'string' && c.value !== undefined)
      issue(`"${c.op}" needs text`, 'value');
    if (TEXT_OPS.has(c.op) && c.value === '') issue(`"${c.op}" needs some text to look for`, 'value');
    if (DATE_VALUE_OPS.has(c.op) && !(typeof c.value === 'string' && ISO_DATE.test(c.value)))
      issue(`"${c.op}" needs a date written YYYY-MM-DD`, 'value');
    const takesList = c.op === 'in' || c.op === 'not_in' || c.op === 'between';
    if (takesList && !c.values) issue(`"${c.op}" needs a list of values`, 'values');
    if (!takesList && c.values) issue(`"${c.op}" takes no list of values`, 'values');
    if (c.op === 'between' && c.values && c.values.length !== 2)
      issue('"between" needs two values: from and to', 'values');
    if ((c.op === 'in' || c.op === 'not_in') && c.values?.length === 0)
      issue(`"${c.op}" needs at least one value`, 'values');
    if (c.op === 'last' && c.n === undefined)
      issue('"last" needs a number n (e.g. 30 for the last 30 days)', 'n');
    if (c.op !== 'last' && c.n !== undefined) issue(`"${c.op}" takes no number n`, 'n');
    if (c.op === 'last' && !(c.unit === 'day' || c.unit === 'week' || c.unit === 'month'))
      issue('"last" needs a unit: day, week or month', 'unit');
    if ((c.op === 'this' || c.op === 'previous') && (c.unit === undefined || c.unit === 'day'))
      issue(`"${c.op}" needs a unit: week, month, quarter or year`, 'unit');
    if (!RELATIVE_DATE_OPS.has(c.op) && c.unit !== undefined) issue(`"${c.op}" takes no unit`, 'unit');
    if (!RELATIVE_DATE_OPS.has(c.op) && c.tz !== undefined) issue(`"${c.op}" takes no time zone`, 'tz');
    if (c.tz !== undefined && !/^[A-Za-z][A-Za-z0-9_+\-/]*$/u.test(c.tz))
      issue('is a time zone name such as UTC or Europe/Paris', 'tz');
  });
export type FilterCondition = z.infer<typeof FilterConditionSchema>;

/** Keeps the rows matching all (`and`) or any (`or`) of the conditions. */
export const FilterStepSchema = z
  .object({
    type: z.literal('filter'),
    conditions: z.array(FilterConditionSchema).min(1, 'a filter needs at least one condition'),
    combine: z.enum(['and', 'or']).default('and'),
  })
  .strict();

/** Adds a column computed by a spreadsheet-style formula, e.g. `[price] * [qty]` (see formula-parse.ts). */
export const CustomColumnStepSchema = z
  .object({ type: z.literal('customColumn'), name, formula: z.string().trim().min(1, 'needs a formula') })
  .strict();

/** Calendar buckets a date column can be grouped by. */
export const BUCKETS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** Aggregate functions of a summarise step (`p90` = 90th percentile, interpolated). */
export const AGGREGATE_FNS = [
  'count',
  'count_distinct',
  'sum',
  'avg',
  'median',
  'p25',
  'p75',
  'p90',
  'p95',
  'p99',
  'min',
  'max',
] as const;
export type AggregateFn = (typeof AGGREGATE_FNS)[number];

/** One aggregate; `count` without a column counts rows; `as` names the output (default e.g. `sum_revenue`). */
export const AggregateSchema = z
  .object({ fn: z.enum(AGGREGATE_FNS), column: name.optional(), as: name.optional() })
  .strict()
  .superRefine((a, ctx) => {
    if (a.fn !== 'count' && a.column === undefined)
      ctx.addIssue({ code: 'custom', message: `"${a.fn}" needs a column`, path: ['column'] });
  });
export type Aggregate = z.infer<typeof AggregateSchema>;

/** A group-by column, optionally bucketed by calendar unit; `as` names the output (default `column` or `column_week`). */
export const GroupBySchema = z
  .object({ column: name, bucket: z.enum(BUCKETS).optional(), as: name.optional() })
  .strict();
export type GroupBy = z.infer<typeof GroupBySchema>;

/** Groups rows and computes aggregates: one output row per group (one row in all without groups). */
export const SummarizeStepSchema = z
  .object({
    type: z.literal('summarize'),
    groupBy: z.array(GroupBySchema).default([]),
    aggregates: z.array(AggregateSchema).min(1, 'a summary needs at least one aggregate, e.g. count'),
  })
  .strict();

/** Sorts rows; NULLs always come last. */
export const SortStepSchema = z
  .object({
    type: z.literal('sort'),
    by: z
      .array(z.object({ column: name, dir: z.enum(['asc', 'desc']).default('asc') }).strict())
      .min(1, 'a sort needs a column'),
  })
  .strict();

/** Keeps the first `n` rows. */
export const LimitStepSchema = z
  .object({ type: z.literal('limit'), n: z.number().int().min(0).max(1_000_000_000) })
  .strict();

/**
 * Joins another table, file, saved query or SQL on one or more key pairs (`left` is a column of the rows so far,
 * `right` of `with`). `columns` picks the columns kept from `with` (default: all but its keys); a kept column whose
 * name is taken gets the suffix `_2`.
 */
export const JoinStepSchema = z
  .object({
    type: z.literal('join'),
    kind: z.enum(['inner', 'left', 'right', 'full']).default('left'),
    with: BuilderSourceSchema,
    on: z
      .array(z.object({ left: name, right: name }).strict())
      .min(1, 'a join needs at least one pair of key columns'),
    columns: z.array(name).optional(),
  })
  .strict();

/** One step of a builder pipeline. */
export const StepSchema = z.discriminatedUnion('type', [
  FilterStepSchema,
  CustomColumnStepSchema,
  SummarizeStepSchema,
  SortStepSchema,
  LimitStepSchema,
  JoinStepSchema,
]);

/** A no-code builder query: a source and the steps applied to it in order (version 1). */
export const BuilderQuerySchema = z
  .object({
    version: z.literal(1, 'must be 1 (the only builder version so far)'),
    source: BuilderSourceSchema,
    steps: z.array(StepSchema).max(100, 'a builder query has at most 100 steps').default([]),
  })
  .strict();

/** A builder query as written (defaults optional). */
export type BuilderQueryInput = z.input<typeof BuilderQuerySchema>;
/** A validated builder query. */
export type BuilderQuery = z.output<typeof BuilderQuerySchema>;
/** A validated step. */
export type Step = z.output<typeof StepSchema>;
export type FilterStep = z.output<typeof FilterStepSchema>;
export type CustomColumnStep = z.output<typeof CustomColumnStepSchema>;
export type SummarizeStep = z.output<typeof SummarizeStepSchema>;
export type SortStep = z.output<typeof SortStepSchema>;
export type LimitStep = z.output<typeof LimitStepSchema>;
export type JoinStep = z.output<typeof JoinStepSchema>;

/** Validates a builder query; the error is one sentence naming each problem and where it is, in plain words. */
export function parseBuilderQuery(
  input: unknown,
): { ok: true; value: BuilderQuery } | { ok: false; error: string } {
  const parsed = BuilderQuerySchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${describePath(i.path)}${plainMessage(i.message)}`);
  return { ok: false, error: `The builder query is not valid: ${problems.join('; ')}.` };
}

/** Zod's type messages in plain words. */
function plainMessage(message: string): string {
  const m = /^Invalid input: expected (\w+), received (\w+)$/u.exec(message);
  if (!m) return message;
  const word = (t: string) =>
    ({ string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'an object' })[
      t
    ] ?? t;
  return m[2] === 'undefined' ? 'is missing' : `should be ${word(m[1]!)}, not ${word(m[2]!)}`;
}

function describePath(path: readonly PropertyKey[]): string {
  const words: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const p = path[i];
    if (p === 'steps' && typeof path[i + 1] === 'number') {
      words.push(`step ${(path[i + 1] as number) + 1}`);
      i++;
    } else if (p === 'conditions' && typeof path[i + 1] === 'number') {
      words.push(`condition ${(path[i + 1] as number) + 1}`);
      i++;
    } else if (typeof p === 'number') words.push(`item ${p + 1}`);
    else if (typeof p === 'string') words.push(p);
  }
  return words.length ? `${words.join(', ')}: ` : '';
}
