import type { Engine } from '../core/engine.js';
import type { Lesson } from './lesson.js';
import { lintSql } from './lint-sql.js';
import { parseSql } from './parsed-sql.js';
import { readSchema } from './read-schema.js';
import { isTeachable, teachError } from './teach-error.js';

/** Runs `sql` (reading at most one row); null when it runs, else the lesson for its error in this workspace. */
export async function teachQuery(engine: Engine, sql: string): Promise<Lesson | null> {
  try {
    await engine.query(sql, { maxRows: 1 });
    return null;
  } catch (err) {
    if (!isTeachable(err)) throw err;
    return teachError(err, { sql, schema: await readSchema(engine) });
  }
}

/** Warnings for SQL that runs but is probably not what was meant, against this workspace's schema. */
export async function lintQuery(engine: Engine, sql: string): Promise<Lesson[]> {
  const parsed = await parseSql(engine, sql);
  return lintSql(parsed, await readSchema(engine));
}
