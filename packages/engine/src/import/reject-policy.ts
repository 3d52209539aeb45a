import { SightlineError } from '../errors.js';
import type { RejectedRow } from './types.js';

/** The most rows that may be rejected: the user's `maxRejects`, else 10% of the data rows read, rounded down. */
export function allowedRejects(dataRowsRead: number, maxRejects: number | undefined): number {
  return maxRejects ?? Math.floor(dataRowsRead * 0.1);
}

const fmt = (n: number) => n.toLocaleString('en-US');

function lineList(first: RejectedRow[], multiFile: boolean): string {
  return first.map((r) => (multiFile ? `${r.file}:${r.line}` : String(r.line))).join(', ');
}

/**
 * Decides whether an import with `rejected` bad rows may go on; returns the error to throw when it may not
 * (`strict` and any bad row, or more than `allowed`). `first` are the first bad rows, in file order.
 */
export function rejectPolicyError(args: {
  source: string;
  rejected: number;
  dataRowsRead: number;
  allowed: number;
  strict: boolean;
  first: RejectedRow[];
  cause: string;
  /** What is counted: rows of a table file (default) or lines of a log. */
  unit?: 'row' | 'line';
}): SightlineError | null {
  const { source, rejected, dataRowsRead, allowed, strict, first, cause } = args;
  const unit = args.unit ?? 'row';
  if (rejected === 0) return null;
  const multiFile = new Set(first.map((r) => r.file)).size > 1;
  const head = first[0]!;
  if (strict)
    return new SightlineError(
      `Import of "${source}" stopped at line ${head.line}${multiFile ? ` of "${head.file}"` : ''} because strict mode is on: ${head.reason}. Nothing was imported.`,
      {
        hints: [
          cause,
          'Fix that line, or import without --strict to keep going and list such rows as rejected.',
        ],
      },
    );
  if (rejected <= allowed) return null;
  const verb = rejected === 1 ? "doesn't" : "don't";
  return new SightlineError(
    `Import of "${source}" stopped: ${fmt(rejected)} of ${fmt(dataRowsRead)} ${dataRowsRead === 1 ? unit : `${unit}s`} ${verb} fit, more than the ${fmt(allowed)} allowed (first bad lines: ${lineList(first, multiFile)}). Nothing was imported.`,
    {
      hints: [
        cause,
        `Line ${head.line}${multiFile ? ` of "${head.file}"` : ''}: ${head.reason}.`,
        `Fix the file, or allow more with --max-rejects ${rejected}.`,
      ],
    },
  );
}
