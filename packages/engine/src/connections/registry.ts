import { SightlineError } from '../errors.js';
import { postgresConnector } from './postgres/descriptor.js';
import type { ConnectionSpec, Connector, LiveConnection } from './types.js';

/** Connectors by kind; built-ins and plug-ins register the same way. */
export class ConnectorRegistry {
  private readonly byKind = new Map<string, Connector>();

  /** Adds a connector (replacing one of the same kind). */
  register(connector: Connector): this {
    this.byKind.set(connector.kind, connector);
    return this;
  }

  /** Kinds that can be connected to. */
  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  /** The connector of `kind`, or a plain error naming the known kinds. */
  get(kind: string): Connector {
    const found = this.byKind.get(kind);
    if (found) return found;
    throw new SightlineError(`Sightline can't connect to "${kind}" databases.`, {
      kind: 'user',
      hints: [`Supported kinds: ${this.kinds().join(', ')}.`],
    });
  }

  /** The connector whose URL scheme `url` uses. */
  forUrl(url: string): Connector {
    const scheme = /^([a-z][a-z0-9+.-]*):/iu.exec(url.trim())?.[1]?.toLowerCase();
    const found = [...this.byKind.values()].find((c) => scheme !== undefined && c.schemes.includes(scheme));
    if (found) return found;
    const schemes = [...this.byKind.values()].flatMap((c) => c.schemes.map((s) => `${s}://`));
    throw new SightlineError(
      `Sightline can't tell which database this URL is for${scheme ? ` (${scheme}://)` : ''}.`,
      {
        kind: 'usage',
        hints: [
          `Connection URLs start with ${schemes.join(' or ')}, e.g. postgres://USER@HOST:5432/DATABASE.`,
        ],
      },
    );
  }
}

/** A registry holding the built-in connectors (a new one each call; no shared state). */
export function builtinConnectors(): ConnectorRegistry {
  return new ConnectorRegistry().register(postgresConnector());
}

/** Opens a live connection for a stored spec. */
export function openConnection(
  spec: ConnectionSpec,
  registry = builtinConnectors(),
): Promise<LiveConnection> {
  return registry.get(spec.kind).open(spec);
}

/** Checks that a connection works (connects and runs `SELECT 1`); throws a SightlineError saying why not. */
export async function testConnection(spec: ConnectionSpec, registry = builtinConnectors()): Promise<void> {
  const conn = await openConnection(spec, registry);
  try {
    await conn.query('SELECT 1');
  } finally {
    await conn.close();
  }
}

/** Checks a connection URL (scheme, host, port) and returns it normalised; throws a usage error otherwise. */
export function validateConnectionUrl(url: string, registry = builtinConnectors()): string {
  return registry.forUrl(url).validateUrl(url);
}
