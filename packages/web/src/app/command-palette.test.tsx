// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { render } from '../test-support/render.js';
import { type Command, CommandPalette, filterCommands } from './command-palette.js';

function commands(log: string[]): Command[] {
  return [
    { id: 'run', label: 'Run the query', hint: 'Ctrl+Enter', run: () => log.push('run') },
    { id: 'theme', label: 'Switch to the dark theme', run: () => log.push('theme') },
    { id: 'open-events', label: 'Open table events', run: () => log.push('events') },
    { id: 'open-users', label: 'Open table users', run: () => log.push('users') },
  ];
}

describe('command palette', () => {
  it('matches every typed word anywhere in the label', () => {
    expect(filterCommands(commands([]), 'open us').map((c) => c.id)).toEqual(['open-users']);
    expect(filterCommands(commands([]), '  ').map((c) => c.id)).toHaveLength(4);
  });

  it('runs the highlighted command with Enter and closes', async () => {
    const log: string[] = [];
    let closed = 0;
    const r = await render(<CommandPalette commands={commands(log)} onClose={() => closed++} />);
    const input = r.container.querySelector('input') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setter?.call(input, 'table');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect([...r.container.querySelectorAll('[role=option]')].map((o) => o.textContent)).toEqual([
      'Open table events',
      'Open table users',
    ]);
    await act(async () => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    await act(async () => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(log).toEqual(['users']);
    expect(closed).toBe(1);
    await r.unmount();
  });
});
