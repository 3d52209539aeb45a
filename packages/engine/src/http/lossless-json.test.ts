import { expect, test } from 'vitest';
import { bigIntegersAsText, parseJsonLossless, plainText, stringifyLossless } from './lossless-json.js';

test('integers beyond 2^53 survive a parse and stringify; everything else is as JSON.parse', () => {
  const text =
    '{"id":9007199254740993,"neg":-12345678901234567890,"small":9007199254740991,"f":1.5e+300,"s":"12345678901234567890","list":[18446744073709551615]}';
  const v = parseJsonLossless(text) as Record<string, unknown>;
  expect(v.small).toBe(9007199254740991);
  expect(v.f).toBe(1.5e300);
  expect(v.s).toBe('12345678901234567890');
  expect(plainText(v.id)).toBe('9007199254740993');
  expect(stringifyLossless(v)).toBe(text);
  expect(parseJsonLossless('[1, "a\\"9007199254740993", 2]')).toEqual([1, 'a"9007199254740993', 2]);
  expect(() => parseJsonLossless('{"a": 12345678901234567890')).toThrow();
  expect(bigIntegersAsText(v)).toEqual({
    id: '9007199254740993',
    neg: '-12345678901234567890',
    small: 9007199254740991,
    f: 1.5e300,
    s: '12345678901234567890',
    list: ['18446744073709551615'],
  });
  expect(stringifyLossless({ a: [parseJsonLossless('9007199254740993')] }, 2)).toBe(
    '{\n  "a": [\n    9007199254740993\n  ]\n}',
  );
});
