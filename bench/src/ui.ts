import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { findRunningServer, type RunningServer } from '@sightline/server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { DATA_VERSION, writeEventsCsv } from './datasets.js';
import { formatMb, formatMs, renderTable } from './format.js';
import { median } from './stats.js';
import { fromUrl, uiPage } from './ui-page.js';

const CHROMIUM = '/usr/bin/chromium';
/** Rows of the file uploaded through the browser: about 700 MB of CSV. */
export const UPLOAD_ROWS = 12_000_000;

/** What the browser benchmarks measured (milliseconds unless named otherwise). */
export interface UiFigures {
  initialJsGzipBytes: number;
  firstRows: { query: string; totalMs: number; engineMs: number; beyondEngineMs: number; runs: number }[];
  scroll: { pageFetchMedianMs: number; pageFetchP95Ms: number; jumpToRowsMedianMs: number; jumps: number };
  upload: {
    fileMb: number;
    uploadAndPreviewMs: number;
    importMs: number;
    totalMs: number;
    floorMs: number;
    /** The server's memory just before the upload, and its highest while the file was uploaded and imported. */
    serverRssBeforeMb: number;
    serverPeakRssMb: number;
  } | null;
  notes: string[];
}

interface Paths {
  repoDir: string;
  dataDir: string;
  eventsCsv10M: string;
}

/** Runs the browser benchmarks: a real `sightline open` server process and Debian's Chromium (issue 3's figures). */
export async function measureUi(
  paths: Paths,
  opts: { upload: boolean },
  log: (m: string) => void,
): Promise<UiFigures> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`);
  const workspace = mkdtempSync(join(paths.dataDir, 'ui-workspace-'));
  const server = await startServerProcess(paths.repoDir, workspace);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const notes: string[] = [];
  try {
    const page = await openPage(browser, server.info);
    const initialJsGzipBytes = await initialJs(page, join(paths.repoDir, 'packages', 'web', 'dist'));
    log(`ui: initial JavaScript ${(initialJsGzipBytes / 1024).toFixed(0)} KB gzipped`);
    const ui = uiPage(page);
    log('ui: loading the 10M-row events table through the server');
    await serverSql(
      server.info,
      `CREATE TABLE events AS SELECT * FROM read_csv(${sqlText(paths.eventsCsv10M)})`,
    );
    const firstRows = [];
    for (const [label, sql] of [
      ['1,000 rows of a 10M table', 'SELECT * FROM events LIMIT 1000'],
      [
        'top 1,000 users by events (10M rows grouped)',
        'SELECT user_id, count(*) AS events FROM events GROUP BY user_id ORDER BY events DESC LIMIT 1000',
      ],
    ] as const) {
      const runs = [];
      for (let i = 0; i < 5; i++) runs.push(await ui.runToFirstRows(sql, `r${i}`));
      const total = median(runs.map((r) => r.totalMs)) ?? 0;
      const engine = median(runs.map((r) => r.engineMs)) ?? 0;
      const beyond = median(runs.map((r) => r.totalMs - r.engineMs)) ?? 0;
      firstRows.push({
        query: label,
        totalMs: total,
        engineMs: engine,
        beyondEngineMs: beyond,
        runs: runs.length,
      });
      log(`ui: first rows painted (${label}): ${Math.round(total)} ms, engine ${Math.round(engine)} ms`);
    }
    log('ui: scrolling a 10M-row result');
    const scroll = await ui.scrollJumps('SELECT * FROM events', 10_000_000, 30);
    log(
      `ui: page fetch median ${scroll.pageFetchMedianMs.toFixed(1)} ms, p95 ${scroll.pageFetchP95Ms.toFixed(1)} ms`,
    );
    let upload: UiFigures['upload'] = null;
    if (opts.upload) {
      const file = join(paths.dataDir, `upload-${UPLOAD_ROWS / 1_000_000}M-v${DATA_VERSION}.csv`);
      await ensureUploadFile(file, log);
      const floorMs = await rawImportFloor(file, paths.dataDir);
      log(`ui: raw DuckDB read of the upload file: ${Math.round(floorMs)} ms`);
      const fresh = await openPage(browser, server.info);
      // The server still keeps the earlier steps' results (the 10M-row scroll): its memory before the upload is
      // reported beside the peak, so the upload's own share shows.
      const before = rssMb(server.child.pid);
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssMb(server.child.pid));
      }, 100);
      const up = await uiPage(fresh)
        .uploadAndImport(file, 'events_upload', UPLOAD_ROWS)
        .finally(() => clearInterval(sampler));
      upload = {
        fileMb: statSync(file).size / 1024 ** 2,
        ...up,
        floorMs,
        serverRssBeforeMb: before,
        serverPeakRssMb: peak,
      };
      log(`ui: upload+import of ${Math.round(upload.fileMb)} MB: ${Math.round(upload.totalMs)} ms`);
    } else notes.push('The 700 MB browser upload was skipped (--no-upload).');
    return { initialJsGzipBytes, firstRows, scroll, upload, notes };
  } finally {
    await browser.close();
    server.child.kill('SIGINT');
    await new Promise((r) => server.child.once('exit', r));
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** The figures as a table and target lines, for the console. */
export function uiReport(f: UiFigures): string {
  const rows: string[][] = [
    ['initial JavaScript (gzip)', `${(f.initialJsGzipBytes / 1024).toFixed(0)} KB`, 'under 400 KB'],
  ];
  for (const r of f.firstRows) {
    rows.push([
      `Run -> first rows painted: ${r.query}`,
      `${formatMs(r.totalMs)} (engine ${formatMs(r.engineMs)}, beyond ${formatMs(r.beyondEngineMs)})`,
      'beyond engine under 300 ms',
    ]);
  }
  rows.push([
    `page fetch while scrolling 10M rows (${f.scroll.jumps} jumps)`,
    `median ${f.scroll.pageFetchMedianMs.toFixed(1)} ms, p95 ${f.scroll.pageFetchP95Ms.toFixed(1)} ms; jump to rows shown ${formatMs(f.scroll.jumpToRowsMedianMs)}`,
    'under 50 ms',
  ]);
  if (f.upload) {
    rows.push([
      `browser upload + import of ${Math.round(f.upload.fileMb)} MB CSV`,
      `${formatMs(f.upload.totalMs)} (upload+preview ${formatMs(f.upload.uploadAndPreviewMs)}, import ${formatMs(f.upload.importMs)}; raw DuckDB read ${formatMs(f.upload.floorMs)}; server RSS ${formatMb(f.upload.serverRssBeforeMb)} before, ${formatMb(f.upload.serverPeakRssMb)} at most during it)`,
      '-',
    ]);
  }
  return `${renderTable(['browser (Chromium, real server)', 'measured', 'target'], rows)}${f.notes.map((n) => `\nnote: ${n}`).join('')}`;
}

async function startServerProcess(
  repoDir: string,
  workspace: string,
): Promise<{ child: ChildProcess; info: RunningServer }> {
  const bin = join(repoDir, 'packages', 'cli', 'dist', 'bin.js');
  const child = spawn(process.execPath, [bin, 'open', '--no-browser', '--workspace', workspace], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const info = findRunningServer(workspace);
    if (info) return { child, info };
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`sightline open did not start: ${stderr.trim() || 'no output'}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function openPage(browser: Browser, server: RunningServer): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${server.url}?token=${server.token}`);
  await page.getByRole('navigation', { name: 'Data catalog' }).waitFor();
  return page;
}

/** Gzipped bytes of the JavaScript the first page load fetched (lazy chunks are not loaded until used). */
async function initialJs(page: Page, dist: string): Promise<number> {
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => n.endsWith('.js')),
  );
  let bytes = 0;
  for (const url of scripts) bytes += gzipSync(readFileSync(join(dist, fromUrl(url)))).length;
  return bytes;
}

async function ensureUploadFile(path: string, log: (m: string) => void): Promise<void> {
  if (existsSync(path)) return;
  log(`generating ${path} (${UPLOAD_ROWS.toLocaleString('en-US')} rows)`);
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    await writeEventsCsv(conn, `${path}.partial`, UPLOAD_ROWS);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
  const { renameSync } = await import('node:fs');
  renameSync(`${path}.partial`, path);
}

/** The raw floor for the upload: DuckDB reading the same file into a table, nothing else. */
async function rawImportFloor(file: string, dataDir: string): Promise<number> {
  const dir = mkdtempSync(join(dataDir, 'ui-floor-'));
  const db = await DuckDBInstance.create(join(dir, 'floor.duckdb'));
  const conn = await db.connect();
  try {
    const t0 = performance.now();
    await conn.run(`CREATE TABLE t AS SELECT * FROM read_csv(${sqlText(file)})`);
    return performance.now() - t0;
  } finally {
    conn.closeSync();
    db.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function serverSql(server: RunningServer, sql: string): Promise<void> {
  const res = await fetch(new URL('/api/query', server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sql, format: 'json' }),
  });
  if (!res.ok) throw new Error(`SQL failed on the server: ${await res.text()}`);
}

function rssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
