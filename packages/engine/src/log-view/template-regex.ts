import { WILDCARD } from './drain.js';

// What each placeholder stands for, in the syntax RE2 (DuckDB) and JavaScript share.
const PART: Record<string, string> = {
  '<STR>': `(?:"[^"]*"|'[^']*')`,
  '<UUID>': '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
  '<TS>': '\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?',
  '<IP>': '\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d{1,5})?',
  '<HEX>': '(?:0x)?[0-9a-fA-F]+',
  '<NUM>': '\\d+(?:\\.\\d+)?',
  [WILDCARD]: `(?:"[^"]*"|'[^']*'|\\S+)`,
};
const PLACEHOLDER = /(<STR>|<UUID>|<TS>|<IP>|<HEX>|<NUM>|<\*>)/;

const escapeRegex = (text: string) => text.replace(/[\\^$.|?*+()[\]{}/-]/g, (c) => `\\${c}`);

/**
 * A regular expression matching the whole of every line a template stands for (its placeholders as patterns,
 * whitespace between tokens as `\s+`), usable in DuckDB (`regexp_matches`) and JavaScript alike.
 */
export function templateRegex(template: string): string {
  const tokens = template
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  const body = tokens
    .map((token) =>
      token
        .split(PLACEHOLDER)
        .map((part, i) => (i % 2 === 1 ? PART[part]! : escapeRegex(part)))
        .join(''),
    )
    .join('\\s+');
  return `^\\s*${body}\\s*$`;
}
