import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** Where a JSON text first goes wrong: 1-based line and column, and the parser's reason. */
export interface JsonErrorSpot {
  line: number;
  column: number;
  reason: string;
}

/** Finds the first syntax error in one JSON text (`null` when it parses), with a small strict scanner. */
export function locateJsonSyntaxError(text: string): JsonErrorSpot | null {
  let i = 0;
  const fail = (reason: string): never => {
    throw new JsonSyntax(i, reason);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a "quoted" key');
        string();
        ws();
        if (text[i] !== ':') fail('expected ":" after a key');
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail(i >= text.length ? 'the text ends before the closing "}"' : 'expected "," or "}"');
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail(i >= text.length ? 'the text ends before the closing "]"' : 'expected "," or "]"');
      }
    }
    if (ch === '"') {
      string();
      return;
    }
    const lit = /^(true|false|null|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)/.exec(
      text.slice(i, i + 400),
    );
    if (!lit)
      fail(i >= text.length ? 'the text ends too early' : `unexpected character ${JSON.stringify(ch)}`);
    i += lit![0].length;
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail('a line break or control character inside a string');
      i++;
    }
    if (i >= text.length) fail('a string is not closed');
    i++;
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected character ${JSON.stringify(text[i])} after the end`);
    return null;
  } catch (err) {
    if (!(err instanceof JsonSyntax)) throw err;
    const before = text.slice(0, err.pos);
    return {
      line: before.split('\n').length,
      column: err.pos - before.lastIndexOf('\n'),
      reason: err.reason,
    };
  }
}

class JsonSyntax extends Error {
  constructor(
    readonly pos: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Finds the first malformed line of an NDJSON file (streaming) or the first syntax error of a JSON document
 * (read whole only when under 256 MB). `null` when nothing is found.
 */
export async function locateJsonFileError(path: string, ndjson: boolean): Promise<JsonErrorSpot | null> {
  if (!ndjson) {
    if (statSync(path).size > 256 * 1024 * 1024) return null;
    return locateJsonSyntaxError(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  }
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    const spot = locateJsonSyntaxError(n === 1 ? line.replace(/^\uFEFF/, '') : line);
    if (spot) {
      lines.close();
      return { line: n, column: spot.column, reason: spot.reason };
    }
  }
  return null;
}
