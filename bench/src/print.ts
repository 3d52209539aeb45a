import { formatMb, formatMs, formatRatio, renderTable } from './format.js';
import type { SideResult, TargetCheck, TaskResult } from './results.js';

function cell(side: SideResult): string {
  if (side.status === 'ok') return formatMs(side.medianMs);
  return side.status === 'unavailable' ? 'n/a' : side.status;
}

/** The results as the readable table `npm run bench` prints. */
export function resultsTable(results: readonly TaskResult[]): string {
  return renderTable(
    [
      'task',
      'size',
      'sightline',
      'floor',
      'ratio',
      'pandas',
      'speedup',
      'sightline RSS',
      'floor RSS',
      'pandas RSS',
    ],
    results.map((r) => [
      r.task,
      r.size,
      cell(r.sides.sightline),
      cell(r.sides.floor),
      formatRatio(r.ratio),
      cell(r.sides.pandas),
      formatRatio(r.speedup),
      formatMb(r.sides.sightline.maxRssMb),
      formatMb(r.sides.floor.maxRssMb),
      formatMb(r.sides.pandas.maxRssMb),
    ]),
  );
}

/** Notes for sides that did not produce a figure, one line per distinct note. */
export function sideNotes(results: readonly TaskResult[]): string[] {
  const notes = new Set<string>();
  for (const r of results) {
    if (r.sameRows === false)
      notes.add(`${r.task} ${r.size}: the sides returned different row counts; check the task definitions`);
    for (const [side, s] of Object.entries(r.sides)) {
      if (s.status !== 'ok' && s.note) notes.add(`${side} ${r.task}: ${s.note}`);
    }
  }
  return [...notes];
}

/** The target checks as lines: `met`, `MISSED` or `not judged`. */
export function targetLines(checks: readonly TargetCheck[]): string[] {
  return checks.map(
    (c) =>
      `${c.met === null ? 'not judged' : c.met ? 'met' : 'MISSED'}`.padEnd(10) +
      `  ${c.target} (${c.detail})`,
  );
}
