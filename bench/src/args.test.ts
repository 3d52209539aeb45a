import { describe, expect, it } from 'vitest';
import { parseArgs, sizeLabel } from './args.js';

const defaults = { resultsPath: '/r/latest.json' };

describe('parseArgs', () => {
  it('defaults to 1M and 10M rows, 3 runs, pandas on', () => {
    expect(parseArgs([], defaults)).toEqual({
      ok: true,
      value: {
        sizes: [1_000_000, 10_000_000],
        runs: 3,
        pandas: true,
        only: [],
        resultsPath: '/r/latest.json',
        ui: true,
        upload: true,
      },
    });
  });

  it('reads --quick, --runs, --only, --no-pandas, --no-ui, --no-upload and --out', () => {
    const parsed = parseArgs(
      ['--quick', '--runs', '5', '--only', 'import,join', '--no-pandas', '--no-upload', '--out', 'x.json'],
      defaults,
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        sizes: [1_000_000],
        runs: 5,
        pandas: false,
        only: ['import', 'join'],
        resultsPath: 'x.json',
        ui: true,
        upload: false,
      },
    });
    expect(parseArgs(['--no-ui'], defaults)).toMatchObject({ ok: true, value: { ui: false } });
  });

  it('refuses unknown options and bad numbers', () => {
    expect(parseArgs(['--fast'], defaults)).toEqual({ ok: false, error: 'unknown option --fast' });
    expect(parseArgs(['--runs', '0'], defaults).ok).toBe(false);
    expect(parseArgs(['--sizes', '10,abc'], defaults).ok).toBe(false);
  });
});

describe('sizeLabel', () => {
  it('shortens round sizes', () => {
    expect([1_000_000, 10_000_000, 200_000, 1000, 1500].map(sizeLabel)).toEqual([
      '1M',
      '10M',
      '200k',
      '1k',
      '1500',
    ]);
  });
});
