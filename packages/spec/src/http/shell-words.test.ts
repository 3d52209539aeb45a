import { describe, expect, test } from 'vitest';
import { quoteShellWord, splitShellWords } from './shell-words.js';

const words = (text: string) => {
  const r = splitShellWords(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('splitShellWords', () => {
  test.each([
    ['plain words', 'curl -X POST  http://x', ['curl', '-X', 'POST', 'http://x']],
    ['single quotes keep everything', `'a "b" \\n $c'`, ['a "b" \\n $c']],
    ['double quotes: escapes of $ ` " \\ only', `"a \\"b\\" \\n \\\\ \\$"`, ['a "b" \\n \\ $']],
    ['adjacent quoted parts make one word', `'a'"b"c`, ['abc']],
    ['an empty quoted word is a word', `x '' ""`, ['x', '', '']],
    ['backslash outside quotes', 'a\\ b c\\"d', ['a b', 'c"d']],
    ['backslash-newline continues the line', 'curl \\\n  -H x \\\r\n  y', ['curl', '-H', 'x', 'y']],
    ["$'…' strings: \\n \\t \\' \\x41 \\u00e9 \\101", `$'a\\nb\\tc\\'d\\x41\\u00e9\\101'`, ["a\nb\tc'dAéA"]],
    [
      '$VAR and {VAR} forms become placeholders',
      `a $TOKEN "\${KEY}x" $1`,
      ['a', '{{TOKEN}}', '{{KEY}}x', '$1'],
    ],
    ['comments at a word start', 'a # comment\nb c#d', ['a', 'b', 'c#d']],
  ])('%s', (_name, text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  test('unclosed quotes are named', () => {
    expect(splitShellWords("curl 'abc")).toEqual({ ok: false, error: "A single quote (') is never closed." });
    expect(splitShellWords('curl "abc')).toEqual({ ok: false, error: 'A double quote (") is never closed.' });
    expect(splitShellWords("curl $'abc")).toEqual({ ok: false, error: "A $'…' string is never closed." });
  });

  test('quoteShellWord round-trips any text', () => {
    for (const w of ['plain', 'with space', "it's", 'a"b', '$HOME', 'back\\slash', 'new\nline', '', 'é ü']) {
      expect(words(quoteShellWord(w))).toEqual([w]);
    }
    expect(quoteShellWord('https://x.test/a?b=1')).toBe("'https://x.test/a?b=1'");
    expect(quoteShellWord('-X')).toBe('-X');
  });
});
