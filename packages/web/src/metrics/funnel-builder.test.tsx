// @vitest-environment happy-dom
import { act, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../api/client.js';
import { choose, click, render } from '../test-support/render.js';
import { FunnelBuilder } from './funnel-builder.js';
import type { EventSourceInfo } from './metric-answer.js';
import { buildRequest, defaultState, type FunnelState, type RetentionState } from './metric-state.js';
import { RetentionBuilder } from './retention-builder.js';

const SOURCE: EventSourceInfo = {
  from: 'events',
  columns: [
    { name: 'user_id', type: 'VARCHAR' },
    { name: 'event', type: 'VARCHAR' },
    { name: 'ts', type: 'TIMESTAMP WITH TIME ZONE' },
    { name: 'country', type: 'VARCHAR' },
    { name: 'seats', type: 'INTEGER' },
  ],
  roles: { actor: 'user_id', event: 'event', time: 'ts', timeKind: 'timestamptz', reasons: [] },
  events: [
    { name: 'signup', count: 14960 },
    { name: 'project_created', count: 22961 },
    { name: 'invite_sent', count: 8791 },
    { name: 'churn', count: 310 },
  ],
};
// The builder asks the server only for filter value suggestions; here the answer is "no suggestions" (the route
// itself is tested in packages/server/src/routes/metrics.test.ts).
const api = new ApiClient('', async () => Response.json({ column: 'seats', values: [] }));

function Harness(props: { onState(s: FunnelState): void }) {
  const [f, setF] = useState(defaultState().funnel);
  return (
    <FunnelBuilder
      value={f}
      source={SOURCE}
      api={api}
      from="events"
      on=""
      onChange={(next) => {
        setF(next);
        props.onState(next);
      }}
    />
  );
}

const select = (c: HTMLElement, label: string) =>
  c.querySelector(`select[aria-label="${label}"]`) as HTMLSelectElement;
const button = (c: HTMLElement, text: string) =>
  [...c.querySelectorAll('button')].find(
    (b) => b.textContent === text || b.getAttribute('aria-label') === text,
  )!;

describe('FunnelBuilder', () => {
  it('lists events with their row counts, most frequent as the server sent them', async () => {
    const r = await render(<Harness onState={() => undefined} />);
    const options = [...select(r.container, 'Step 1').options].map((o) => o.textContent);
    expect(options).toEqual([
      'Pick an event…',
      'signup (14,960 rows)',
      'project_created (22,961 rows)',
      'invite_sent (8,791 rows)',
      'churn (310 rows)',
    ]);
    await r.unmount();
  });

  it('steps, a typed filter, an exclusion and a breakdown picked by clicking become the request', async () => {
    let state = defaultState().funnel;
    const r = await render(<Harness onState={(s) => (state = s)} />);
    const c = r.container;
    await choose(select(c, 'Step 1'), 'signup');
    await choose(select(c, 'Step 2'), 'project_created');
    await click(button(c, '+ Add step'));
    await choose(select(c, 'Step 3'), 'invite_sent');
    await click(button(c, 'Add a filter to Step 1'));
    const filter = c.querySelector('.filters .filter-row')!;
    const [column, op] = [...filter.querySelectorAll('select')] as HTMLSelectElement[];
    // The actor and time columns are not offered as properties; the event column is not either.
    expect([...column!.options].map((o) => o.value)).toEqual(['', 'user_id', 'country', 'seats']);
    await choose(column!, 'seats');
    await choose(op!, '>=');
    const input = filter.querySelector('input') as HTMLInputElement;
    await act(async () => {
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      set?.call(input, '5');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(button(c, '+ Exclude users who do an event between steps'));
    await choose(select(c, 'Excluded event'), 'churn');
    const breakdown = [...c.querySelectorAll('label.field')]
      .find((l) => l.querySelector('span')?.textContent === 'Break down by')
      ?.querySelector('select') as HTMLSelectElement;
    await choose(breakdown, 'country');
    const s = defaultState();
    s.source.from = 'events';
    s.funnel = state;
    expect(buildRequest(s, SOURCE.columns)).toEqual({
      ok: true,
      value: {
        metric: 'funnel',
        from: 'events',
        options: {
          steps: [
            { event: 'signup', filters: [{ column: 'seats', op: '>=', value: 5 }] },
            { event: 'project_created' },
            { event: 'invite_sent' },
          ],
          window: '14d',
          order: 'ordered',
          anchor: 'any_entry',
          exclusions: [{ event: 'churn', from: 1, to: 3 }],
          breakdown: 'country',
        },
      },
    });
    // Removing step 3 drops the exclusion that reached it.
    await click(button(c, 'Remove step 3'));
    expect(state.steps.map((x) => x.event)).toEqual(['signup', 'project_created']);
    expect(state.exclusions).toEqual([]);
    expect(button(c, 'Remove step 2').disabled).toBe(true);
    await r.unmount();
  });
});

function RetentionHarness(props: { onState(s: RetentionState): void }) {
  const [v, setV] = useState(defaultState().retention);
  return (
    <RetentionBuilder
      value={v}
      source={SOURCE}
      api={api}
      from="events"
      on=""
      onChange={(n) => {
        setV(n);
        props.onState(n);
      }}
    />
  );
}

describe('RetentionBuilder', () => {
  it('"Any event" is the default way back; picking an event and a period changes the request', async () => {
    let state = defaultState().retention;
    const r = await render(<RetentionHarness onState={(n) => (state = n)} />);
    const c = r.container;
    expect(select(c, 'Come back when they do').value).toBe('');
    await choose(select(c, 'Cohort: users who do'), 'signup');
    await choose(select(c, 'Come back when they do'), 'project_created');
    await click(button(c, 'Monthly'));
    expect(button(c, 'Monthly').getAttribute('aria-pressed')).toBe('true');
    const s = defaultState();
    s.metric = 'retention';
    s.source.from = 'events';
    s.retention = state;
    const built = buildRequest(s, SOURCE.columns);
    expect(built.ok && built.value.options).toEqual({
      start: { event: 'signup' },
      return: { event: 'project_created' },
      period: 'month',
      periods: 8,
      cohort: 'first_time',
      criterion: 'on',
    });
    await choose(select(c, 'Come back when they do'), '');
    expect(state.returnAny).toBe(true);
    await r.unmount();
  });
});
