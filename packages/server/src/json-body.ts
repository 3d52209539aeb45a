import type { Env, MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { ApiError } from './errors.js';

/**
 * Validates a JSON request body against `schema` (typed for Hono's client); a missing JSON content type or a
 * body that does not fit answers `bad_request` naming the first problem.
 */
export function jsonBody<T extends z.ZodType>(schema: T): JsonMiddleware<T> {
  return validator('json', (value, c): z.infer<T> => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/([\w.-]+\+)?json\b/i.test(type.trim())) {
      throw new ApiError('bad_request', 'The request body must be JSON.', [
        'Send a JSON object with the header Content-Type: application/json.',
      ]);
    }
    return parseWith(schema, value, 'request body');
  }) as unknown as JsonMiddleware<T>;
}

/** Validates query-string parameters against `schema`. */
export function queryParams<T extends z.ZodType>(schema: T): QueryMiddleware<T> {
  return validator(
    'query',
    (value): z.infer<T> => parseWith(schema, value, 'query string'),
  ) as unknown as QueryMiddleware<T>;
}

// The client sees the schemas' input types (fields with defaults are optional), handlers their output types.
type JsonMiddleware<T extends z.ZodType> = MiddlewareHandler<
  Env,
  string,
  { in: { json: z.input<T> }; out: { json: z.output<T> } }
>;
type QueryMiddleware<T extends z.ZodType> = MiddlewareHandler<
  Env,
  string,
  { in: { query: { [K in keyof z.input<T>]: string } }; out: { query: z.output<T> } }
>;

function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue && issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'it';
  throw new ApiError('bad_request', `The ${where} is not valid: ${path}: ${issue?.message ?? 'invalid'}.`, [
    'See docs/server.md for the fields each endpoint takes.',
  ]);
}
