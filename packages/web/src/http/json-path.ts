/** One node of a JSON value as the tree shows it. */
export interface JsonNode {
  path: string;
  key: string | number | null;
  value: unknown;
  depth: number;
  /** Objects and arrays (even empty ones) can open. */
  container: boolean;
  /** For a container: how many children it has. */
  size: number;
  /** Set on the "show more" row of a long container. */
  more?: { parent: string; shown: number; total: number };
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The path of a child: `$.data[0].name`, with `["odd key"]` for keys that are not plain names. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return PLAIN_KEY.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

function entries(value: unknown): [string | number, unknown][] {
  if (Array.isArray(value)) return value.map((v, i) => [i, v]);
  if (value !== null && typeof value === 'object') return Object.entries(value);
  return [];
}

function isContainer(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

/**
 * The rows shown for `value` with the `open` containers expanded, in document order. A container shows at most
 * `limits[path]` (default `pageSize`) children, then a "more" row.
 */
export function visibleNodes(
  value: unknown,
  open: ReadonlySet<string>,
  limits: Readonly<Record<string, number>> = {},
  pageSize = 100,
): JsonNode[] {
  const out: JsonNode[] = [];
  const walk = (v: unknown, path: string, key: string | number | null, depth: number) => {
    const kids = entries(v);
    out.push({ path, key, value: v, depth, container: isContainer(v), size: kids.length });
    if (!isContainer(v) || !open.has(path)) return;
    const shown = Math.min(kids.length, limits[path] ?? pageSize);
    for (const [k, child] of kids.slice(0, shown)) walk(child, childPath(path, k), k, depth + 1);
    if (shown < kids.length)
      out.push({
        path: `${path}#more`,
        key: null,
        value: null,
        depth: depth + 1,
        container: false,
        size: 0,
        more: { parent: path, shown, total: kids.length },
      });
  };
  walk(value, '$', null, 0);
  return out;
}

/** The paths opened at first: the root and its children, so a typical `{data: [...]}` shows its items. */
export function initiallyOpen(value: unknown): Set<string> {
  const open = new Set<string>(['$']);
  for (const [k, v] of entries(value)) if (isContainer(v)) open.add(childPath('$', k));
  return open;
}

/** The path of the node's parent (`$` has none). */
export function parentPath(path: string): string | null {
  if (path === '$') return null;
  const m = /^(.*?)(\.[A-Za-z_$][A-Za-z0-9_$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/.exec(path);
  return m ? (m[1] ?? null) : null;
}

/** A one-line preview of a value (strings quoted, containers summarised). */
export function preview(value: unknown): string {
  if (Array.isArray(value))
    return value.length === 1 ? '[1 item]' : `[${value.length.toLocaleString('en-US')} items]`;
  if (value !== null && typeof value === 'object') {
    const n = Object.keys(value).length;
    return n === 1 ? '{1 key}' : `{${n.toLocaleString('en-US')} keys}`;
  }
  return JSON.stringify(value) ?? String(value);
}
