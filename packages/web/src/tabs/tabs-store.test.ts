import { describe, expect, it } from 'vitest';
import {
  addHistory,
  closeTab,
  type KeyValueStore,
  loadHistory,
  loadTabs,
  newTab,
  saveTabs,
} from './tabs-store.js';

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('tabs store', () => {
  it('starts with one empty tab and keeps tabs across a reload', () => {
    const store = memory();
    const first = loadTabs(store);
    expect(first.tabs).toHaveLength(1);
    expect(first.tabs[0]).toMatchObject({ title: 'Query 1', sql: '' });
    const second = newTab(first.tabs, 'SELECT 2');
    saveTabs(store, { tabs: [...first.tabs, second], active: second.id });
    const reloaded = loadTabs(store);
    expect(reloaded.tabs.map((t) => [t.title, t.sql])).toEqual([
      ['Query 1', ''],
      ['Query 2', 'SELECT 2'],
    ]);
    expect(reloaded.active).toBe(second.id);
  });

  it('replaces damaged saved state with a fresh tab', () => {
    const store = memory();
    store.setItem('sightline.tabs.v1', '{not json');
    expect(loadTabs(store).tabs).toHaveLength(1);
  });

  it('activates the neighbour when the active tab closes', () => {
    const a = newTab([]);
    const b = newTab([a]);
    const c = newTab([a, b]);
    expect(closeTab({ tabs: [a, b, c], active: b.id }, b.id)).toEqual({ tabs: [a, c], active: c.id });
    const last = closeTab({ tabs: [a], active: a.id }, a.id);
    expect(last.tabs).toHaveLength(1);
    expect(last.tabs[0]!.id).not.toBe(a.id);
  });

  it('keeps history newest first, moves a repeated query up, and saves it', () => {
    const store = memory();
    let h = loadHistory(store);
    const entry = (sql: string) => ({ sql, at: '2026-01-01T00:00:00Z', ok: true, rowCount: 1, elapsedMs: 3 });
    h = addHistory(store, h, entry('SELECT 1'));
    h = addHistory(store, h, entry('SELECT 2'));
    h = addHistory(store, h, entry('SELECT 1'));
    expect(h.map((e) => e.sql)).toEqual(['SELECT 1', 'SELECT 2']);
    expect(loadHistory(store).map((e) => e.sql)).toEqual(['SELECT 1', 'SELECT 2']);
  });
});
