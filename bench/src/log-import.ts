import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { importFiles } from '@sightline/engine';

/**
 * The `log_import` benchmark: a generated nginx combined access log of `sizeMb` (default 1 GiB) imported by
 * Sightline (streamed JS parsing + DuckDB appender) and, as the floor, by DuckDB alone (read_csv of lines +
 * regexp_extract in SQL). Each side runs in its own process so its peak RSS is its own.
 *
 *   node bench/dist/log-import.js [--size-mb 1024] [--dir /tmp/sightline-bench-logs]
 */

const PATHS = [
  '/',
  '/pricing',
  '/app/projects',
  '/api/v1/events',
  '/api/v1/projects/42/reports',
  '/caf%C3%A9',
];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  'curl/8.5.0',
  'Mozilla/5.0 (compatible; \\x22Caf\\xC3\\xA9Reader\\x22/2.1)',
];
const STATUS = [200, 200, 200, 200, 304, 404, 500, 201];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Writes a combined access log of about `bytes` bytes (deterministic). */
export async function generateAccessLog(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  let seed = 42;
  const rnd = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed % n;
  };
  let written = 0;
  let lines = 0;
  let t = Date.UTC(2026, 9, 1) / 1000;
  const pad = (n: number) => String(n).padStart(2, '0');
  while (written < bytes) {
    const chunk: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      t += rnd(3);
      const d = new Date(t * 1000);
      const time = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
      const path = `${PATHS[rnd(PATHS.length)]}${rnd(4) === 0 ? `?page=${rnd(50)}&ref=mail` : ''}`;
      chunk.push(
        `10.${rnd(256)}.${rnd(256)}.${rnd(256)} - - [${time}] "GET ${path} HTTP/1.1" ${STATUS[rnd(STATUS.length)]} ${rnd(90_000)} "https://example.com/" "${AGENTS[rnd(AGENTS.length)]}" 0.${String(rnd(1000)).padStart(3, '0')}\n`,
      );
    }
    const text = chunk.join('');
    written += Buffer.byteLength(text);
    lines += chunk.length;
    if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return lines;
}

const FLOOR_SQL = (file: string) => `CREATE TABLE access AS
WITH l AS (SELECT line FROM read_csv('${file.replace(/'/g, "''")}', columns = {'line': 'VARCHAR'}, delim = '\\x01', quote = '', escape = '', header = false)),
m AS (SELECT regexp_extract(line, '^(\\S+) \\S+ (\\S+) \\[([^\\]]+)\\] "(\\S+) ([^ ?"]*)\\??([^ "]*) ([^"]*)" (\\d{3}) (\\d+|-) "([^"]*)" "([^"]*)" ?(\\S*)$',
  ['addr', 'user', 'time', 'method', 'path', 'query', 'protocol', 'status', 'bytes', 'referer', 'agent', 'rt']) AS r FROM l)
SELECT strptime(r.time, '%d/%b/%Y:%H:%M:%S %z') AS ts, r.addr AS remote_addr, r.method, r.path, r.query, r.protocol,
  r.status::INTEGER AS status, r.bytes::BIGINT AS bytes, r.referer, r.agent AS user_agent, r.rt::DOUBLE AS request_time FROM m`;

async function child(side: string, file: string, scratch: string): Promise<void> {
  const started = performance.now();
  const instance = await DuckDBInstance.create(join(scratch, 'bench.duckdb'));
  const conn = await instance.connect();
  let rows: number;
  if (side === 'sightline') {
    const [o] = await importFiles(conn, { paths: [file], inputFormat: 'log' }, { scratchDir: scratch });
    rows = o!.rows;
  } else {
    await conn.run(FLOOR_SQL(file));
    const r = await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM access');
    rows = Number(r.getRowObjects()[0]!.n);
  }
  const ms = performance.now() - started;
  conn.closeSync();
  instance.closeSync();
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stdout.write(`${JSON.stringify({ side, ms, cpuMs, rows, maxRssMb: usage.maxRSS / 1024 })}\n`);
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv[0] === '--child') return child(argv[1]!, argv[2]!, argv[3]!);
  const sizeMb = Number(arg('--size-mb') ?? 1024);
  const dir = arg('--dir') ?? join(tmpdir(), 'sightline-bench-logs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `access-${sizeMb}mb.log`);
  if (!existsSync(file)) {
    process.stderr.write(`[bench] writing ${file}\n`);
    await generateAccessLog(file, sizeMb * 1024 * 1024);
  }
  const mb = statSync(file).size / 1024 / 1024;
  for (const side of ['sightline', 'floor']) {
    const scratch = mkdtempSync(join(dir, `${side}-`));
    try {
      const r = spawnSync(
        process.execPath,
        [fileURLToPath(import.meta.url), '--child', side, file, scratch],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        },
      );
      if (r.status !== 0) throw new Error(`${side} failed: ${r.stderr}`);
      const report = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
        ms: number;
        cpuMs: number;
        rows: number;
        maxRssMb: number;
      };
      process.stdout.write(
        `log_import ${side}: ${mb.toFixed(0)} MB, ${report.rows.toLocaleString('en-US')} rows in ${(report.ms / 1000).toFixed(1)} s (${(mb / (report.ms / 1000)).toFixed(0)} MB/s; ${(report.cpuMs / 1000).toFixed(1)} s of CPU), peak RSS ${report.maxRssMb.toFixed(0)} MB\n`,
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
