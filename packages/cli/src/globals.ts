/** Flags accepted anywhere on the command line (shared spec/cli.md: "Global flags ... are accepted anywhere"). */
export interface GlobalFlags {
  workspace?: string;
  format?: string;
  debug: boolean;
}

const VALUE_FLAGS = { '--workspace': 'workspace', '--format': 'format' } as const;

/**
 * Pulls the global flags out of `args` wherever they stand (before `--` only) and returns the rest in order.
 * Returns an error sentence when a value flag has no value.
 */
export function extractGlobals(
  args: string[],
): { ok: true; flags: GlobalFlags; rest: string[] } | { ok: false; error: string } {
  const flags: GlobalFlags = { debug: false };
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (arg === '--debug') {
      flags.debug = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name in VALUE_FLAGS) {
      const key = VALUE_FLAGS[name as keyof typeof VALUE_FLAGS];
      let value: string | undefined;
      if (eq > 0) value = arg.slice(eq + 1);
      else {
        value = args[i + 1];
        i++;
      }
      if (value === undefined || value === '') return { ok: false, error: `option '${name}' needs a value` };
      flags[key] = value;
      continue;
    }
    rest.push(arg);
  }
  return { ok: true, flags, rest };
}
