import { constants, gunzipSync } from 'node:zlib';
import { detectLogFormat, type LogDetection } from './detect.js';
import { isGzip } from './line-source.js';
import type { LogFormatRegistry } from './registry.js';

/** The text of a file's first bytes, decompressed when they are gzip (a cut-off stream is fine). */
export function headText(head: Uint8Array): string {
  let bytes = head;
  if (isGzip(head)) {
    try {
      bytes = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return '';
    }
  }
  return new TextDecoder('utf-8').decode(bytes.subarray(0, 256 * 1024)).replace(/^\uFEFF/, '');
}

/** Detects a log format from a file's first bytes (the last, possibly cut, line is left out when there are others). */
export function sniffLog(head: Uint8Array, registry: LogFormatRegistry): LogDetection {
  const lines = headText(head).split(/\r?\n/);
  if (lines.length > 1) lines.pop();
  return detectLogFormat(lines, registry);
}
