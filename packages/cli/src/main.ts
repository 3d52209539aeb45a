import { CommanderError } from 'commander';
import { CliContext, type CliIO } from './context.js';
import { EXIT, reportError, UsageError } from './exit.js';
import { extractGlobals } from './globals.js';
import { FORMATS } from './output/formats.js';
import { buildProgram, isHelpExit } from './program.js';

/** Runs the CLI with `args` (without node and script) and returns the exit code. */
export async function main(args: string[], io: CliIO): Promise<number> {
  const extracted = extractGlobals(args);
  const debug = extracted.ok ? extracted.flags.debug : args.includes('--debug');
  const fail = (err: unknown) => reportError(err, (s) => io.stderr.write(s), debug);
  if (!extracted.ok) return fail(new UsageError(extracted.error));
  const { flags, rest } = extracted;
  if (flags.format !== undefined && !(FORMATS as readonly string[]).includes(flags.format)) {
    return fail(new UsageError(`--format "${flags.format}" is not one of: ${FORMATS.join(', ')}.`));
  }
  let ctx: CliContext | undefined;
  const getCtx = () => {
    ctx ??= new CliContext(flags, io);
    return ctx;
  };
  const program = buildProgram(io, getCtx);
  try {
    if (rest.length === 0) {
      program.outputHelp();
      return EXIT.ok;
    }
    await program.parseAsync(rest, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (isHelpExit(err)) return EXIT.ok;
    if (err instanceof CommanderError) {
      const message = err.message.replace(/^error:\s*/, '');
      const command = rest.find((a) => !a.startsWith('-'));
      return fail(
        new UsageError(message, [
          `Run "sightline ${command && program.commands.some((c) => c.name() === command) ? `${command} ` : ''}--help" to see what it accepts.`,
        ]),
      );
    }
    if (isBrokenPipe(err)) return EXIT.ok;
    return fail(err);
  } finally {
    await ctx?.close().catch(() => {});
  }
}

function isBrokenPipe(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'EPIPE';
}
