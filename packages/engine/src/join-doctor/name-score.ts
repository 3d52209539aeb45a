/** Words of a column name: `customerId`, `customer_id`, `Customer ID` -> [customer, id]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ses')) return word.slice(0, -2);
  return word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

const GENERIC = new Set(['id', 'key', 'code', 'number', 'no']);
const KEY_WORDS = new Set([...GENERIC, 'uuid', 'email', 'sku']);

/** True when a column name reads like a key (`user_id`, `sku`, `email`...). */
export function looksLikeKey(name: string): boolean {
  const words = nameWords(name);
  return words.some((w) => KEY_WORDS.has(w));
}

/**
 * How alike two key column names are (0..1), knowing the tables they sit in: `user_id` = `user_id` (1),
 * `orders.customer_id` ~ `customers.id` (0.95), otherwise by edit distance of the joined words.
 */
export function nameScore(left: string, right: string, leftTable: string, rightTable: string): number {
  const lw = nameWords(left);
  const rw = nameWords(right);
  const l = lw.join('');
  const r = rw.join('');
  if (l === r) return 1;
  const owner = (words: string[], tableName: string) =>
    words.length === 1 && KEY_WORDS.has(words[0] as string)
      ? [...nameWords(tableName).map(singular), ...words].join('')
      : null;
  if (owner(rw, rightTable) === l || owner(lw, leftTable) === r) return 0.95;
  const longest = Math.max(l.length, r.length);
  const byEdit = longest === 0 ? 0 : 1 - editDistance(l, r) / longest;
  const shared = lw.filter((w) => rw.includes(w) && !GENERIC.has(w)).length;
  return Math.max(byEdit, shared > 0 ? 0.6 : 0);
}
