import { describe, expect, it } from 'vitest';
import { childPath, initiallyOpen, parentPath, preview, visibleNodes } from './json-path.js';

describe('JSON paths and the rows of the tree', () => {
  it('names paths with dots for plain keys and brackets otherwise, and finds parents back', () => {
    const p = childPath(childPath(childPath('$', 'data'), 0), 'first name');
    expect(p).toBe('$.data[0]["first name"]');
    expect(parentPath(p)).toBe('$.data[0]');
    expect(parentPath('$.data[0]')).toBe('$.data');
    expect(parentPath('$.data')).toBe('$');
    expect(parentPath('$')).toBeNull();
    expect(parentPath(childPath('$', 'a"]b'))).toBe('$');
  });

  it('shows opened containers only, in document order, with a "more" row past the page size', () => {
    const value = { data: [{ id: 1 }, { id: 2 }, { id: 3 }], next: null };
    const open = initiallyOpen(value);
    expect([...open]).toEqual(['$', '$.data']);
    const rows = visibleNodes(value, open, {}, 2);
    expect(rows.map((r) => [r.path, r.depth, r.size])).toEqual([
      ['$', 0, 2],
      ['$.data', 1, 3],
      ['$.data[0]', 2, 1],
      ['$.data[1]', 2, 1],
      ['$.data#more', 2, 0],
      ['$.next', 1, 0],
    ]);
    expect(rows[4]?.more).toEqual({ parent: '$.data', shown: 2, total: 3 });
    expect(visibleNodes(value, open, { '$.data': 4 }, 2).map((r) => r.path)).toContain('$.data[2]');
  });

  it('previews values in one line', () => {
    expect([
      preview([1]),
      preview([1, 2]),
      preview({ a: 1 }),
      preview({}),
      preview('x'),
      preview(null),
    ]).toEqual(['[1 item]', '[2 items]', '{1 key}', '{0 keys}', '"x"', 'null']);
  });
});
