import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { writeEventsCsv, writeUsersCsv } from './datasets.js';

const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-'));
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('generated benchmark data', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same 1k-row events file every time, with the expected columns', async () => {
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    await writeEventsCsv(conn, join(dir, 'a.csv'), 1000);
    await writeEventsCsv(conn, join(dir, 'b.csv'), 1000);
    expect(sha(join(dir, 'b.csv'))).toBe(sha(join(dir, 'a.csv')));
    const lines = readFileSync(join(dir, 'a.csv'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1001);
    expect(lines[0]).toBe('event_id,user_id,event,ts,country,device,revenue_usd');
    const summary = await conn.runAndReadAll(
      `SELECT count(*) AS n, count(user_id) AS actors, count(DISTINCT event) AS events,
              min(ts) >= TIMESTAMP '2026-07-04' AND max(ts) < TIMESTAMP '2026-11-01' AS in_window
         FROM read_csv($path)`,
      { path: join(dir, 'a.csv') },
    );
    const [row] = summary.getRowObjectsJS();
    expect(row?.n).toBe(1000n);
    expect(Number(row?.actors)).toBeGreaterThan(950);
    expect(Number(row?.actors)).toBeLessThan(1000);
    expect(row?.events).toBe(10n);
    expect(row?.in_window).toBe(true);
  });

  it('writes users whose ids match the ids in the events', async () => {
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    await writeUsersCsv(conn, join(dir, 'u.csv'), 200_000);
    await writeEventsCsv(conn, join(dir, 'e.csv'), 1000);
    const joined = await conn.runAndReadAll(
      `SELECT count(*) FROM read_csv($events) e JOIN read_csv($users) u USING (user_id)`,
      { events: join(dir, 'e.csv'), users: join(dir, 'u.csv') },
    );
    const actors = await conn.runAndReadAll('SELECT count(user_id) FROM read_csv($events)', {
      events: join(dir, 'e.csv'),
    });
    expect(joined.getRows()[0]?.[0]).toBe(actors.getRows()[0]?.[0]);
  });
});
