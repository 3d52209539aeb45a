const MARK = '\u0000n:';
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** True for a value `parseJsonLossless` made from an integer too large for a JS number. */
export function isBigIntegerMark(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith(MARK);
}

/** The text of a value, with a marked big integer given back as its digits. */
export function plainText(v: unknown): string {
  return isBigIntegerMark(v) ? v.slice(MARK.length) : String(v);
}

/**
 * Parses JSON keeping integers beyond 2^53 exact: each becomes a marked string (see `stringifyLossless`), so the
 * digits survive until they are written back out. Everything else parses as `JSON.parse` does.
 */
export function parseJsonLossless(text: string): unknown {
  if (!/\d{16}/.test(text)) return JSON.parse(text);
  let out = '';
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
      i++;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      const token = m ? m[0] : text[i]!;
      if (m && !m[1] && !m[2] && token.replace('-', '').length >= 16) {
        const abs = BigInt(token.replace('-', ''));
        if (abs > MAX_SAFE) {
          out += `${text.slice(from, i)}"\\u0000n:${token}"`;
          from = i + token.length;
        }
      }
      i += token.length;
    } else i++;
  }
  return JSON.parse(out + text.slice(from));
}

/** JSON text of a value from `parseJsonLossless`, with big integers written back as exact number literals. */
export function stringifyLossless(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/"\\u0000n:(-?\d+)"/g, '$1');
}

/** The value with each marked big integer replaced by a string of its exact digits (for viewers that show JSON). */
export function bigIntegersAsText(value: unknown): unknown {
  if (isBigIntegerMark(value)) return plainText(value);
  if (Array.isArray(value)) return value.map(bigIntegersAsText);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bigIntegersAsText(v)]));
  }
  return value;
}
