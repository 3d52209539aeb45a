import { type BuilderQuery, parseBuilderQuery } from '@sightline/spec';

/** The storage key of saved questions (builder queries by name). */
export const SAVED_KEY = 'sightline.ask.saved';

/** Saved questions kept in `storage`, by name (entries that no longer validate are left out). */
export function loadSaved(storage: Storage): Record<string, BuilderQuery> {
  try {
    const raw = JSON.parse(storage.getItem(SAVED_KEY) ?? '{}') as Record<string, unknown>;
    const out: Record<string, BuilderQuery> = {};
    for (const [name, q] of Object.entries(raw)) {
      const parsed = parseBuilderQuery(q);
      if (parsed.ok) out[name] = parsed.value;
    }
    return out;
  } catch {
    return {};
  }
}

/** A name a saved question may have (the spec's rule for `{kind: 'query', id}`), or why not. */
export function checkName(name: string): string | null {
  if (/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,49}$/u.test(name)) return null;
  return 'A name starts with a letter or digit and uses letters, digits, spaces, _ . - (up to 50).';
}

/** Keeps `query` under `name` in `storage`; returns the new set. */
export function saveQuery(
  storage: Storage,
  saved: Record<string, BuilderQuery>,
  name: string,
  query: BuilderQuery,
): Record<string, BuilderQuery> {
  const next = { ...saved, [name]: query };
  storage.setItem(SAVED_KEY, JSON.stringify(next));
  return next;
}
