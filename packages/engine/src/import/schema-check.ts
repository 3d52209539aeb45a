import { SightlineError } from '../errors.js';

/** The error for a file whose columns differ from the first file's. */
export function schemaMismatch(
  firstFile: string,
  file: string,
  expected: string[],
  actual: string[],
): SightlineError {
  const missing = expected.filter((c) => !actual.includes(c));
  const extra = actual.filter((c) => !expected.includes(c));
  const parts: string[] = [];
  if (missing.length) parts.push(`missing ${missing.map((c) => `"${c}"`).join(', ')}`);
  if (extra.length) parts.push(`extra ${extra.map((c) => `"${c}"`).join(', ')}`);
  if (parts.length === 0) parts.push('same columns in a different order');
  return new SightlineError(`"${file}" has different columns than "${firstFile}": ${parts.join('; ')}.`, {
    hints: ['Files imported into one table need the same columns; import that file on its own with --as.'],
  });
}
