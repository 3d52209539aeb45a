/** What kind of failure an error is; the CLI maps it to an exit code (user 1, usage 2, internal 3). */
export type ErrorKind = 'user' | 'usage' | 'internal';

/**
 * Base of every error Sightline shows to a person: one plain sentence (`message`), optional `hints`
 * (what to do next), and the kind, which decides the exit code and HTTP status.
 */
export class SightlineError extends Error {
  readonly kind: ErrorKind;
  readonly hints: string[];
  constructor(message: string, options: { kind?: ErrorKind; hints?: string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SightlineError';
    this.kind = options.kind ?? 'user';
    this.hints = options.hints ?? [];
  }
}

/** True when `err` is a SightlineError (also across module copies). */
export function isSightlineError(err: unknown): err is SightlineError {
  return err instanceof SightlineError || (err instanceof Error && 'kind' in err && 'hints' in err);
}
