import { type BuilderQuery, parseBuilderQuery } from '@sightline/spec';
import type { ApiClient } from '../api/client.js';

/** A saved question as the server keeps it in the workspace (GET /api/builder/saved). */
interface SavedEntry {
  name: string;
  query: unknown;
  savedAt: string;
}

/** The workspace's saved questions (builder queries) by name; entries that no longer validate are left out. */
export async function loadSaved(api: ApiClient): Promise<Record<string, BuilderQuery>> {
  const { saved } = await api.request<{ saved: SavedEntry[] }>('GET', '/builder/saved');
  const out: Record<string, BuilderQuery> = {};
  for (const s of saved) {
    const parsed = parseBuilderQuery(s.query);
    if (parsed.ok) out[s.name] = parsed.value;
  }
  return out;
}

/** A name a saved question may have (the server's rule, checked before asking it), or why not. */
export function checkName(name: string): string | null {
  if (/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,49}$/u.test(name)) return null;
  return 'A name starts with a letter or digit and uses letters, digits, spaces, _ . - (up to 50).';
}

/** Saves `query` under `name` in the workspace (replacing one of that name). */
export async function saveQuery(api: ApiClient, name: string, query: BuilderQuery): Promise<void> {
  await api.request('PUT', `/builder/saved/${encodeURIComponent(name)}`, { query });
}
