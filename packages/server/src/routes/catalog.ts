import { listRejects, redactUrl } from '@sightline/engine';
import { Hono } from 'hono';
import { z } from 'zod';
import { listColumns, resolveTableName } from '../catalog-lookup.js';
import type { AppDeps } from '../deps.js';
import { queryParams } from '../json-body.js';
import { liveCatalog } from '../live-catalog.js';
import { openNamedConnection } from '../live-connections.js';
import { profileColumn } from '../profile.js';
import { listWorkspaceFiles } from '../workspace-files.js';

/** A stored live connection as the API shows it (password hidden). */
export interface ConnectionInfo {
  name: string;
  kind: string;
  url: string;
}

const profileQuery = z.object({ bins: z.coerce.number().int().min(1).max(200).optional() });

/** Catalog routes: tables with columns and row counts, describe, column profile, rejects, connections. */
export function catalogRoutes(deps: AppDeps) {
  const engine = deps.workspace.engine;
  const connections = (): ConnectionInfo[] =>
    Object.entries(deps.workspace.readConfig().connections).map(([name, c]) => ({
      name,
      kind: c.kind,
      url: redactUrl(c.url),
    }));
  return new Hono()
    .get('/catalog', async (c) => {
      const [tables, columns] = await Promise.all([engine.tables(), listColumns(engine)]);
      return c.json({
        tables: tables.map((t) => ({ table: t.table, rows: t.rows, columns: columns.get(t.table) ?? [] })),
        connections: connections(),
        files: listWorkspaceFiles(deps.workspace.filesDir),
      });
    })
    .get('/tables', async (c) => c.json(await engine.tables()))
    .get('/tables/:name/describe', async (c) => {
      const table = await resolveTableName(engine, c.req.param('name'));
      return c.json(await engine.describe(table));
    })
    .get('/tables/:name/columns/:column/profile', queryParams(profileQuery), async (c) => {
      const table = await resolveTableName(engine, c.req.param('name'));
      const { bins } = c.req.valid('query');
      return c.json(await profileColumn(engine, table, c.req.param('column'), bins));
    })
    .get('/tables/:name/rejects', async (c) => {
      const table = await resolveTableName(engine, c.req.param('name'));
      const conn = await engine.connect();
      try {
        return c.json(await listRejects(conn, table));
      } finally {
        conn.closeSync();
      }
    })
    .get('/connections', (c) => c.json(connections()))
    .get('/connections/:name/catalog', async (c) => {
      const conn = await openNamedConnection(deps.workspace, c.req.param('name'));
      try {
        return c.json({ tables: await liveCatalog(conn) });
      } finally {
        await conn.close();
      }
    });
}
