import { isSightlineError } from '@sightline/engine';

/** Exit codes from shared spec/cli.md. */
export const EXIT = { ok: 0, user: 1, usage: 2, internal: 3 } as const;

/** A wrong-usage error raised by the CLI itself (exit 2). */
export class UsageError extends Error {
  readonly hints: string[];
  constructor(message: string, hints: string[] = []) {
    super(message);
    this.name = 'UsageError';
    this.hints = hints;
  }
}

/** Prints an error the one way the CLI does (`error:` then `hint:` lines) and returns the exit code. */
export function reportError(err: unknown, write: (s: string) => void, debug: boolean): number {
  let code: number = EXIT.internal;
  let message: string;
  let hints: string[] = [];
  if (err instanceof UsageError) {
    code = EXIT.usage;
    message = err.message;
    hints = err.hints;
  } else if (isSightlineError(err)) {
    code = err.kind === 'user' ? EXIT.user : err.kind === 'usage' ? EXIT.usage : EXIT.internal;
    message = err.message;
    hints = err.hints;
  } else {
    message = `Sightline hit an internal problem: ${err instanceof Error ? err.message : String(err)}`;
    if (!debug) hints = ['Run the same command again with --debug to see the details, and report them.'];
  }
  let out = `error: ${oneLine(message)}\n`;
  for (const hint of hints) out += `hint: ${oneLine(hint)}\n`;
  if (debug && err instanceof Error && err.stack) out += `${err.stack}\n`;
  write(out);
  return code;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
