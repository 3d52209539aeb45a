// @vitest-environment happy-dom
import { act, useState } from 'react';
import { afterEach, expect, it } from 'vitest';
import { render } from '../test-support/render.js';
import type { StepDraft } from './draft.js';
import { FilterEditor } from './filter-editor.js';

type Filter = Extract<StepDraft, { type: 'filter' }>;
const columns = [
  { name: 'signup_at', type: 'TIMESTAMP WITH TIME ZONE' },
  { name: 'seats', type: 'BIGINT' },
  { name: 'plan', type: 'VARCHAR' },
];

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

function Harness(props: { initial: Filter; onStep(step: Filter): void }) {
  const [step, setStep] = useState(props.initial);
  props.onStep(step);
  return <FilterEditor step={step} columns={columns} onChange={setStep} />;
}

async function mount(initial: Filter) {
  let latest = initial;
  const r = await render(
    <Harness
      initial={initial}
      onStep={(s) => {
        latest = s;
      }}
    />,
  );
  cleanup = r.unmount;
  const select = (label: string, value: string) =>
    act(async () => {
      const el = r.container.querySelector(`[aria-label="${label}"]`) as HTMLSelectElement;
      el.value = value;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
  const options = (label: string) =>
    [...(r.container.querySelector(`[aria-label="${label}"]`) as HTMLSelectElement).options].map(
      (o) => o.text,
    );
  return { r, select, options, step: () => latest };
}

it('offers date presets for a date column and writes "in the last 30 days"', async () => {
  const m = await mount({
    type: 'filter',
    combine: 'and',
    conditions: [{ column: 'plan', op: '=', value: 'pro' }],
  });
  expect(m.options('Condition')).toContain('contains');
  await m.select('Filter column', 'signup_at');
  expect(m.options('Condition')).toEqual([
    'is in the last',
    'is in this',
    'is in the previous',
    'is before',
    'is after',
    'is between',
    'is empty',
    'is not empty',
  ]);
  expect(m.step().conditions[0]).toEqual({ column: 'signup_at', op: 'last', n: 30, unit: 'day' });
  await m.select('Unit', 'week');
  expect(m.step().conditions[0]).toEqual({ column: 'signup_at', op: 'last', n: 30, unit: 'week' });
  await m.select('Condition', 'this');
  expect(m.step().conditions[0]).toEqual({ column: 'signup_at', op: 'this', unit: 'month' });
});

it('keeps numbers as numbers and lists as lists', async () => {
  const m = await mount({
    type: 'filter',
    combine: 'and',
    conditions: [{ column: 'seats', op: '>', value: '' }],
  });
  const input = m.r.container.querySelector('[aria-label="Value"]') as HTMLInputElement;
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setter?.call(input, '12');
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  expect(m.step().conditions[0]).toEqual({ column: 'seats', op: '>', value: 12 });
  await m.select('Condition', 'in');
  expect(m.step().conditions[0]).toEqual({ column: 'seats', op: 'in', values: [12] });
});
