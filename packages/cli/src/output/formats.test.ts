import type { JsonRow } from '@sightline/engine';
import { expect, test } from 'vitest';
import { cellText, csvLine, type OutputFormat, resolveFormat, streamingWriter } from './formats.js';

const columns = [
  { name: 'id', type: 'BIGINT' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'tags', type: 'VARCHAR[]' },
];
const rows: JsonRow[] = [
  { id: 1, name: 'O\'Brien, "Pat"', tags: ['a', 'b'] },
  { id: '9007199254740993', name: null, tags: [] },
];

function render(format: Exclude<OutputFormat, 'table'>, batches = [rows]): string {
  let out = '';
  const w = streamingWriter(format, (s) => {
    out += s;
  });
  w.begin(columns);
  for (const b of batches) w.rows(b);
  w.end();
  return out;
}

test('default format: table on a terminal, ndjson in a pipe', () => {
  expect(resolveFormat(undefined, true)).toBe('table');
  expect(resolveFormat(undefined, false)).toBe('ndjson');
  expect(resolveFormat('csv', true)).toBe('csv');
});

test('csv quotes per RFC 4180 and writes NULL as an empty field', () => {
  expect(render('csv')).toBe('id,name,tags\n1,"O\'Brien, ""Pat""","[""a"",""b""]"\n9007199254740993,,[]\n');
  expect(csvLine(['a\nb', ' x'])).toBe('"a\nb"," x"');
});

test('json is ONE value: an array of row objects, also when empty or batched', () => {
  expect(JSON.parse(render('json'))).toEqual(rows);
  expect(JSON.parse(render('json', [[rows[0]!], [rows[1]!]]))).toEqual(rows);
  expect(JSON.parse(render('json', []))).toEqual([]);
});

test('ndjson is one object per line', () => {
  expect(render('ndjson').split('\n')).toEqual([JSON.stringify(rows[0]), JSON.stringify(rows[1]), '']);
});

test('markdown escapes pipes and right-aligns numbers', () => {
  const out = render('markdown', [[{ id: 2, name: 'a|b', tags: null }]]);
  expect(out).toBe('| id | name | tags |\n| ---: | --- | --- |\n| 2 | a\\|b |  |\n');
});

test('cell text of nested values is JSON', () => {
  expect(cellText({ a: [1, null] })).toBe('{"a":[1,null]}');
  expect(cellText(false)).toBe('false');
});
