import type { Connector, LiveConnection } from '../types.js';
import { validatePostgresUrl } from './url.js';

/**
 * The built-in PostgreSQL connector. The driver (`pg`) loads only when a connection is opened, so commands that
 * never touch a live database start fast.
 */
export function postgresConnector(): Connector {
  return {
    kind: 'postgres',
    schemes: ['postgres', 'postgresql'],
    validateUrl: validatePostgresUrl,
    open: async (spec): Promise<LiveConnection> => (await import('./connector.js')).openPostgres(spec),
  };
}
