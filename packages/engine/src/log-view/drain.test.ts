import { expect, test } from 'vitest';
import { Drain } from './drain.js';
import { CORPUS, corpusLines } from './log-corpus.test-support.js';
import { tokenize } from './mask.js';

const add = (d: Drain, line: string, bucket = 0) => d.add(tokenize(line), line, bucket);

test('lines that differ in a few tokens join one cluster; the differing tokens become <*>', () => {
  const d = new Drain();
  const a = add(d, 'worker alpha finished task resize');
  const b = add(d, 'worker alpha finished task email');
  expect(b).toBe(a);
  expect(a.tokens.join(' ')).toBe('worker alpha finished task <*>');
  expect(a.count).toBe(2);
  expect(a.example).toBe('worker alpha finished task resize');
});

test('lines of other lengths or other first tokens never share a cluster', () => {
  const d = new Drain();
  const a = add(d, 'worker alpha finished task resize');
  const longer = add(d, 'worker alpha finished task resize now');
  const other = add(d, 'runner alpha finished task resize');
  expect(new Set([a.id, longer.id, other.id]).size).toBe(3);
});

test('below the similarity threshold a line starts its own cluster', () => {
  const d = new Drain({ similarity: 0.5 });
  const a = add(d, 'job x one two three four');
  const b = add(d, 'job x five six seven eight');
  expect(b).not.toBe(a);
  const loose = new Drain({ similarity: 0.3 });
  expect(add(loose, 'job x five six seven eight')).toBe(add(loose, 'job x one two three four'));
});

test('a placeholder first token routes through the wildcard branch; words with digits stay words', () => {
  const d = new Drain();
  const a = add(d, '10.0.0.1 connected');
  const b = add(d, '10.0.0.2 connected');
  expect(b).toBe(a);
  expect(a.tokens).toEqual(['<IP>', 'connected']);
  const v1 = add(d, 'GET /api/v1/projects');
  const v2 = add(d, 'GET /api/v1/events');
  expect(v2).not.toBe(v1);
  expect(v1.tokens).toEqual(['GET', '/api/v1/projects']);
});

test('per-bucket counts make the sparkline', () => {
  const d = new Drain();
  add(d, 'ping 1', 0);
  add(d, 'ping 2', 3);
  const c = add(d, 'ping 3', 3);
  expect([...c.series.entries()]).toEqual([
    [0, 1],
    [3, 2],
  ]);
});

test('100,000 lines from 30 templates cluster back into exactly those 30 templates', () => {
  const lines = corpusLines(100_000);
  const started = performance.now();
  const d = new Drain();
  for (const { line } of lines) add(d, line);
  const ms = performance.now() - started;
  const clusters = d.clusters();
  expect(clusters.map((c) => c.tokens.join(' ')).sort()).toEqual(CORPUS.map(([, t]) => t).sort());
  const expected = new Map<string, number>();
  for (const { template } of lines) {
    const t = CORPUS[template]![1];
    expected.set(t, (expected.get(t) ?? 0) + 1);
  }
  for (const c of clusters) expect(c.count).toBe(expected.get(c.tokens.join(' ')));
  console.log(`drain: 100,000 lines in ${ms.toFixed(0)} ms`);
});
