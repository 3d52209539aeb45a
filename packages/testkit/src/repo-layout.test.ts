import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const packageDirs = [...readdirSync(join(root, 'packages')).map((d) => join('packages', d)), 'bench'];

function readJson(path: string): Record<string, unknown> {
  const text = readFileSync(path, 'utf8').replace(/^\s*\/\/.*$/gm, '');
  return JSON.parse(text) as Record<string, unknown>;
}

test.each(packageDirs)(
  '%s: TypeScript project references are exactly its declared @sightline dependencies',
  (dir) => {
    const pkg = readJson(join(root, dir, 'package.json'));
    const declared = Object.keys({
      ...(pkg.dependencies as Record<string, string>),
      ...(pkg.devDependencies as Record<string, string>),
    })
      .filter((name) => name.startsWith('@sightline/'))
      .map((name) => name.slice('@sightline/'.length))
      .sort();
    const tsconfig = readJson(join(root, dir, 'tsconfig.json'));
    const refs = ((tsconfig.references as { path: string }[] | undefined) ?? [])
      .map((r) => resolve(root, dir, r.path))
      .map((p) => readJson(join(p, 'package.json')).name as string)
      .map((name) => name.slice('@sightline/'.length))
      .sort();
    expect(refs).toEqual(declared);
  },
);

test('dependencies flow one way: sql <- spec <- engine <- cli (architecture.md)', () => {
  const order = ['sql', 'spec', 'engine', 'server', 'cli'];
  for (const name of order) {
    let pkg: Record<string, unknown>;
    try {
      pkg = readJson(join(root, 'packages', name, 'package.json'));
    } catch {
      continue;
    }
    const deps = Object.keys((pkg.dependencies as Record<string, string>) ?? {})
      .filter((d) => d.startsWith('@sightline/'))
      .map((d) => d.slice('@sightline/'.length));
    for (const dep of deps)
      expect(order.indexOf(dep), `${name} depends on ${dep}`).toBeLessThan(order.indexOf(name));
  }
});
