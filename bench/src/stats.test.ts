import { describe, expect, it } from 'vitest';
import { formatMb, formatMs, formatRatio, renderTable } from './format.js';
import { checkTargets, type Run, summarise, taskResult } from './results.js';
import { median, ratio } from './stats.js';

const run = (ms: number, rows = 10, rss = 100): Run => ({
  ms,
  warmMs: ms / 2,
  maxRssMb: rss,
  resultRows: rows,
});

describe('median and ratio', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('divides only when both figures exist and the divisor is positive', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(3, undefined)).toBeNull();
  });
});

describe('formatting', () => {
  it('writes durations, ratios and sizes for people', () => {
    expect([formatMs(850.4), formatMs(1240), formatMs(65_000), formatMs(null)]).toEqual([
      '850 ms',
      '1.24 s',
      '1 min 5 s',
      '-',
    ]);
    expect([formatRatio(1.0666), formatRatio(null)]).toEqual(['1.07x', '-']);
    expect(formatMb(1834.6)).toBe('1,835 MB');
  });

  it('aligns text left and figures right', () => {
    expect(
      renderTable(
        ['task', 'time'],
        [
          ['import', '1.24 s'],
          ['join', '85 ms'],
        ],
      ),
    ).toBe(['task    time', '------  ------', 'import  1.24 s', 'join     85 ms'].join('\n'));
  });
});

describe('task results and targets', () => {
  it('summarises runs and compares Sightline with the floor and pandas', () => {
    const r = taskResult('join', '10M', 10_000_000, {
      sightline: summarise([run(110), run(100), run(130)]),
      floor: summarise([run(100), run(90), run(95)]),
      pandas: summarise([run(1000), run(1200), run(900)]),
    });
    expect(r.sides.sightline.medianMs).toBe(110);
    expect(r.sides.sightline.medianWarmMs).toBe(55);
    expect(r.ratio).toBeCloseTo(110 / 95, 12);
    expect(r.speedup).toBeCloseTo(1000 / 110, 12);
    expect(r.sameRows).toBe(true);
    expect(checkTargets([r]).map((c) => [c.target, c.met])).toEqual([
      ['join 10M: Sightline within 1.15x of the floor', false],
      ['join 10M: Sightline at least 5x faster than pandas', true],
    ]);
  });

  it('does not judge a target without a Sightline figure, and checks import memory at 10M', () => {
    const missing = summarise([], { status: 'unavailable', note: 'not available yet' });
    const r = taskResult('import', '10M', 10_000_000, {
      sightline: summarise([run(1000, 7, 2100)]),
      floor: summarise([run(1000, 8)]),
      pandas: missing,
    });
    expect(r.sameRows).toBe(false);
    expect(checkTargets([r]).map((c) => c.met)).toEqual([true, null, false]);
    const f = taskResult('funnel', '1M', 1_000_000, {
      sightline: missing,
      floor: summarise([run(5)]),
      pandas: missing,
    });
    expect(checkTargets([f])).toEqual([
      {
        target: 'funnel 1M: Sightline within 1.15x of the floor',
        met: null,
        detail: 'no Sightline figure (not available yet)',
      },
    ]);
  });

  it('judges the metrics at 10M: under 2 s, and 10x faster than pandas warm on the copy (the others shown)', () => {
    // run(ms) has a warm time of half its cold time; on the copy, a quarter.
    const onCopy = (ms: number): Run => ({ ...run(ms), copyWarmMs: ms / 4, copyBuildMs: 4000 });
    const r = taskResult('retention', '10M', 10_000_000, {
      sightline: summarise([onCopy(900), onCopy(800), onCopy(1000)]),
      floor: summarise([run(850)]),
      pandas: summarise([run(8500)]),
    });
    expect(r.warmSpeedup).toBeCloseTo(8500 / 450, 12);
    expect(r.copySpeedup).toBeCloseTo(8500 / 225, 12);
    expect(checkTargets([r]).map((c) => [c.target, c.met, c.detail])).toEqual([
      ['retention 10M: Sightline within 1.15x of the floor', true, '1.06x'],
      ['retention 10M: Sightline at least 5x faster than pandas', true, '9.4x'],
      ['retention 10M: Sightline under 2 s', true, '900 ms'],
      [
        'retention 10M: Sightline at least 10x faster than pandas (warm, as the workbench runs it: on the actor-ordered copy)',
        true,
        '37.8x; 225 ms, the copy made in 4.00 s',
      ],
      [
        'retention 10M: speedup warm on the table itself, before the copy is made (shown only)',
        null,
        '18.9x',
      ],
      [
        'retention 10M: speedup cold, the first query also reading the table from its file (shown only)',
        null,
        '9.4x',
      ],
    ]);
  });
});
