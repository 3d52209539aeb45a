/** The placeholders masking puts in place of variable parts of a line. */
export const PLACEHOLDERS = ['<STR>', '<UUID>', '<TS>', '<IP>', '<HEX>', '<NUM>'] as const;

// Order matters: a UUID or timestamp holds numbers, an IP holds dots, so the wider shapes go first.
const MASKS: [RegExp, string][] = [
  [/"[^"\n]*"|(?<![\w'])'[^'\n]*'(?![\w'])/g, '<STR>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<UUID>'],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<TS>'],
  [/(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?![\w.])/g, '<IP>'],
  [/\b0x[0-9a-f]+\b|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<HEX>'],
  [/(?<![A-Za-z0-9_<])\d+(?:\.\d+)?/g, '<NUM>'],
];

/** `line` with quoted strings, UUIDs, timestamps, IPs, hex ids and numbers replaced by `<STR>`, `<UUID>`... */
export function maskLine(line: string): string {
  let out = line;
  for (const [re, placeholder] of MASKS) out = out.replace(re, placeholder);
  return out;
}

/** The tokens Drain clusters on: the masked line split at whitespace. */
export function tokenize(line: string): string[] {
  const masked = maskLine(line).trim();
  return masked === '' ? [] : masked.split(/\s+/);
}
