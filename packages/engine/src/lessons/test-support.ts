import { tempDir } from '@sightline/testkit';
import { Engine } from '../core/engine.js';
import { createSampleData } from '../sample/index.js';

/** Test fixture: an in-memory engine with the sample data (scale 0.05, big enough for every near miss to show). */
export async function openLessonEngine(scale = 0.05): Promise<{
  engine: Engine;
  filesDir: string;
  close(): Promise<void>;
}> {
  const engine = await Engine.open(':memory:', { threads: 1 });
  const dir = tempDir('sightline-lessons-');
  const conn = await engine.connect();
  try {
    await createSampleData(conn, dir.path, { scale });
  } finally {
    conn.closeSync();
  }
  return {
    engine,
    filesDir: dir.path,
    async close() {
      await engine.close();
      dir.cleanup();
    },
  };
}
