import { importFiles, listRejects, type Workspace } from '@sightline/engine';
import type { Backend } from './backend.js';

/** The workspace opened in this process. */
export function localBackend(ws: Workspace): Backend & { workspace: Workspace } {
  return {
    kind: 'local',
    workspace: ws,
    stream: (sql, opts) => ws.engine.stream(sql, opts),
    query: (sql, opts) => ws.engine.query(sql, opts),
    tables: () => ws.engine.tables(),
    describe: (table) => ws.engine.describe(table),
    async rejects(table) {
      const conn = await ws.engine.connect();
      try {
        return await listRejects(conn, table);
      } finally {
        conn.closeSync();
      }
    },
    exportTo: (source, path) => ws.engine.exportTo(source, path),
    async importFiles(request, opts) {
      const conn = await ws.engine.connect();
      try {
        return await importFiles(conn, request, { scratchDir: ws.tmpDir, ...opts });
      } finally {
        conn.closeSync();
      }
    },
    close: () => ws.close(),
  };
}
