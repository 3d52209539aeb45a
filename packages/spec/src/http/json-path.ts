import type { Parsed } from '../metrics/duration.js';

/** One step of a path into a JSON document: an object key or an array index. */
export type JsonPathStep = string | number;

/** Writes a path as `$`, `$.data.items`, `$.rows[0]` or `$["odd key"]`. */
export function formatJsonPath(steps: readonly JsonPathStep[]): string {
  return (
    '$' +
    steps
      .map((s) =>
        typeof s === 'number'
          ? `[${s}]`
          : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s)
            ? `.${s}`
            : `[${JSON.stringify(s)}]`,
      )
      .join('')
  );
}

/** Reads a path written by `formatJsonPath` (a leading `$` is optional: `data.items` works too). */
export function parseJsonPath(path: string): Parsed<JsonPathStep[]> {
  const text = path.trim();
  const steps: JsonPathStep[] = [];
  let i = text.startsWith('$') ? 1 : 0;
  if (i === 0 && text !== '' && !text.startsWith('.') && !text.startsWith('[')) {
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text);
    if (!m) return { ok: false, error: `The path ${path} should look like $.data.items.` };
    steps.push(m[0]);
    i = m[0].length;
  }
  while (i < text.length) {
    const rest = text.slice(i);
    const dot = /^\.([A-Za-z_$][A-Za-z0-9_$-]*)/.exec(rest);
    const index = /^\[(\d+)\]/.exec(rest);
    const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest);
    if (dot) {
      steps.push(dot[1]!);
      i += dot[0].length;
    } else if (index) {
      steps.push(Number(index[1]));
      i += index[0].length;
    } else if (quoted) {
      steps.push(JSON.parse(quoted[1]!) as string);
      i += quoted[0].length;
    } else {
      return { ok: false, error: `The path ${path} can't be read at "${rest}"; write it like $.data.items.` };
    }
  }
  return { ok: true, value: steps };
}

/** The value at a path, or undefined when the document has nothing there. */
export function getJsonPath(json: unknown, path: string | readonly JsonPathStep[]): unknown {
  const steps = typeof path === 'string' ? parseJsonPath(path) : { ok: true as const, value: path };
  if (!steps.ok) return undefined;
  let cur: unknown = json;
  for (const s of steps.value) {
    if (typeof s === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[s];
    } else {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
      cur = (cur as Record<string, unknown>)[s];
    }
  }
  return cur;
}
