// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { click, render } from '../test-support/render.js';
import { CheckVerdict } from './check-verdict.js';
import { LessonList } from './lesson-list.js';
import type { CheckResult, LessonSummary, LessonView } from './lesson-types.js';

const progress = (id: string, done: boolean, started = done) => ({
  lessonId: id,
  startedAt: started ? '2026-11-01T10:00:00Z' : null,
  completedAt: done ? '2026-11-01T10:05:00Z' : null,
  attempts: done ? 2 : 0,
  lastSql: null,
});
const LESSONS: LessonSummary[] = [
  { id: 'a', number: 1, title: 'First', goal: 'g', covers: [], progress: progress('a', true) },
  { id: 'b', number: 2, title: 'Second', goal: 'g', covers: [], progress: progress('b', false, true) },
  { id: 'c', number: 3, title: 'Third', goal: 'g', covers: [], progress: progress('c', false) },
];

describe('LessonList', () => {
  it('ticks completed lessons, marks the open one, says how many are done, and opens on click', async () => {
    const opened: string[] = [];
    const r = await render(
      <LessonList lessons={LESSONS} current="b" completed={1} onOpen={(id) => opened.push(id)} />,
    );
    const buttons = [...r.container.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['✓First (done)', '2Second (started)', '3Third']);
    expect(buttons[1]?.getAttribute('aria-current')).toBe('page');
    expect(r.container.querySelector('[data-testid=lessons-done]')?.textContent).toBe('1 of 3 done');
    if (buttons[2]) await click(buttons[2]);
    expect(opened).toEqual(['c']);
    await r.unmount();
  });
});

describe('CheckVerdict', () => {
  const lesson = {
    ...LESSONS[0],
    concept: [],
    starter: '',
    hints: [],
    solution: null,
    next: 'b',
  } as LessonView;
  const result = (passed: boolean, message: string, details: string[] = []): CheckResult => ({
    passed,
    message,
    details,
    preview: null,
    lesson,
  });

  it('shows a miss with what differs and the details', async () => {
    const r = await render(
      <CheckVerdict
        result={result(false, 'You have 12 rows, the answer has 7: did you filter on plan?', [
          'Row 3 is extra.',
        ])}
        nextTitle="Second"
        onNext={() => undefined}
      />,
    );
    expect(r.container.textContent).toBe(
      '→Not yet. You have 12 rows, the answer has 7: did you filter on plan?Row 3 is extra.',
    );
    expect(r.container.querySelector('button')).toBeNull();
    await r.unmount();
  });

  it('celebrates a pass and offers the next lesson', async () => {
    let next = 0;
    const r = await render(
      <CheckVerdict
        result={result(true, 'Correct: your 7 rows match the answer.')}
        nextTitle="Second"
        onNext={() => {
          next += 1;
        }}
      />,
    );
    expect(r.container.textContent).toContain('Well done! Your 7 rows match the answer.');
    const button = r.container.querySelector('button');
    expect(button?.textContent).toBe('Next lesson: Second →');
    if (button) await click(button);
    expect(next).toBe(1);
    await r.unmount();
  });
});
