import { isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';

/** What a conversion to UTF-8 found. */
export interface TranscodeResult {
  bytesRead: number;
  /** Lines (1-based) where invalid bytes were replaced by U+FFFD (UTF-8 input only), at most `maxLines`. */
  replacedLines: number[];
  replacedTotal: number;
}

/**
 * Streams `src` (in `encoding`, any WHATWG label) into `dest` as UTF-8 without BOM, never holding more than one
 * chunk in memory. Invalid bytes become U+FFFD; for UTF-8 input the lines where that happened are reported.
 */
export async function transcodeToUtf8(
  src: string,
  dest: string,
  encoding: string,
  opts: { onBytes?: (bytesRead: number) => void; signal?: AbortSignal; maxLines?: number } = {},
): Promise<TranscodeResult> {
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
  const checkUtf8 = decoder.encoding === 'utf-8';
  const maxLines = opts.maxLines ?? 10;
  const input = createReadStream(src, { highWaterMark: 1 << 20 });
  const output = createWriteStream(dest);
  const result: TranscodeResult = { bytesRead: 0, replacedLines: [], replacedTotal: 0 };
  let line = 1;
  let carry = new Uint8Array(0);
  const write = async (text: string) => {
    if (text !== '' && !output.write(text)) await once(output, 'drain');
  };
  const noteReplacements = (text: string) => {
    let from = 0;
    for (;;) {
      const at = text.indexOf('\uFFFD', from);
      if (at < 0) break;
      line += countNewlines(text, from, at);
      if (result.replacedLines.at(-1) !== line) {
        result.replacedTotal++;
        if (result.replacedLines.length < maxLines) result.replacedLines.push(line);
      }
      from = at + 1;
    }
    line += countNewlines(text, from, text.length);
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
      result.bytesRead += chunk.length;
      let text: string;
      if (checkUtf8) {
        // Validate whole sequences only: keep a cut-off tail for the next chunk.
        const joined = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
        const cut = completeLength(joined);
        const body = joined.subarray(0, cut);
        carry = Uint8Array.prototype.slice.call(joined, cut);
        text = decoder.decode(body, { stream: true });
        if (isUtf8(body)) line += countNewlines(text, 0, text.length);
        else noteReplacements(text);
      } else {
        text = decoder.decode(chunk, { stream: true });
      }
      await write(text);
      opts.onBytes?.(result.bytesRead);
    }
    const tail = decoder.decode(carry, { stream: false });
    if (checkUtf8 && carry.length > 0 && !isUtf8(carry)) noteReplacements(tail);
    await write(tail);
    output.end();
    await once(output, 'finish');
  } catch (err) {
    input.destroy();
    output.destroy();
    throw err;
  }
  return result;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Length of `bytes` without a trailing, possibly incomplete UTF-8 sequence (at most 3 bytes). */
function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return n;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return need > back ? n - back : n;
  }
  return n;
}
