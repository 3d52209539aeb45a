import { describe, expect, it } from 'vitest';
import { canonicalEncoding, detectEncoding, trimIncompleteUtf8, utf8Stats } from './encoding.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x61), true)).toEqual({
      encoding: 'utf-8',
      bomLength: 3,
      transcode: false,
      strayBytes: false,
    });
    expect(detectEncoding(bytes(0xff, 0xfe, 0x61, 0), true).encoding).toBe('utf-16le');
    expect(detectEncoding(bytes(0xfe, 0xff, 0, 0x61), true).encoding).toBe('utf-16be');
  });

  it('accepts plain and multi-byte UTF-8, also when the prefix cuts a character in half', () => {
    expect(detectEncoding(utf8('a,b\n1,é\n'), true)).toMatchObject({ encoding: 'utf-8', transcode: false });
    const cut = utf8('a,€').subarray(0, 4); // `€` is 3 bytes; keep only its first
    expect(detectEncoding(cut, false)).toMatchObject({ encoding: 'utf-8', transcode: false });
    expect(detectEncoding(cut, true)).toMatchObject({ encoding: 'windows-1252', transcode: true });
  });

  it('tells Windows-1252 from UTF-8 with stray bytes', () => {
    // "café €5" in Windows-1252: é = E9, € = 80
    expect(detectEncoding(bytes(0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35), true)).toMatchObject({
      encoding: 'windows-1252',
      transcode: true,
      strayBytes: false,
    });
    const mixed = new Uint8Array([...utf8('café '), 0xff, 0x0a]);
    expect(detectEncoding(mixed, true)).toMatchObject({
      encoding: 'utf-8',
      transcode: true,
      strayBytes: true,
    });
  });

  it('spots UTF-16 without a BOM by its NUL bytes', () => {
    expect(detectEncoding(new Uint8Array(Buffer.from('id,name\n1,x\n', 'utf16le')), true).encoding).toBe(
      'utf-16le',
    );
  });
});

describe('helpers', () => {
  it('trimIncompleteUtf8 drops only a cut-off sequence', () => {
    expect(trimIncompleteUtf8(bytes(0x61, 0xe2, 0x82))).toEqual(bytes(0x61));
    expect(trimIncompleteUtf8(utf8('a€'))).toEqual(utf8('a€'));
  });

  it('utf8Stats counts valid multi-byte sequences and invalid bytes', () => {
    expect(utf8Stats(new Uint8Array([...utf8('é€'), 0x80, 0xff]))).toEqual({ multibyte: 2, invalid: 2 });
  });

  it('canonicalEncoding accepts WHATWG labels', () => {
    expect(canonicalEncoding('latin1')).toEqual({ ok: true, value: 'windows-1252' });
    expect(canonicalEncoding('UTF8')).toEqual({ ok: true, value: 'utf-8' });
    expect(canonicalEncoding('klingon')).toEqual({
      ok: false,
      error: '"klingon" is not an encoding Sightline knows',
    });
  });
});
