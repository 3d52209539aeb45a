import type { ArraySuggestion } from './exchange.js';
import { formatJsonPath, type JsonPathStep } from './json-path.js';

const MAX_DEPTH = 6;
const SAMPLE = 200;

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function columnsOf(items: unknown[]): string[] {
  const cols: string[] = [];
  let scalars = false;
  for (const item of items.slice(0, SAMPLE)) {
    if (isObject(item)) {
      for (const k of Object.keys(item)) if (!cols.includes(k)) cols.push(k);
    } else scalars = true;
  }
  if (scalars && !cols.includes('value')) cols.push('value');
  return cols;
}

/**
 * The arrays of a JSON document that could become a table, best first: arrays of objects before arrays of
 * scalars, then the longest, then the shallowest. `$` is the document itself.
 */
export function suggestArrays(json: unknown): ArraySuggestion[] {
  const found: (ArraySuggestion & { depth: number; objects: number })[] = [];
  const walk = (node: unknown, steps: JsonPathStep[]) => {
    if (steps.length > MAX_DEPTH) return;
    if (Array.isArray(node)) {
      const objects = node.slice(0, SAMPLE).filter(isObject).length;
      found.push({
        path: formatJsonPath(steps),
        length: node.length,
        columns: columnsOf(node),
        depth: steps.length,
        objects,
      });
      return;
    }
    if (isObject(node)) for (const [k, v] of Object.entries(node)) walk(v, [...steps, k]);
  };
  walk(json, []);
  const rank = (s: (typeof found)[number]) => (s.length === 0 ? 2 : s.objects > 0 ? 0 : 1);
  return found
    .sort((a, b) => rank(a) - rank(b) || b.length - a.length || a.depth - b.depth)
    .map(({ path, length, columns }) => ({ path, length, columns }));
}
