import { z } from 'zod';

/** One query parameter or header row; a disabled row is kept in the spec but not sent. */
export const HttpPairSchema = z
  .object({ name: z.string(), value: z.string(), enabled: z.boolean().default(true) })
  .strict();
export type HttpPair = z.infer<typeof HttpPairSchema>;

/** The request body: none, JSON text, form fields (urlencoded) or raw text with its content type. */
export const HttpBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('json'), text: z.string() }).strict(),
  z
    .object({
      kind: z.literal('form'),
      fields: z.array(z.object({ name: z.string(), value: z.string() }).strict()),
    })
    .strict(),
  z.object({ kind: z.literal('raw'), text: z.string(), contentType: z.string() }).strict(),
]);
export type HttpBody = z.infer<typeof HttpBodySchema>;

/** How the request authenticates; every value here is treated as a secret. */
export const HttpAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('bearer'), token: z.string() }).strict(),
  z.object({ kind: z.literal('basic'), username: z.string(), password: z.string() }).strict(),
  z
    .object({
      kind: z.literal('apiKey'),
      name: z.string().min(1),
      value: z.string(),
      in: z.enum(['header', 'query']),
    })
    .strict(),
]);
export type HttpAuth = z.infer<typeof HttpAuthSchema>;

/** The HTTP methods Sightline sends. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A request as data (version 1); any string may hold `{{variable}}` placeholders. */
export const HttpRequestSpecSchema = z
  .object({
    version: z.literal(1),
    method: z.enum(HTTP_METHODS),
    url: z.string().min(1, 'the request needs a URL'),
    query: z.array(HttpPairSchema).default([]),
    headers: z.array(HttpPairSchema).default([]),
    body: HttpBodySchema.default({ kind: 'none' }),
    auth: HttpAuthSchema.default({ kind: 'none' }),
  })
  .strict();
export type HttpRequestSpec = z.infer<typeof HttpRequestSpecSchema>;
export type HttpRequestSpecInput = z.input<typeof HttpRequestSpecSchema>;

/** One variable of an environment; a secret's value is never shown, logged or exported. */
export const HttpVariableSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'a variable name is letters, digits, _ . or -'),
    value: z.string(),
    secret: z.boolean().default(false),
  })
  .strict();
export type HttpVariable = z.infer<typeof HttpVariableSchema>;

/** A named set of variables (`{{base_url}}`, `{{token}}`) applied to requests. */
export const HttpEnvironmentSchema = z
  .object({ name: z.string().min(1).max(100), variables: z.array(HttpVariableSchema).default([]) })
  .strict();
export type HttpEnvironment = z.infer<typeof HttpEnvironmentSchema>;

/** How to follow pages: a Link rel="next" header, a next-cursor field, a page number or an offset. */
export const HttpPaginationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link') }).strict(),
  z.object({ kind: z.literal('cursor'), cursorPath: z.string().min(1), param: z.string().min(1) }).strict(),
  z
    .object({ kind: z.literal('page'), param: z.string().min(1), start: z.number().int().default(1) })
    .strict(),
  z
    .object({
      kind: z.literal('offset'),
      param: z.string().min(1),
      limitParam: z.string().min(1).optional(),
      pageSize: z.number().int().min(1),
      start: z.number().int().min(0).default(0),
    })
    .strict(),
]);
export type HttpPagination = z.infer<typeof HttpPaginationSchema>;

/** "Save as table": which request, which array (`$` for a top-level array), and how to page. */
export const HttpSaveTableSpecSchema = z
  .object({
    request: HttpRequestSpecSchema,
    environment: z.string().min(1).optional(),
    table: z.string().min(1, 'name the table to save into'),
    arrayPath: z.string().min(1).optional(),
    flatten: z.boolean().default(true),
    paginate: HttpPaginationSchema.optional(),
    maxPages: z.number().int().min(1).max(1000).default(20),
    /** If the table exists: fail (create), overwrite it (replace) or add the rows (append). */
    mode: z.enum(['create', 'replace', 'append']).default('create'),
  })
  .strict();
export type HttpSaveTableSpec = z.infer<typeof HttpSaveTableSpecSchema>;
export type HttpSaveTableSpecInput = z.input<typeof HttpSaveTableSpecSchema>;

/** An empty GET request to start from. */
export function emptyHttpRequest(url = ''): HttpRequestSpec {
  return {
    version: 1,
    method: 'GET',
    url,
    query: [],
    headers: [],
    body: { kind: 'none' },
    auth: { kind: 'none' },
  };
}
