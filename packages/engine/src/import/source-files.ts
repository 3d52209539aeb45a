import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { SightlineError } from '../errors.js';

/** Extensions Sightline reads, by format. */
export const DATA_EXTENSIONS: Record<string, 'csv' | 'tsv' | 'json' | 'ndjson' | 'parquet' | 'xlsx' | 'log'> =
  {
    '.csv': 'csv',
    '.txt': 'csv',
    '.tsv': 'tsv',
    '.tab': 'tsv',
    '.json': 'json',
    '.ndjson': 'ndjson',
    '.jsonl': 'ndjson',
    '.parquet': 'parquet',
    '.pq': 'parquet',
    '.xlsx': 'xlsx',
    '.log': 'log',
    // Compressed logs (`access.log.2.gz`, CloudTrail's `.json.gz`); the content decides.
    '.gz': 'log',
  };

/** One path argument resolved to the files it names. */
export interface SourceGroup {
  /** The path as the user wrote it. */
  spec: string;
  files: string[];
  /** True for a folder or a glob: the table gets a `source_file` column. */
  many: boolean;
}

/** Converts one glob segment (`*`, `?`, `[abc]`) to a RegExp; `null` when the segment has no wildcard. */
export function globSegmentRegex(segment: string): RegExp | null {
  if (!/[*?[]/.test(segment)) return null;
  let re = '';
  for (const ch of segment) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[' || ch === ']') re += ch;
    else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Expands a glob with `*`, `?`, `[...]` and `**` (any depth) into the sorted list of matching files. */
export function expandGlob(pattern: string): string[] {
  const abs = resolve(pattern);
  const parts = abs.split(sep);
  const firstWild = parts.findIndex((p) => globSegmentRegex(p) !== null || p === '**');
  const root = parts.slice(0, firstWild).join(sep) || sep;
  const rest = parts.slice(firstWild);
  const out: string[] = [];
  const walk = (dir: string, segs: string[]) => {
    const [seg, ...tail] = segs;
    if (seg === undefined) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (seg === '**') {
      walk(dir, tail);
      for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name), segs);
      return;
    }
    const re = globSegmentRegex(seg);
    for (const e of entries) {
      if (re ? !re.test(e.name) : e.name !== seg) continue;
      const full = join(dir, e.name);
      if (tail.length === 0) {
        if (e.isFile()) out.push(full);
      } else if (e.isDirectory()) walk(full, tail);
    }
  };
  walk(root, rest);
  return [...new Set(out)].sort();
}

/** Resolves each path argument (file, folder or glob) to its data files, with plain-sentence errors. */
export function resolveSources(paths: string[]): SourceGroup[] {
  if (paths.length === 0)
    throw new SightlineError('No file to import was given.', {
      kind: 'usage',
      hints: ['Name a file, a folder or a glob, e.g. sightline import data/*.csv'],
    });
  return paths.map((spec) => {
    if (globSegmentRegex(basename(spec)) !== null || /[*?[]/.test(dirname(spec))) {
      const files = expandGlob(spec).filter((f) => DATA_EXTENSIONS[extname(f).toLowerCase()] !== undefined);
      if (files.length === 0)
        throw new SightlineError(`No data files match "${spec}".`, {
          hints: [`Check the pattern; Sightline reads ${extensionList()} files.`],
        });
      return { spec, files, many: true };
    }
    let stat: import('node:fs').Stats;
    try {
      stat = statSync(spec);
    } catch {
      throw new SightlineError(`File "${spec}" doesn't exist.`, {
        hints: [`Check the spelling and the folder; paths are relative to ${process.cwd()}.`],
      });
    }
    if (stat.isDirectory()) {
      const files = readdirSync(spec, { withFileTypes: true })
        .filter(
          (e) => e.isFile() && !e.name.startsWith('.') && DATA_EXTENSIONS[extname(e.name).toLowerCase()],
        )
        .map((e) => join(spec, e.name))
        .sort();
      if (files.length === 0)
        throw new SightlineError(`The folder "${spec}" has no data files.`, {
          hints: [
            `Sightline reads ${extensionList()} files; put some in the folder or name a file directly.`,
          ],
        });
      return { spec, files, many: true };
    }
    return { spec, files: [spec], many: false };
  });
}

/** The path to show a person: relative to the working folder when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || rel === '' ? path : rel;
}

function extensionList(): string {
  return Object.keys(DATA_EXTENSIONS).join(', ');
}
