/** What one `npm run bench` invocation should do. */
export interface BenchArgs {
  /** Event table sizes, in rows. */
  sizes: number[];
  runs: number;
  pandas: boolean;
  /** Only these tasks (all when empty). */
  only: string[];
  resultsPath: string;
  /** Run the browser benchmarks (`--no-ui` skips them; `--only ui` runs only them). */
  ui: boolean;
  /** Include the 700 MB browser upload in the browser benchmarks (`--no-upload` skips it). */
  upload: boolean;
}

/** Parses `--quick`, `--runs N`, `--sizes 1000000,10000000`, `--only a,b`, `--no-pandas`, `--no-ui`, `--no-upload`, `--out FILE`. */
export function parseArgs(
  argv: readonly string[],
  defaults: { resultsPath: string },
): { ok: true; value: BenchArgs } | { ok: false; error: string } {
  const value: BenchArgs = {
    sizes: [1_000_000, 10_000_000],
    runs: 3,
    pandas: true,
    only: [],
    resultsPath: defaults.resultsPath,
    ui: true,
    upload: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => argv[++i];
    if (arg === '--quick') value.sizes = [1_000_000];
    else if (arg === '--no-pandas') value.pandas = false;
    else if (arg === '--no-ui') value.ui = false;
    else if (arg === '--no-upload') value.upload = false;
    else if (arg === '--runs') {
      const n = Number(next());
      if (!Number.isInteger(n) || n < 1)
        return { ok: false, error: '--runs needs a whole number of at least 1' };
      value.runs = n;
    } else if (arg === '--sizes') {
      const sizes = (next() ?? '').split(',').map(Number);
      if (sizes.length === 0 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
        return { ok: false, error: '--sizes needs comma-separated row counts, e.g. 1000000,10000000' };
      }
      value.sizes = sizes;
    } else if (arg === '--only') value.only = (next() ?? '').split(',').filter(Boolean);
    else if (arg === '--out') {
      const out = next();
      if (!out) return { ok: false, error: '--out needs a file path' };
      value.resultsPath = out;
    } else return { ok: false, error: `unknown option ${arg}` };
  }
  return { ok: true, value };
}

/** A row count for people: `1M`, `10M`, `200k`, `1k`, `1500`. */
export function sizeLabel(rows: number): string {
  if (rows >= 1_000_000 && rows % 1_000_000 === 0) return `${rows / 1_000_000}M`;
  if (rows >= 1000 && rows % 1000 === 0) return `${rows / 1000}k`;
  return String(rows);
}
