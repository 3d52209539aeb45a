// @vitest-environment happy-dom
import { act } from 'react';
import { expect, test } from 'vitest';
import { render } from '../test-support/render.js';
import type { LogRoles, LogRolesAnswer } from './log-types.js';
import { RolesPanel } from './roles-panel.js';

const answer: LogRolesAnswer = {
  table: 'access_log',
  columns: [
    { name: 'ts', type: 'TIMESTAMP WITH TIME ZONE' },
    { name: 'logged_ms', type: 'BIGINT' },
    { name: 'method', type: 'VARCHAR' },
    { name: 'path', type: 'VARCHAR' },
    { name: 'status', type: 'INTEGER' },
    { name: 'user_agent', type: 'VARCHAR' },
  ],
  roles: {
    time: { column: 'ts', kind: 'timestamptz' },
    severity: { column: 'status', kind: 'http_status' },
    message: ['method', 'path'],
    facets: ['status', 'method'],
  },
  looksLikeLog: true,
  reasons: ['Time: "ts" (timestamp with time zone).', 'Message: the request line ("method" and "path").'],
};

const choose = async (select: HTMLSelectElement, value: string) =>
  act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });

test('shows why each column was picked and lets the user pick others', async () => {
  const changes: LogRoles[] = [];
  const r = await render(
    <RolesPanel answer={answer} roles={answer.roles} onChange={(x) => changes.push(x)} />,
  );
  expect([...r.container.querySelectorAll('.log-reasons li')].map((li) => li.textContent)).toEqual(
    answer.reasons,
  );
  const [time, severity, message] = [...r.container.querySelectorAll('select')] as HTMLSelectElement[];
  expect([time!.value, severity!.value, message!.value]).toEqual(['ts', 'status', 'method\u0000path']);
  expect([...message!.options].map((o) => o.textContent)).toEqual([
    '(none)',
    'method + path',
    'method',
    'path',
    'user_agent',
  ]);
  await choose(time!, 'logged_ms');
  await choose(message!, 'user_agent');
  await choose(severity!, '');
  expect(changes).toEqual([
    { ...answer.roles, time: { column: 'logged_ms', kind: 'epoch_ms' } },
    { ...answer.roles, message: ['user_agent'] },
    { ...answer.roles, severity: null },
  ]);
  await r.unmount();
});
