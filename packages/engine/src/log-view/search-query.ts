/** One term of a search: free text, or a condition on a field (`status:5*`, `request_time:>1.5`). */
export type SearchTerm =
  | { kind: 'text'; text: string; negated: boolean }
  | { kind: 'field'; field: string; op: '=' | '>' | '>=' | '<' | '<='; value: string; negated: boolean };

const TOKEN = /(-?)(?:([A-Za-z_@][\w.@-]*):(>=|<=|>|<)?(?:"([^"]*)"|(\S*))|"([^"]*)"|(\S+))/g;

/**
 * Splits a search into terms: `"quoted phrases"`, `field:value` (with `*` wildcards, `field:"a b"`, `field:>500`),
 * and `-term` to exclude. A `name:` whose name is not in `fields` stays free text (so `error: timeout` searches text).
 */
export function parseSearch(search: string, fields: string[]): SearchTerm[] {
  const byLower = new Map(fields.map((f) => [f.toLowerCase(), f]));
  const terms: SearchTerm[] = [];
  for (const m of search.matchAll(TOKEN)) {
    const negated = m[1] === '-';
    const [whole, , name, op, quotedValue, plainValue, phrase, word] = m;
    if (name !== undefined) {
      const field = byLower.get(name.toLowerCase());
      const value = quotedValue ?? plainValue ?? '';
      if (field !== undefined && value !== '') {
        terms.push({
          kind: 'field',
          field,
          op: (op as '>' | '>=' | '<' | '<=' | undefined) ?? '=',
          value,
          negated,
        });
        continue;
      }
      const text = whole.slice(negated ? 1 : 0).replaceAll('"', '');
      if (text !== '') terms.push({ kind: 'text', text, negated });
      continue;
    }
    const text = phrase ?? word ?? '';
    if (text !== '' && text !== '-') terms.push({ kind: 'text', text, negated });
  }
  return terms;
}
