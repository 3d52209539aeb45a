import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuilderQuery } from '@sightline/spec';
import { tempDir } from '@sightline/testkit';
import { afterEach, expect, test } from 'vitest';
import { SavedBuilderQueries } from './saved.js';

const dirs: { cleanup(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup();
});
function store() {
  const dir = tempDir();
  dirs.push(dir);
  return new SavedBuilderQueries(dir.path);
}
const query: BuilderQuery = {
  version: 1,
  source: { kind: 'table', name: 'orders' },
  steps: [{ type: 'limit', n: 3 }],
};

test('save, list, read, replace and delete', () => {
  const saved = store();
  expect(saved.list()).toEqual([]);
  saved.put('Top orders', query, new Date('2026-03-04T10:00:00Z'));
  saved.put('a first', { ...query, steps: [] }, new Date('2026-03-04T11:00:00Z'));
  expect(saved.list().map((s) => s.name)).toEqual(['Top orders', 'a first']);
  expect(saved.get('Top orders')).toEqual({
    version: 1,
    name: 'Top orders',
    query,
    savedAt: '2026-03-04T10:00:00.000Z',
  });
  saved.put('Top orders', { ...query, steps: [{ type: 'limit', n: 9 }] });
  expect(saved.get('Top orders').query.steps).toEqual([{ type: 'limit', n: 9 }]);
  expect(saved.delete('Top orders')).toBe(true);
  expect(saved.delete('Top orders')).toBe(false);
  expect(saved.find('Top orders')).toBeUndefined();
  expect(() => saved.get('Top orders')).toThrow('There is no saved query named "Top orders".');
});

test('names that could escape the folder are refused', () => {
  const saved = store();
  expect(() => saved.put('../x', query)).toThrow('"../x" can\'t be the name of a saved query.');
  expect(() => saved.find('.hidden')).toThrow("can't be the name of a saved query");
});

test('a file edited by hand is validated when read, and left out of the list', () => {
  const saved = store();
  saved.put('ok', query);
  writeFileSync(
    join(saved.dir, 'broken.json'),
    JSON.stringify({ version: 1, query: { version: 1, source: { kind: 'table' } } }),
  );
  writeFileSync(join(saved.dir, 'future.json'), JSON.stringify({ version: 2, query }));
  expect(saved.list().map((s) => s.name)).toEqual(['ok']);
  expect(() => saved.get('broken')).toThrow(
    'The saved query "broken" no longer reads: The builder query is not valid: source, name: is missing.',
  );
  expect(() => saved.get('future')).toThrow('has an unknown version');
});
