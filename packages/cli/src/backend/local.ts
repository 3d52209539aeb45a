import {
  importFiles,
  isTeachable,
  type Lesson,
  lintQuery,
  listRejects,
  readSchema,
  SightlineError,
  teachError,
  type Workspace,
} from '@sightline/engine';
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
    async teach(sql, err) {
      if (!isTeachable(err)) return err;
      const lesson = teachError(err, { sql, schema: await readSchema(ws.engine) });
      return lessonError(lesson, err.hints, err);
    },
    lint: (sql) => lintQuery(ws.engine, sql),
    close: () => ws.close(),
  };
}

/** A lesson as the CLI's error: its title, then the likely cause, the engine's hints, and the fix to try. */
function lessonError(lesson: Lesson, engineHints: string[], cause: unknown): SightlineError {
  const hints = [lesson.detail, ...engineHints.filter((h) => h !== lesson.detail)];
  if (lesson.fix) hints.push(`${lesson.fix.label}: ${lesson.fix.sql}`);
  return new SightlineError(lesson.title, { hints, cause });
}
