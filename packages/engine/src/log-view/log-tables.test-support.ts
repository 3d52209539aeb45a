import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../core/engine.js';
import { corpusLines } from './log-corpus.test-support.js';

/** Start of the generated logs: 2026-10-30 00:00 UTC. */
export const LOG_START = Date.parse('2026-10-30T00:00:00Z');

/**
 * `access`: 10,000 nginx-like requests, one every 7 s from LOG_START (typed as the log import makes them), with
 * a burst of 502s on /api/checkout between rows 3000 and 3199 and a 404 every 23rd row.
 */
export async function createAccessLog(engine: Engine): Promise<void> {
  await engine.query(`CREATE TABLE access AS
SELECT TIMESTAMPTZ '2026-10-30 00:00:00+00' + to_seconds(i * 7) AS ts,
  '10.0.' || (i % 7) || '.' || (i % 250) AS remote_addr,
  CASE WHEN i % 10 = 0 THEN 'POST' WHEN i % 31 = 0 THEN 'DELETE' ELSE 'GET' END AS method,
  CASE WHEN i BETWEEN 3000 AND 3199 THEN '/api/checkout'
       WHEN i % 5 = 0 THEN '/api/projects/' || (i % 97)
       WHEN i % 5 = 1 THEN '/pricing'
       WHEN i % 5 = 2 THEN '/app/reports/' || (i % 13)
       WHEN i % 5 = 3 THEN '/static/app.' || (i % 3) || '.js'
       ELSE '/' END AS path,
  CASE WHEN i % 4 = 0 THEN 'page=' || (i % 9) ELSE NULL END AS query,
  'HTTP/1.1' AS protocol,
  CAST(CASE WHEN i BETWEEN 3000 AND 3199 AND i % 2 = 0 THEN 502 WHEN i % 23 = 0 THEN 404 ELSE 200 END AS INTEGER) AS status,
  CAST(200 + (i * 37) % 5000 AS BIGINT) AS bytes,
  '-' AS referer,
  CASE WHEN i % 3 = 0 THEN 'curl/8.5.0' ELSE 'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0' END AS user_agent,
  (i % 50) / 100.0 AS request_time
FROM range(10000) t(i)`);
}

/**
 * `app`: `lines` JSON-lines app log rows from the Drain corpus (ts as ISO text, level, service, message), one
 * every 2 s from LOG_START; corpus templates 4 and 6 are errors, 13 warnings. Returns the generated lines.
 */
export async function createAppLog(engine: Engine, dir: string, lines: number) {
  const corpus = corpusLines(lines);
  const levels = (t: number) => (t === 4 || t === 6 ? 'error' : t === 13 ? 'warn' : 'info');
  const body = corpus
    .map(({ line, template }, i) =>
      JSON.stringify({
        ts: new Date(LOG_START + i * 2000).toISOString(),
        level: levels(template),
        service: ['api', 'worker', 'billing'][template % 3],
        message: line,
      }),
    )
    .join('\n');
  const file = join(dir, 'app.jsonl');
  writeFileSync(file, body);
  await engine.query(
    `CREATE TABLE app AS SELECT * FROM read_json('${file.replaceAll("'", "''")}', format = 'newline_delimited',
      columns = {ts: 'VARCHAR', level: 'VARCHAR', service: 'VARCHAR', message: 'VARCHAR'})`,
  );
  return corpus;
}
