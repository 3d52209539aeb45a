import { isUtf8 } from 'node:buffer';

/** The encodings Sightline detects on its own; others can be named with `encoding`. */
export type DetectedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** What the first bytes of a file say about its text encoding. */
export interface EncodingGuess {
  encoding: DetectedEncoding;
  /** Length of the byte-order mark at the start (0 when none). */
  bomLength: number;
  /** True when the file must be converted to UTF-8 before DuckDB reads it. */
  transcode: boolean;
  /** True for UTF-8 text that has some invalid bytes (they become U+FFFD). */
  strayBytes: boolean;
}

/** Drops a UTF-8 sequence cut off by the end of `bytes` (at most 3 bytes), so a prefix can be validated. */
export function trimIncompleteUtf8(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(4, n); back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.subarray(0, n - back) : bytes;
  }
  return bytes;
}

/** Counts valid multi-byte UTF-8 sequences and invalid bytes: enough to tell UTF-8 from Windows-1252. */
export function utf8Stats(bytes: Uint8Array): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xf0 && b <= 0xf4 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    let ok = need > 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) ok = ((bytes[i + k] ?? 0) & 0xc0) === 0x80;
    if (ok) {
      multibyte++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid };
}

/**
 * Guesses a file's encoding from its first bytes: a BOM (UTF-8, UTF-16 LE/BE), valid UTF-8, UTF-16 without BOM
 * (NUL bytes in every other position), or Windows-1252 (invalid UTF-8 with no valid multi-byte sequence).
 * `complete` says whether `prefix` is the whole file.
 */
export function detectEncoding(prefix: Uint8Array, complete: boolean): EncodingGuess {
  const [a, b, c] = prefix;
  if (a === 0xef && b === 0xbb && c === 0xbf)
    return { encoding: 'utf-8', bomLength: 3, transcode: false, strayBytes: false };
  if (a === 0xff && b === 0xfe)
    return { encoding: 'utf-16le', bomLength: 2, transcode: true, strayBytes: false };
  if (a === 0xfe && b === 0xff)
    return { encoding: 'utf-16be', bomLength: 2, transcode: true, strayBytes: false };
  const utf16 = utf16WithoutBom(prefix);
  if (utf16) return { encoding: utf16, bomLength: 0, transcode: true, strayBytes: false };
  const body = complete ? prefix : trimIncompleteUtf8(prefix);
  if (isUtf8(body)) return { encoding: 'utf-8', bomLength: 0, transcode: false, strayBytes: false };
  const stats = utf8Stats(body);
  if (stats.multibyte === 0)
    return { encoding: 'windows-1252', bomLength: 0, transcode: true, strayBytes: false };
  return { encoding: 'utf-8', bomLength: 0, transcode: true, strayBytes: true };
}

function utf16WithoutBom(prefix: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(prefix.length - (prefix.length % 2), 1024);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (prefix[i] === 0) evenZero++;
    if (prefix[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero === 0) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero === 0) return 'utf-16be';
  return null;
}

/** Checks that `label` is an encoding Node's TextDecoder knows, and returns its canonical name. */
export function canonicalEncoding(label: string): { ok: true; value: string } | { ok: false; error: string } {
  try {
    return { ok: true, value: new TextDecoder(label.trim()).encoding };
  } catch {
    return { ok: false, error: `"${label}" is not an encoding Sightline knows` };
  }
}
