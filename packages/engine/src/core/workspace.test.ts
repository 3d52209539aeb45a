import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@sightline/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { SightlineError } from '../errors.js';
import { Workspace } from './workspace.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const engineDir = fileURLToPath(new URL('../..', import.meta.url));

/** Starts another process that holds `dbPath` open for `holdMs`; resolves once it holds the lock. */
function holdDatabase(dbPath: string, holdMs: number): Promise<ChildProcess> {
  const code = `const { DuckDBInstance } = require('@duckdb/node-api');
    DuckDBInstance.create(${JSON.stringify(dbPath)}).then((db) => {
      console.log('held');
      setTimeout(() => { db.closeSync(); process.exit(0); }, ${holdMs});
    });`;
  const child = spawn(process.execPath, ['-e', code], {
    cwd: engineDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      if (d.includes('held')) resolve(child);
    });
    child.on('error', reject);
    child.on('exit', (c) => reject(new Error(`holder exited early (${c})`)));
  });
}

describe('Workspace', () => {
  it('creates the folder layout with a private settings file', async () => {
    const dir = join(tmp.path, 'one');
    const ws = await Workspace.open(dir);
    expect(ws.dir).toBe(dir);
    expect(ws.dbPath).toBe(join(dir, 'sightline.duckdb'));
    expect(readdirSync(dir).sort()).toEqual([
      'files',
      'sightline.duckdb',
      'sightline.json',
      'tmp',
      'workbooks',
    ]);
    expect(statSync(join(dir, 'sightline.json')).mode & 0o777).toBe(0o600);
    expect(ws.readConfig()).toEqual({ version: 1, connections: {}, settings: {} });
    const spill = await ws.engine.query("SELECT current_setting('temp_directory') AS t");
    expect(spill.rows).toEqual([{ t: ws.tmpDir }]);
    await ws.engine.query('CREATE TABLE t AS SELECT 1 AS x');
    await ws.close();

    const again = await Workspace.open(dir, { create: false });
    expect(await again.engine.tables()).toEqual([{ table: 't', rows: 1, columns: 1 }]);
    await again.close();
  });

  it('writes settings atomically with mode 0600 and reads them back', async () => {
    const ws = await Workspace.open(join(tmp.path, 'cfg'));
    const config = {
      version: 1 as const,
      connections: { prod: { kind: 'postgres' as const, url: 'postgres://u:p@h/db' } },
      settings: { theme: 'dark' },
    };
    ws.writeConfig(config);
    expect(ws.readConfig()).toEqual(config);
    expect(statSync(ws.configPath).mode & 0o777).toBe(0o600);
    expect(readdirSync(ws.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    writeFileSync(ws.configPath, '{ not json');
    expect(() => ws.readConfig()).toThrow(`The workspace settings file ${ws.configPath} is not valid JSON.`);
    await ws.close();
  });

  it('two opens in one process share the database safely', async () => {
    const dir = join(tmp.path, 'twice');
    const a = await Workspace.open(dir);
    const b = await Workspace.open(dir, { lockTimeoutMs: 0 });
    await a.engine.query('CREATE TABLE shared AS SELECT 1 AS x');
    await a.close();
    expect((await b.engine.query('SELECT x FROM shared')).rows).toEqual([{ x: 1 }]);
    await b.close();
  });

  it('refuses a missing folder when create is false', async () => {
    const dir = join(tmp.path, 'missing');
    await expect(Workspace.open(dir, { create: false })).rejects.toThrow(
      `There is no Sightline workspace in ${dir}.`,
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('defaultDir: $SIGHTLINE_WORKSPACE, else ~/.sightline/default', () => {
    expect(Workspace.defaultDir({ SIGHTLINE_WORKSPACE: '/data/ws' })).toBe('/data/ws');
    expect(Workspace.defaultDir({ HOME: '/home/pm' })).toBe('/home/pm/.sightline/default');
  });

  it('lists workspaces under a root, by name', async () => {
    const root = join(tmp.path, 'root');
    for (const name of ['b', 'a']) await (await Workspace.open(join(root, name))).close();
    mkdirSync(join(root, 'not-a-workspace'));
    expect(await Workspace.list(root)).toEqual([
      { name: 'a', dir: join(root, 'a') },
      { name: 'b', dir: join(root, 'b') },
    ]);
    expect(await Workspace.list(join(tmp.path, 'nowhere'))).toEqual([]);
  });

  it('waits for another process to release the database, then opens it', async () => {
    const dir = join(tmp.path, 'shared');
    await (await Workspace.open(dir)).close();
    const holder = await holdDatabase(join(dir, 'sightline.duckdb'), 700);
    const t = performance.now();
    const ws = await Workspace.open(dir, { lockTimeoutMs: 10_000 });
    expect(performance.now() - t).toBeGreaterThan(300);
    expect((await ws.engine.query('SELECT 1 AS x')).rows).toEqual([{ x: 1 }]);
    await ws.close();
    holder.kill();
  });

  it('gives up after lockTimeoutMs with a message naming the other process', async () => {
    const dir = join(tmp.path, 'busy');
    await (await Workspace.open(dir)).close();
    const holder = await holdDatabase(join(dir, 'sightline.duckdb'), 5000);
    const t = performance.now();
    const err = await Workspace.open(dir, { lockTimeoutMs: 400 }).catch((e: unknown) => e);
    const waited = performance.now() - t;
    holder.kill();
    expect(err).toBeInstanceOf(SightlineError);
    expect((err as SightlineError).message).toBe(
      `The workspace ${dir} is busy: another Sightline process (PID ${holder.pid}) is using it.`,
    );
    expect((err as SightlineError).hints).toEqual([
      'Waited 400 ms. Wait for that process to finish or close it, then try again.',
    ]);
    expect(waited).toBeGreaterThanOrEqual(390);
    expect(waited).toBeLessThan(2000);
  });

  it('keeps user tables in main apart from bookkeeping in sightline_meta', async () => {
    const ws = await Workspace.open(join(tmp.path, 'meta'));
    await ws.engine.query(
      'CREATE SCHEMA IF NOT EXISTS sightline_meta; CREATE TABLE sightline_meta.log (x INTEGER)',
    );
    await ws.engine.query('CREATE TABLE users (id INTEGER)');
    expect((await ws.engine.tables()).map((t) => t.table)).toEqual(['users']);
    await ws.close();
    expect(JSON.parse(readFileSync(join(ws.dir, 'sightline.json'), 'utf8')).version).toBe(1);
  });
});
