import type { Parsed } from '../metrics/duration.js';

const ANSI_SIMPLE: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

function readAnsiC(text: string, start: number): { value: string; end: number } | null {
  let out = '';
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") return { value: out, end: i + 1 };
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const n = text[i + 1];
    if (n === undefined) return null;
    const simple = ANSI_SIMPLE[n];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    const hex =
      n === 'x'
        ? /^[0-9a-fA-F]{1,2}/
        : n === 'u'
          ? /^[0-9a-fA-F]{1,4}/
          : n === 'U'
            ? /^[0-9a-fA-F]{1,8}/
            : null;
    if (hex) {
      const m = hex.exec(text.slice(i + 2));
      if (m) {
        out += String.fromCodePoint(Number.parseInt(m[0], 16));
        i += 2 + m[0].length;
        continue;
      }
    }
    const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1));
    if (oct) {
      out += String.fromCharCode(Number.parseInt(oct[0], 8));
      i += 1 + oct[0].length;
      continue;
    }
    out += `\\${n}`;
    i += 2;
  }
  return null;
}

/** A shell variable reference `$NAME`/`${NAME}` becomes a `{{NAME}}` placeholder (we never expand it). */
function readVariable(text: string, i: number): { value: string; end: number } | null {
  const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(text.slice(i));
  if (!m) return null;
  return { value: `{{${m[1] ?? m[2]}}}`, end: i + m[0].length };
}

/**
 * Splits a POSIX shell command line into words: '…', "…", $'…' (ANSI-C), backslash escapes, backslash-newline
 * continuations and # comments. `$NAME` is not expanded: it becomes the placeholder `{{NAME}}`.
 */
export function splitShellWords(text: string): Parsed<string[]> {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const end = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      end();
      i++;
    } else if (c === '\\') {
      const n = text[i + 1];
      if (n === '\n') i += 2;
      else if (n === '\r' && text[i + 2] === '\n') i += 3;
      else if (n === undefined) i++;
      else {
        word += n;
        inWord = true;
        i += 2;
      }
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return { ok: false, error: "A single quote (') is never closed." };
      word += text.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (c === '$' && text[i + 1] === "'") {
      const r = readAnsiC(text, i + 2);
      if (!r) return { ok: false, error: "A $'…' string is never closed." };
      word += r.value;
      inWord = true;
      i = r.end;
    } else if (c === '"') {
      i++;
      inWord = true;
      let closed = false;
      while (i < text.length) {
        const d = text[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\') {
          const n = text[i + 1];
          if (n === '\n') i += 2;
          else if (n === '$' || n === '`' || n === '"' || n === '\\') {
            word += n;
            i += 2;
          } else {
            word += d;
            i++;
          }
        } else if (d === '$') {
          const v = readVariable(text, i);
          word += v ? v.value : d;
          i = v ? v.end : i + 1;
        } else {
          word += d;
          i++;
        }
      }
      if (!closed) return { ok: false, error: 'A double quote (") is never closed.' };
    } else if (c === '#' && !inWord) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '$') {
      const v = readVariable(text, i);
      word += v ? v.value : c;
      inWord = true;
      i = v ? v.end : i + 1;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  end();
  return { ok: true, value: words };
}

/** Quotes one word for a POSIX shell (single quotes unless the word is plainly safe). */
export function quoteShellWord(word: string): string {
  if (/^[A-Za-z0-9_\-./:@%+=,]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
