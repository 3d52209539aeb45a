import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { detectFormat } from '../import/format.js';
import { importFiles } from '../import/import-files.js';
import { previewImport } from '../import/preview.js';
import { snapshot } from '../import/test-support.js';
import type { ImportProgress } from '../import/types.js';
import { logFixture } from './test-support.js';

let fx: Awaited<ReturnType<typeof logFixture>>;
beforeAll(async () => {
  fx = await logFixture();
});
afterAll(() => fx.close());

const line = (i: number, status = 200) =>
  `10.0.0.${i % 250} - - [31/Oct/2026:13:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000] "GET /p/${i % 7} HTTP/1.1" ${status} ${i} "-" "agent ${i % 3}"`;
const lines = (n: number) => Array.from({ length: n }, (_, i) => line(i));
const b = (s: string) => new TextEncoder().encode(s);

describe('log import', () => {
  test('auto: logs are recognised by content and name; tables and plain JSON lines keep their formats', () => {
    expect(
      detectFormat('syslog', b('Oct 31 13:55:36 web1 sshd[1]: hi\nOct 31 13:55:37 web1 sshd[1]: ho\n')),
    ).toEqual({
      ok: true,
      value: 'log',
    });
    expect(detectFormat('access.log.1', b(`${line(1)}\n${line(2)}\n`))).toEqual({ ok: true, value: 'log' });
    expect(detectFormat('x.txt', b(`${line(1)}\n${line(2)}\n`))).toEqual({ ok: true, value: 'log' });
    expect(detectFormat('x.txt', b('a,b\n1,2\n'))).toEqual({ ok: true, value: 'csv' });
    expect(detectFormat('x.dat', b('a,b\n1,2\n'))).toEqual({ ok: true, value: 'csv' });
    expect(detectFormat('events.jsonl', b('{"a":1}\n{"a":2}\n'))).toEqual({ ok: true, value: 'ndjson' });
    expect(detectFormat('events', b('{"a":1}\n{"a":2}\n'))).toEqual({ ok: true, value: 'ndjson' });
    expect(
      detectFormat('c.log', b('{"log":"x\\n","stream":"stdout","time":"2026-10-31T13:55:36Z"}\n')),
    ).toEqual({
      ok: true,
      value: 'log',
    });
    expect(
      detectFormat(
        'trail.json',
        b('{"Records":[{"eventVersion":"1.08","eventTime":"2026-10-31T13:55:36Z"}]}'),
      ),
    ).toEqual({
      ok: true,
      value: 'log',
    });
    expect(detectFormat('a.gz', gzipSync(`${line(1)}\n${line(2)}\n`))).toEqual({ ok: true, value: 'log' });
    expect(detectFormat('a.csv.gz', gzipSync('a,b\n1,2\n'))).toEqual({
      ok: false,
      error: 'gzip-compressed data that is not a log Sightline knows',
    });
  });

  test('progress counts the bytes of the file on disk (compressed for .gz) up to its size', async () => {
    const path = fx.write('big.log.gz', lines(20_000), true);
    const seen: ImportProgress[] = [];
    const [o] = await importFiles(
      fx.conn,
      { paths: [path], as: 'big' },
      { scratchDir: fx.scratchDir, onProgress: (p) => seen.push(p) },
    );
    expect(o!.rows).toBe(20_000);
    const size = statSync(path).size;
    expect(seen.at(-1)).toEqual({ file: path, bytesRead: size, bytesTotal: size, rows: 20_000 });
    expect(seen.every((p, i) => i === 0 || p.bytesRead >= seen[i - 1]!.bytesRead)).toBe(true);
  });

  test('CRLF line ends and a BOM are read; a cut-off gzip file is a plain error, not a crash', async () => {
    const crlf = fx.write('crlf.log', [`\uFEFF${line(1)}\r`, `${line(2)}\r`]);
    const o = await fx.importOne({ paths: [crlf] });
    expect([o.detected.logFormat, o.rows, o.rejected]).toEqual(['combined', 2, 0]);
    expect(await fx.rows('SELECT user_agent FROM crlf ORDER BY ts')).toEqual([
      { user_agent: 'agent 1' },
      { user_agent: 'agent 2' },
    ]);
    const whole = gzipSync(lines(5000).join('\n'));
    const cut = join(fx.dir, 'cut.log.gz');
    writeFileSync(cut, whole.subarray(0, whole.length - 100));
    await expect(fx.importOne({ paths: [cut] })).rejects.toThrow(
      `Sightline couldn't read "${cut}": its gzip data is damaged (unexpected end of file).`,
    );
  });

  test('cancel while reading leaves the workspace unchanged', async () => {
    const path = fx.write('cancel.log', lines(50_000));
    const before = await snapshot(fx.conn);
    const abort = new AbortController();
    await expect(
      importFiles(
        fx.conn,
        { paths: [path] },
        { scratchDir: fx.scratchDir, signal: abort.signal, onProgress: () => abort.abort() },
      ),
    ).rejects.toThrow('The import was cancelled; nothing was changed.');
    expect(await snapshot(fx.conn)).toEqual(before);
  });

  test('a glob of logs becomes one table with source_file; append adds to it; unmatched lines keep their file', async () => {
    fx.write('logs/a.log', [line(1), line(2, 500)]);
    fx.write('logs/b.log', [line(3, 404), 'stray line']);
    const o = await fx.importOne({ paths: [join(fx.dir, 'logs/*.log')], as: 'web' });
    expect([o.rows, o.rejected, o.rejects[0]?.file, o.rejects[0]?.line]).toEqual([
      3,
      1,
      join(fx.dir, 'logs/b.log'),
      2,
    ]);
    expect(await fx.rows('SELECT status, source_file FROM web ORDER BY status')).toEqual([
      { status: 200, source_file: join(fx.dir, 'logs/a.log') },
      { status: 404, source_file: join(fx.dir, 'logs/b.log') },
      { status: 500, source_file: join(fx.dir, 'logs/a.log') },
    ]);
    const more = fx.write('more.log', [line(9, 302)]);
    await fx.importOne({ paths: [more], as: 'access_more' });
    const again = fx.write('again.log', [line(10, 201)]);
    const appended = await fx.importOne({ paths: [again], as: 'access_more', mode: 'append' });
    expect(appended.rows).toBe(1);
    expect(await fx.rows('SELECT status FROM access_more ORDER BY status')).toEqual([
      { status: 201 },
      { status: 302 },
    ]);
  });

  test('preview shows the detected format, its confidence and every candidate; --log-format overrides', async () => {
    const path = fx.write('preview.log', [line(1), line(2), line(3), 'not a line']);
    const p = await previewImport(fx.conn, path, { scratchDir: fx.scratchDir, sampleRows: 2 });
    expect(p.detected).toMatchObject({ format: 'log', logFormat: 'combined', logConfidence: 0.75 });
    const candidates = p.detected.logCandidates!;
    expect(candidates[0]).toEqual({
      id: 'combined',
      label: 'nginx/Apache combined access log',
      confidence: 0.75,
    });
    expect(candidates.map((c) => c.id).sort()).toEqual([
      'cloudtrail',
      'combined',
      'common',
      'cri',
      'docker',
      'jsonl',
      'logfmt',
      'syslog',
      'syslog5424',
    ]);
    expect(candidates.slice(1).every((c) => c.confidence === 0)).toBe(true);
    expect(p.rows).toHaveLength(2);
    expect(p.rejects.map((r) => r.line)).toEqual([4]);
    const forced = await previewImport(fx.conn, path, {
      scratchDir: fx.scratchDir,
      request: { logFormat: 'common', maxRejects: 10 },
    });
    expect(forced.detected).toMatchObject({ logFormat: 'common', logConfidence: 0 });
  });
});
