// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../api/client.js';
import { click, render } from '../test-support/render.js';
import { rowsOf, rowsProblem, toUpdate } from './environment-draft.js';
import { EnvironmentEditor } from './environment-editor.js';
import { HttpApi } from './http-api.js';
import { type HttpEnvironment, SECRET_MASK } from './http-types.js';

const staging: HttpEnvironment = {
  name: 'staging',
  variables: [
    { name: 'base_url', value: 'https://staging.example.com', secret: false },
    { name: 'token', value: SECRET_MASK, secret: true },
  ],
};

describe('environment rows', () => {
  it('never put a stored secret in a field, and send it back as null (kept) unless replaced', () => {
    const rows = rowsOf(staging);
    expect(rows).toEqual([
      { name: 'base_url', value: 'https://staging.example.com', secret: false, kept: false },
      { name: 'token', value: '', secret: true, kept: true },
    ]);
    expect(toUpdate(rows)).toEqual([
      { name: 'base_url', value: 'https://staging.example.com', secret: false },
      { name: 'token', value: null, secret: true },
    ]);
    const replaced = rows.map((r) => (r.name === 'token' ? { ...r, kept: false, value: 'new-token' } : r));
    expect(toUpdate(replaced)[1]).toEqual({ name: 'token', value: 'new-token', secret: true });
  });

  it('say what is wrong before saving', () => {
    const row = { value: '', secret: false, kept: false };
    expect(rowsProblem('', [])).toBe('Name the environment (for example "production").');
    expect(rowsProblem('p', [{ ...row, name: '' }])).toBe(
      'A variable has no name: name it or remove the row.',
    );
    expect(rowsProblem('p', [{ ...row, name: 'base url' }])).toBe(
      '"base url" cannot be a variable name: use letters, digits, _ . or - (starting with a letter).',
    );
    expect(
      rowsProblem('p', [
        { ...row, name: 'a' },
        { ...row, name: 'a' },
      ]),
    ).toBe('The variable "a" is defined twice.');
    expect(rowsProblem('p', [{ ...row, name: 'base_url' }])).toBeNull();
  });
});

describe('EnvironmentEditor', () => {
  it('shows a stored secret as dots that can be replaced, and reveals only a value being typed', async () => {
    const http = new HttpApi(new ApiClient('http://127.0.0.1:9'));
    const r = await render(
      <EnvironmentEditor
        http={http}
        environments={[staging]}
        initial="staging"
        onSaved={() => undefined}
        onClose={() => undefined}
      />,
    );
    const secretCell = r.container.querySelector('.secret-dots') as HTMLElement;
    expect(secretCell.textContent).toBe('••••••••token holds a stored secret');
    expect(r.container.querySelector('input[aria-label="token value"]')).toBeNull();
    await click([...r.container.querySelectorAll('button')].find((b) => b.textContent === 'Replace')!);
    const input = r.container.querySelector('input[aria-label="token value"]') as HTMLInputElement;
    expect([input.type, input.value]).toEqual(['password', '']);
    await click([...r.container.querySelectorAll('button')].find((b) => b.textContent === 'Show')!);
    expect((r.container.querySelector('input[aria-label="token value"]') as HTMLInputElement).type).toBe(
      'text',
    );
    const plain = r.container.querySelector('input[aria-label="base_url value"]') as HTMLInputElement;
    expect([plain.type, plain.value]).toEqual(['text', 'https://staging.example.com']);
    await r.unmount();
  });
});
