import type { Engine } from '../core/engine.js';
import { SightlineError } from '../errors.js';

const NEEDED: Record<string, string[]> = {
  users: ['user_id', 'signup_at', 'country', 'plan', 'acquisition_channel'],
  events: ['event_id', 'user_id', 'event', 'ts'],
};

/**
 * Fails with a plain error offering to create the sample data when the workspace lacks the tables the lessons
 * read (or has tables of the user under those names without the sample's columns).
 */
export async function requireSampleData(engine: Engine): Promise<void> {
  const found = await engine.query(
    `SELECT table_name AS t, list(column_name) AS cols FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main' AND table_name IN ('users', 'events')
     GROUP BY table_name`,
  );
  for (const [table, cols] of Object.entries(NEEDED)) {
    const row = found.rows.find((r) => r.t === table);
    const have = Array.isArray(row?.cols) ? row.cols.map(String) : [];
    if (!row) {
      throw new SightlineError(
        `The lessons use the sample data, and this workspace has no "${table}" table yet.`,
        {
          kind: 'user',
          hints: [
            'Create the sample data (one click in Lessons, or `sightline sample`): it takes a few seconds.',
          ],
        },
      );
    }
    const missing = cols.filter((c) => !have.includes(c));
    if (missing.length > 0) {
      throw new SightlineError(
        `The table "${table}" in this workspace is not the sample's: it has no column "${missing[0]}".`,
        {
          kind: 'user',
          hints: [
            'Use another workspace for the lessons (`--workspace DIR`), or rename your table and create the sample data.',
          ],
        },
      );
    }
  }
}
