// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../api/client.js';
import type { ImportOutcome } from '../api/types.js';
import { nodeFetch, nodePost } from '../test-support/node-fetch.js';
import { choose, click, render, waitFor } from '../test-support/render.js';
import { type ServerProcess, startServerProcess } from '../test-support/server-process.js';
import { ImportScreen } from './import-screen.js';

const MESSY = [
  'order id;customer;ordered on;zip;amount',
  '1;Ann;2026-01-05;01234;10,50',
  '2;Bob;2026-01-06;02345;7,00',
  '3;Cy;2026-01-07;03456;3,25;oops',
  '4;Dee;2026-01-08;04567;1,00',
  '5;Eve;2026-01-09;05678;2,75',
  '6;Fay;2026-01-10;06789;4,00',
  '7;Gus;2026-01-11;07890;5,00',
  '8;Hal;2026-01-12;08901;6,00',
  '9;Ivy;2026-01-13;09012;8,00',
  '10;Jo;2026-01-14;10123;9,00',
  '11;Kim;2026-01-15;11234;9,50',
].join('\n');

let server: ServerProcess;
let api: ApiClient;
let origin: string;

beforeAll(async () => {
  server = await startServerProcess();
  origin = server.origin;
  api = new ApiClient(origin, nodeFetch(server.token));
});
afterAll(() => server.stop());

describe('ImportScreen', () => {
  it('shows what was detected, the rejected rows with reasons, takes a type override, and imports', async () => {
    const upload = (await nodePost(
      `${origin}/api/uploads?name=${encodeURIComponent('Orders (EU).csv')}`,
      server.token,
      MESSY,
    )) as {
      id: string;
    };
    let outcome: ImportOutcome | null = null;
    const view = await render(
      <ImportScreen
        api={api}
        source={{ upload: upload.id }}
        fileName="Orders (EU).csv"
        onImported={(o) => {
          outcome = o;
        }}
        onClose={() => undefined}
      />,
    );
    const c = view.container;
    await waitFor(() => c.querySelector('.import-summary'));
    expect(c.querySelector('.import-summary')?.textContent).toBe(
      'Read as CSV, semicolon ;-separated, first line has the column names, encoding utf-8. 5 columns.',
    );
    expect((c.querySelector('input') as HTMLInputElement).value).toBe('orders_eu');
    const typeOf = (col: string) =>
      c.querySelector<HTMLSelectElement>(`select[aria-label="Type of ${col}"]`)!;
    expect(typeOf('zip').value).toBe('VARCHAR');
    expect(typeOf('ordered on').value).toBe('DATE');
    expect(c.querySelector('.import-rejects-title')?.textContent).toBe("Rows that don't fit (rejected): 1");
    const reject = [...c.querySelectorAll('[data-testid=rejects] tbody td')].map((td) => td.textContent);
    expect(reject[0]).toBe('4');
    expect(reject[3]).toBe('3;Cy;2026-01-07;03456;3,25;oops');
    expect(reject[2]).toMatch(/field/);

    // Fix a column type: the order id becomes text; the preview follows.
    await choose(typeOf('order id'), 'VARCHAR');
    await waitFor(
      () =>
        typeOf('order id').className === 'type-select overridden' &&
        !c.querySelector('.import-preview.stale'),
    );
    expect(typeOf('order id').value).toBe('VARCHAR');
    // What detection chose stays marked as such after the override.
    expect(typeOf('order id').querySelector('option[value="BIGINT"]')?.textContent).toBe(
      'Whole number (bigint) · detected',
    );
    expect(typeOf('order id').querySelector('option[value="VARCHAR"]')?.textContent).toBe('Text (varchar)');

    await click([...c.querySelectorAll('button')].find((b) => b.textContent === 'Import as orders_eu')!);
    await waitFor(() => outcome);
    expect(outcome).toMatchObject({ table: 'orders_eu', rows: 10, columns: 5, rejected: 1 });
    const catalog = await api.catalog();
    expect(catalog.tables.find((t) => t.table === 'orders_eu')?.columns).toEqual([
      { name: 'order id', type: 'VARCHAR' },
      { name: 'customer', type: 'VARCHAR' },
      { name: 'ordered on', type: 'DATE' },
      { name: 'zip', type: 'VARCHAR' },
      { name: 'amount', type: expect.stringMatching(/^(DOUBLE|DECIMAL)/) },
    ]);
    await view.unmount();
  });

  it('shows the server error in plain words when the table name is taken', async () => {
    const upload = (await nodePost(`${origin}/api/uploads?name=again.csv`, server.token, 'a,b\n1,2\n')) as {
      id: string;
    };
    const view = await render(
      <ImportScreen
        api={api}
        source={{ upload: upload.id }}
        fileName="again.csv"
        onImported={() => undefined}
        onClose={() => undefined}
      />,
    );
    const c = view.container;
    await waitFor(() => c.querySelector('.import-summary'));
    const name = c.querySelector('input') as HTMLInputElement;
    expect(name.value).toBe('again');
    await click([...c.querySelectorAll('button')].find((b) => b.textContent === 'Import as again')!);
    await waitFor(() => !c.querySelector('button.primary[disabled]'));
    // First import works; a second import with "create" must say the table exists.
    const upload2 = (await nodePost(`${origin}/api/uploads?name=again.csv`, server.token, 'a,b\n1,2\n')) as {
      id: string;
    };
    await view.unmount();
    const second = await render(
      <ImportScreen
        api={api}
        source={{ upload: upload2.id }}
        fileName="again.csv"
        onImported={() => undefined}
        onClose={() => undefined}
      />,
    );
    await waitFor(() => second.container.querySelector('.import-summary'));
    await click(
      [...second.container.querySelectorAll('button')].find((b) => b.textContent === 'Import as again')!,
    );
    const error = await waitFor(() => second.container.querySelector('[data-testid=error]'));
    expect(error.textContent).toMatch(/again/);
    expect(error.textContent).not.toMatch(/something went wrong/i);
    await second.unmount();
  });

  it('shows the detected log format with its confidence, offers the others, and imports the log', async () => {
    const lines = Array.from(
      { length: 12 },
      (_, i) =>
        `10.0.0.${i} - - [05/Jan/2026:10:00:${String(i).padStart(2, '0')} +0000] "GET /p/${i}?q=1 HTTP/1.1" ${i % 4 === 0 ? 500 : 200} ${100 + i} "-" "curl/8"`,
    );
    const upload = (await nodePost(
      `${origin}/api/uploads?name=access.log`,
      server.token,
      lines.join('\n'),
    )) as {
      id: string;
    };
    let outcome: ImportOutcome | null = null;
    const view = await render(
      <ImportScreen
        api={api}
        source={{ upload: upload.id }}
        fileName="access.log"
        onImported={(o) => {
          outcome = o;
        }}
        onClose={() => undefined}
      />,
    );
    const c = view.container;
    await waitFor(() => c.querySelector('.import-summary'));
    const summary = c.querySelector('.import-summary')?.textContent ?? '';
    expect(summary).toMatch(/^Read as .*combined.* \(100% of the first lines fit\)/i);
    const select = [...c.querySelectorAll('label.field')]
      .find((l) => l.textContent?.startsWith('Log format'))
      ?.querySelector('select');
    expect(select).toBeTruthy();
    const options = [...(select?.querySelectorAll('option') ?? [])].map((o) => o.textContent ?? '');
    expect(options[0]).toMatch(/^Detected: .*combined.*\(100% of the first lines fit\)$/i);
    expect(options.length).toBeGreaterThan(1);
    const importButton = [...c.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('Import as'),
    );
    await click(importButton!);
    await waitFor(() => outcome);
    expect(outcome).toMatchObject({ table: 'access', rows: 12, rejected: 0 });
  });
});
