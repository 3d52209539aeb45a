// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { click, render } from '../test-support/render.js';
import { JsonTree } from './json-tree.js';

function rows(container: HTMLElement) {
  return [...container.querySelectorAll('[role=treeitem]')].map((r) => r.getAttribute('data-path'));
}

async function key(el: Element, k: string) {
  await act(async () => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  });
}

describe('JsonTree', () => {
  const value = { data: [{ id: 1, tags: ['a'] }, { id: 2 }], 'next cursor': 'abc' };

  it('opens the root and its containers, and collapses and expands with the keyboard', async () => {
    const copied: string[] = [];
    const r = await render(<JsonTree value={value} onCopyPath={(p) => copied.push(p)} />);
    const tree = r.container.querySelector('[role=tree]') as HTMLElement;
    expect(rows(r.container)).toEqual(['$', '$.data', '$.data[0]', '$.data[1]', '$["next cursor"]']);
    const first = r.container.querySelector('[role=treeitem]') as HTMLElement;
    expect(first.tabIndex).toBe(0);
    expect(first.getAttribute('aria-expanded')).toBe('true');

    await key(tree, 'ArrowDown'); // $.data
    await key(tree, 'ArrowDown'); // $.data[0]
    expect(document.activeElement?.getAttribute('data-path')).toBe('$.data[0]');
    await key(tree, 'ArrowRight'); // opens $.data[0]
    expect(rows(r.container)).toEqual([
      '$',
      '$.data',
      '$.data[0]',
      '$.data[0].id',
      '$.data[0].tags',
      '$.data[1]',
      '$["next cursor"]',
    ]);
    await key(tree, 'ArrowRight'); // to its first child
    await key(tree, 'c');
    expect(copied).toEqual(['$.data[0].id']);
    await key(tree, 'ArrowLeft'); // to the parent
    await key(tree, 'ArrowLeft'); // closes it
    expect(rows(r.container)).toEqual(['$', '$.data', '$.data[0]', '$.data[1]', '$["next cursor"]']);
    await key(tree, 'End');
    expect(document.activeElement?.getAttribute('data-path')).toBe('$["next cursor"]');
    expect(document.activeElement?.textContent).toContain('"abc"');
    await key(tree, 'Home');
    await key(tree, 'Enter'); // closes the root
    expect(rows(r.container)).toEqual(['$']);
    expect(r.container.textContent).toContain('{2 keys}');
    await r.unmount();
  });

  it('copies a path with the row button and pages long arrays', async () => {
    const copied: string[] = [];
    const long = Array.from({ length: 250 }, (_, i) => i);
    const r = await render(<JsonTree value={long} onCopyPath={(p) => copied.push(p)} />);
    expect(rows(r.container)).toHaveLength(102);
    const more = r.container.querySelector('[data-path="$#more"]') as HTMLElement;
    expect(more.textContent).toBe('Show more (100 of 250 shown)');
    await click(more);
    expect(rows(r.container)).toHaveLength(202);
    const button = r.container.querySelector('[data-path="$[7]"] .json-copy') as HTMLElement;
    await click(button);
    expect(copied).toEqual(['$[7]']);
    await r.unmount();
  });
});
