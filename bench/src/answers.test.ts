import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { answerDifference, answerOf, answerRows, type MetricAnswer } from './answers.js';
import { ensureDataset } from './datasets.js';
import { checkTargets, type Run, summarise, taskResult } from './results.js';
import { runSightline } from './sightline.js';

const funnelAnswer = (medians: (number | null)[] = [null, 10.5, 3]): MetricAnswer => ({
  users: [10, 4, 1],
  median_seconds: medians,
});

describe('metric answers', () => {
  it('reads the numbers a funnel and a retention result show', () => {
    const funnel = answerOf({
      steps: [
        { name: 'a', users: 10, median_seconds_to_convert: null },
        { name: 'b', users: 4, median_seconds_to_convert: 10.5 },
      ],
    });
    expect(funnel).toEqual({ users: [10, 4], median_seconds: [null, 10.5] });
    const retention = answerOf({
      cohorts: [
        { cohort: '2026-01-05', size: 3, retained: [3, 1, null] },
        { cohort: '2026-01-12', size: 2, retained: [2, null, null] },
      ],
    });
    expect(retention).toEqual({ cohorts: { '2026-01-05': [3, 1, null], '2026-01-12': [2, null, null] } });
    expect(answerRows(funnel!)).toBe(10);
    expect(answerRows(retention!)).toBe(5);
    expect(answerOf({ days: [] })).toBeNull();
  });

  it('says where two answers differ: counts exactly, medians to 1e-9 relative', () => {
    expect(answerDifference(funnelAnswer(), funnelAnswer())).toBeNull();
    expect(answerDifference(funnelAnswer(), funnelAnswer([null, 10.5 * (1 + 1e-12), 3]))).toBeNull();
    expect(answerDifference(funnelAnswer(), funnelAnswer([null, 10.6, 3]))).toBe(
      'median seconds /10.5/3 vs /10.6/3',
    );
    expect(answerDifference(funnelAnswer(), { users: [10, 5, 1], median_seconds: [null, 10.5, 3] })).toBe(
      'users per step 10/4/1 vs 10/5/1',
    );
    const cells = (x: (number | null)[]): MetricAnswer => ({ cohorts: { '2026-01-05': x } });
    expect(answerDifference(cells([3, 1, null]), cells([3, 1, null]))).toBeNull();
    expect(answerDifference(cells([3, 1, null]), cells([3, 1, 0]))).toBe('cohort 2026-01-05: 3/1/ vs 3/1/0');
    expect(answerDifference(cells([3]), { cohorts: {} })).toBe('cohort 2026-01-05 only on one side');
    expect(answerDifference(cells([3]), funnelAnswer())).toBe('different kinds of answer');
  });

  it('judges whether pandas and Sightline agree, in every run', () => {
    const run = (answer: MetricAnswer): Run => ({
      ms: 100,
      warmMs: 50,
      maxRssMb: 10,
      resultRows: 10,
      answer,
    });
    const result = (pandas: MetricAnswer) =>
      taskResult('funnel', '1M', 1_000_000, {
        sightline: summarise([run(funnelAnswer()), run(funnelAnswer())]),
        floor: summarise([run(funnelAnswer())]),
        pandas: summarise([run(pandas)]),
      });
    const agree = checkTargets([result(funnelAnswer())]).find((c) => c.target.includes('same numbers'));
    expect(agree).toEqual({
      target: 'funnel 1M: pandas and Sightline give the same numbers',
      met: true,
      detail: 'every run',
    });
    const differ = checkTargets([result(funnelAnswer([null, 11, 3]))]).find((c) => c.target.includes('same'));
    expect(differ?.met).toBe(false);
    expect(differ?.detail).toBe('pandas median seconds /11/3 vs /10.5/3 Sightline');
  });
});

const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = '/usr/bin/python3';
const hasPandas = spawnSync(PYTHON, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasPandas)('pandas and Sightline on the same generated events', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-answers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('give the same funnel and retention numbers', async () => {
    const ds = await ensureDataset(dir, 200_000, () => {});
    const job = { task: 'queries', only: ['funnel', 'retention'], ...ds };
    const child = spawnSync(PYTHON, [join(BENCH_DIR, 'python', 'pandas_worker.py'), JSON.stringify(job)], {
      encoding: 'utf8',
    });
    expect(child.status, child.stderr).toBe(0);
    const report = JSON.parse(child.stdout.trim().split('\n').at(-1)!);
    for (const task of ['funnel', 'retention'] as const) {
      const pandas = report.results[task].answer as MetricAnswer;
      const sightline = await runSightline({ side: 'sightline', task, ...ds, scratchDir: dir });
      expect(sightline.answer).toBeDefined();
      expect(answerDifference(pandas, sightline.answer!)).toBeNull();
      // Something to compare: people entered the funnel and filled cohorts.
      expect(answerRows(pandas)).toBeGreaterThan(100);
      expect(report.results[task].resultRows).toBe(sightline.resultRows);
    }
  }, 120_000);
});
