import { extname } from 'node:path';
import { SightlineError } from '../errors.js';
import { isGzip } from '../logs/line-source.js';
import { builtInLogFormats, type LogFormatRegistry } from '../logs/registry.js';
import { sniffLog } from '../logs/sniff.js';
import { DATA_EXTENSIONS } from './source-files.js';
import type { InputFormat } from './types.js';

/** A concrete format (never `auto`). */
export type FileFormat = Exclude<InputFormat, 'auto'>;

/** The least share of the first lines a log format must read for `auto` to take a file without a log name as a log. */
const LOG_SNIFF_CONFIDENCE = 0.6;
// Log formats that a JSON-looking file is read as under `auto` (plain JSON lines stay NDJSON).
const JSON_SHAPED_LOGS = new Set(['docker', 'cloudtrail']);

/**
 * Picks the format of a file from its extension, else from its first bytes: ZIP magic -> xlsx, `PAR1` -> parquet,
 * gzip or lines a log format reads -> log, `[`/`{` -> json, else csv. Returns an error for content that isn't a
 * data format Sightline reads.
 */
export function detectFormat(
  path: string,
  head: Uint8Array,
  logFormats: LogFormatRegistry = builtInLogFormats(),
): { ok: true; value: FileFormat } | { ok: false; error: string } {
  const ext = extname(path).toLowerCase();
  const byExt = DATA_EXTENSIONS[ext];
  const sniffed = () => sniffLog(head, logFormats);
  if (isGzip(head)) {
    const log = sniffed();
    if (log.format && log.confidence >= LOG_SNIFF_CONFIDENCE) return { ok: true, value: 'log' };
    return { ok: false, error: 'gzip-compressed data that is not a log Sightline knows' };
  }
  if (ext === '.json' || ext === '.txt') {
    const log = sniffed();
    const fits = log.format && log.confidence >= LOG_SNIFF_CONFIDENCE;
    if (fits && (ext === '.txt' ? log.format?.id !== 'jsonl' : JSON_SHAPED_LOGS.has(log.format!.id)))
      return { ok: true, value: 'log' };
  }
  if (byExt) return { ok: true, value: byExt };
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
    return { ok: true, value: 'xlsx' };
  if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31)
    return { ok: true, value: 'parquet' };
  if (head[0] === 0xd0 && head[1] === 0xcf) return { ok: false, error: 'an old Excel .xls file' };
  const text = new TextDecoder('utf-8')
    .decode(head.subarray(0, 4096))
    .replace(/^\uFEFF/, '')
    .trimStart();
  const log = sniffed();
  if (log.format && log.confidence >= LOG_SNIFF_CONFIDENCE) {
    const jsonShaped = text.startsWith('[') || text.startsWith('{');
    if (!jsonShaped ? log.format.id !== 'jsonl' : JSON_SHAPED_LOGS.has(log.format.id))
      return { ok: true, value: 'log' };
  }
  if (text.startsWith('[') || text.startsWith('{')) {
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const ndjson =
      lines.length > 1 &&
      lines.slice(0, -1).every((l) => /^\s*\{.*\}\s*,?\s*$/.test(l) && !l.trim().endsWith(','));
    return { ok: true, value: ndjson && text.startsWith('{') ? 'ndjson' : 'json' };
  }
  if (head.subarray(0, 4096).includes(0) && !(head[0] === 0xff || head[0] === 0xfe || head[1] === 0))
    return { ok: false, error: 'binary data' };
  return { ok: true, value: 'csv' };
}

/** Resolves the format for a file: the user's choice wins; `auto` detects; unknown content is a user error. */
export function formatFor(
  path: string,
  head: Uint8Array,
  requested: InputFormat | undefined,
  logFormats?: LogFormatRegistry,
): FileFormat {
  if (requested && requested !== 'auto') return requested;
  const r = detectFormat(path, head, logFormats);
  if (r.ok) return r.value;
  throw new SightlineError(
    `Sightline can't tell what kind of data "${path}" holds: it looks like ${r.error}.`,
    {
      hints:
        r.error === 'an old Excel .xls file'
          ? ['Open it in Excel and save it as .xlsx (or .csv), then import that file.']
          : [
              'Sightline reads CSV, TSV, JSON, NDJSON, Parquet, Excel .xlsx and logs (also gzip-compressed); pass --input-format if the extension is unusual.',
            ],
    },
  );
}
