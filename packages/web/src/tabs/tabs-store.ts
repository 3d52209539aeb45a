/** One editor tab, kept across reloads. */
export interface EditorTab {
  id: string;
  title: string;
  sql: string;
  /** The live connection this tab's SQL runs on (absent: the workspace). */
  on?: string;
}

/** The open tabs and which one is shown. */
export interface TabsState {
  tabs: EditorTab[];
  active: string;
}

/** One run of a query, for the history list. */
export interface HistoryEntry {
  sql: string;
  at: string;
  ok: boolean;
  /** How the run ended (older entries only have `ok`). */
  state?: 'done' | 'error' | 'cancelled';
  rowCount: number | null;
  elapsedMs: number;
}

/** The part of `localStorage` this module needs (so tests can pass their own). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const TABS_KEY = 'sightline.tabs.v1';
const HISTORY_KEY = 'sightline.history.v1';
const HISTORY_MAX = 100;

/** A fresh tab with a readable title ("Query 3"). */
export function newTab(existing: EditorTab[], sql = '', title?: string, on?: string): EditorTab {
  let n = existing.length + 1;
  while (existing.some((t) => t.title === `Query ${n}`)) n++;
  return {
    id: `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`,
    title: title ?? `Query ${n}`,
    sql,
    ...(on === undefined ? {} : { on }),
  };
}

/** The saved tabs, or one empty tab when nothing (valid) is saved. */
export function loadTabs(store: KeyValueStore): TabsState {
  try {
    const raw = store.getItem(TABS_KEY);
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<TabsState>;
      const tabs = Array.isArray(parsed.tabs)
        ? parsed.tabs.filter(
            (t): t is EditorTab =>
              typeof t?.id === 'string' &&
              typeof t.title === 'string' &&
              typeof t.sql === 'string' &&
              (t.on === undefined || typeof t.on === 'string'),
          )
        : [];
      if (tabs.length > 0) {
        const active = tabs.some((t) => t.id === parsed.active) ? (parsed.active as string) : tabs[0]!.id;
        return { tabs, active };
      }
    }
  } catch {
    // A damaged entry is replaced by a fresh tab below.
  }
  const tab = newTab([]);
  return { tabs: [tab], active: tab.id };
}

/** Saves the tabs. */
export function saveTabs(store: KeyValueStore, state: TabsState): void {
  store.setItem(TABS_KEY, JSON.stringify(state));
}

/** Closes a tab; the neighbour becomes active; the last tab is replaced by an empty one. */
export function closeTab(state: TabsState, id: string): TabsState {
  const i = state.tabs.findIndex((t) => t.id === id);
  if (i < 0) return state;
  const tabs = state.tabs.filter((t) => t.id !== id);
  if (tabs.length === 0) {
    const tab = newTab([]);
    return { tabs: [tab], active: tab.id };
  }
  const active = state.active === id ? tabs[Math.min(i, tabs.length - 1)]!.id : state.active;
  return { tabs, active };
}

/** The saved history, newest first. */
export function loadHistory(store: KeyValueStore): HistoryEntry[] {
  try {
    const parsed = JSON.parse(store.getItem(HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as HistoryEntry[]).filter((h) => typeof h?.sql === 'string') : [];
  } catch {
    return [];
  }
}

/** Adds a run to the history (newest first, an identical SQL moves up, at most 100 kept) and saves it. */
export function addHistory(
  store: KeyValueStore,
  history: HistoryEntry[],
  entry: HistoryEntry,
): HistoryEntry[] {
  const next = [entry, ...history.filter((h) => h.sql !== entry.sql)].slice(0, HISTORY_MAX);
  store.setItem(HISTORY_KEY, JSON.stringify(next));
  return next;
}
