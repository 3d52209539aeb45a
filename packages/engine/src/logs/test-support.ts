import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { queryRows } from '../import/duck.js';
import { importFiles } from '../import/import-files.js';
import { importFixture } from '../import/test-support.js';
import type { ImportOutcome, ImportRequest } from '../import/types.js';

/** A fresh DuckDB and temp folder, with helpers to write a log file, import it and read the table back. */
export async function logFixture() {
  const fx = await importFixture();
  return {
    ...fx,
    /** Writes `lines` (joined with \n, plus a final \n) to `name`; gzip-compressed when `gzip`. */
    write(name: string, lines: string[], gzip = false): string {
      const path = join(fx.dir, name);
      const text = `${lines.join('\n')}\n`;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, gzip ? gzipSync(text) : text);
      return path;
    },
    /** Imports with the given request (paths required) and returns the single outcome. */
    async importOne(request: ImportRequest): Promise<ImportOutcome> {
      const [outcome] = await importFiles(fx.conn, request, { scratchDir: fx.scratchDir });
      return outcome!;
    },
    /** Rows of a query as JSON-friendly objects. */
    rows: (sql: string) => queryRows(fx.conn, sql),
  };
}
