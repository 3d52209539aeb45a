import { isSightlineError, type Lesson, QueryError, type SqlPosition } from '@sightline/engine';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every error code the API answers with; each has one HTTP status. */
export type ErrorCode =
  | 'unauthorized'
  | 'forbidden_host'
  | 'forbidden_origin'
  | 'bad_request'
  | 'not_found'
  | 'conflict'
  | 'query_error'
  | 'user_error'
  | 'too_large'
  | 'disk_full'
  | 'internal';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  unauthorized: 401,
  forbidden_host: 403,
  forbidden_origin: 403,
  bad_request: 400,
  not_found: 404,
  conflict: 409,
  query_error: 400,
  user_error: 400,
  too_large: 413,
  disk_full: 507,
  internal: 500,
};

/** The one JSON error shape of the API: `{ error: { code, message, hints, position?, candidates? } }`. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    hints: string[];
    position?: SqlPosition;
    candidates?: string[];
    /** For a failed query: what the error teacher says (kind, cause in the workspace's schema, fix, lesson id). */
    lesson?: Lesson;
  };
}

/** An error the API answers with as it is (code, plain message, hints). */
export class ApiError extends Error {
  readonly hints: string[];
  constructor(
    readonly code: ErrorCode,
    message: string,
    hints: string[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.hints = hints;
  }
}

/** The HTTP status of an error code. */
export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS[code];
}

/** Turns anything thrown into the one error shape; unknown faults never leak their text. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof ApiError) return body(err.code, err.message, err.hints);
  if (err instanceof QueryError) {
    const out = body(err.kind === 'internal' ? 'internal' : 'query_error', err.message, err.hints);
    if (err.position) out.error.position = err.position;
    if (err.candidates.length > 0) out.error.candidates = err.candidates;
    return out;
  }
  if (isSightlineError(err)) {
    const code = err.kind === 'internal' ? 'internal' : 'user_error';
    return body(code, err.message, err.hints);
  }
  if (err instanceof HTTPException) return fromHttpException(err);
  if (isDiskFull(err)) {
    return body('disk_full', 'The disk is full, so the data could not be written.', [
      'Free some disk space and try again.',
    ]);
  }
  return body('internal', 'The server failed while handling this request.', [
    'Try again; if it keeps failing, restart `sightline open` and report the problem.',
  ]);
}

/** A JSON response in the one error shape for `err`. */
export function errorResponse(c: Context, err: unknown): Response {
  const out = toErrorBody(err);
  return c.json(out, statusOf(out.error.code));
}

function fromHttpException(err: HTTPException): ErrorBody {
  if (err.status === 413) return tooLarge();
  if (err.status === 400 && /JSON/i.test(err.message)) {
    return body('bad_request', 'The request body is not valid JSON.', [
      'Send a JSON object with Content-Type: application/json.',
    ]);
  }
  if (err.status === 404) return body('not_found', 'There is nothing at this address.');
  if (err.status >= 400 && err.status < 500) return body('bad_request', 'The request was not understood.');
  return body('internal', 'The server failed while handling this request.');
}

/** The error body for a request larger than allowed. */
export function tooLarge(): ErrorBody {
  return body('too_large', 'The request body is too large.', [
    'JSON requests may be at most 1 MB; upload files with POST /api/uploads instead.',
  ]);
}

function body(code: ErrorCode, message: string, hints: string[] = []): ErrorBody {
  return { error: { code, message, hints } };
}

function isDiskFull(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ENOSPC';
}
