import { mkdirSync } from 'node:fs';
import {
  readWorkspaceConfig,
  redactUrl,
  testConnection,
  validateConnectionUrl,
  writeWorkspaceConfig,
} from '@sightline/engine';
import type { CliContext } from '../context.js';
import { UsageError } from '../exit.js';

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;

/** `sightline connect NAME postgres://...`: checks the connection works, then stores it (config mode 0600). */
export async function connectCommand(ctx: CliContext, name: string, url: string): Promise<void> {
  if (!NAME.test(name)) {
    throw new UsageError(`"${name}" can't be a connection name.`, [
      'Use letters, digits, _ or -, starting with a letter, e.g. sightline connect prod postgres://...',
    ]);
  }
  const spec = { kind: 'postgres' as const, url: validateConnectionUrl(url) };
  await testConnection(spec);
  mkdirSync(ctx.workspaceDir, { recursive: true });
  const config = readWorkspaceConfig(ctx.workspaceDir);
  const replaced = name in config.connections;
  config.connections[name] = spec;
  writeWorkspaceConfig(ctx.workspaceDir, config);
  await ctx.printRows(
    [
      { name: 'name', type: 'VARCHAR' },
      { name: 'kind', type: 'VARCHAR' },
      { name: 'url', type: 'VARCHAR' },
    ],
    [[{ name, kind: spec.kind, url: redactUrl(spec.url) }]],
    { footer: false },
  );
  if (ctx.format === 'table') {
    ctx.note(
      `${replaced ? 'Updated' : 'Saved'} connection "${name}". Try: sightline tables --on ${name}   or   sightline query --on ${name} "SELECT 1"`,
    );
  }
}

/** `sightline connections`: the stored connections, passwords hidden. */
export async function connectionsCommand(ctx: CliContext): Promise<void> {
  const config = readWorkspaceConfig(ctx.workspaceDir);
  const rows = Object.entries(config.connections).map(([name, spec]) => ({
    name,
    kind: spec.kind,
    url: redactUrl(spec.url),
  }));
  await ctx.printRows(
    [
      { name: 'name', type: 'VARCHAR' },
      { name: 'kind', type: 'VARCHAR' },
      { name: 'url', type: 'VARCHAR' },
    ],
    [rows],
    { footer: false },
  );
  if (rows.length === 0 && ctx.format === 'table') {
    ctx.note('No connections yet. Add one with: sightline connect NAME postgres://user@host:5432/database');
  }
}
