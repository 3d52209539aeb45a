import { tempDir } from '@sightline/testkit';
import { Engine } from '../core/engine.js';
import { createSampleData } from '../sample/index.js';
import type { SchemaTable } from './lesson.js';
import { readSchema } from './read-schema.js';

/** Test fixture: an in-memory engine holding the sample dataset at a small scale, and its schema. */
export async function openSampleEngine(): Promise<{
  engine: Engine;
  schema: SchemaTable[];
  close(): Promise<void>;
}> {
  const engine = await Engine.open(':memory:', { threads: 1 });
  const dir = tempDir();
  const conn = await engine.connect();
  try {
    await createSampleData(conn, dir.path, { scale: 0.01 });
  } finally {
    conn.closeSync();
  }
  const schema = await readSchema(engine);
  return {
    engine,
    schema,
    async close() {
      await engine.close();
      dir.cleanup();
    },
  };
}
