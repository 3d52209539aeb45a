// @vitest-environment happy-dom
import { startCompletion } from '@codemirror/autocomplete';
import { EditorView } from '@codemirror/view';
import { act, createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { render, waitFor } from '../test-support/render.js';
import { errorSpan } from './error-marks.js';
import { type RunRequest, SqlEditor, type SqlEditorHandle } from './sql-editor.js';

function setup(value: string) {
  const ref = createRef<SqlEditorHandle>();
  const runs: RunRequest[] = [];
  const changes: string[] = [];
  const node = (
    <SqlEditor
      ref={ref}
      value={value}
      label="SQL of Query 1"
      schema={{ events: ['event', 'revenue', 'user_id'], users: ['id', 'country'] }}
      onChange={(v) => changes.push(v)}
      onRun={(r) => runs.push(r)}
    />
  );
  return { ref, runs, changes, node };
}

function viewOf(container: HTMLElement): EditorView {
  const view = EditorView.findFromDOM(container.querySelector('.cm-editor') as HTMLElement);
  if (!view) throw new Error('no editor');
  return view;
}

describe('SqlEditor', () => {
  it('runs everything with Ctrl+Enter, or only the selection with its offset', async () => {
    const t = setup('SELECT 1;\nSELECT revenue FROM events');
    const r = await render(t.node);
    const view = viewOf(r.container);
    expect(r.container.querySelector('[aria-label="SQL of Query 1"]')).not.toBeNull();
    const press = () =>
      act(async () => {
        view.contentDOM.dispatchEvent(
          new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }),
        );
      });
    await press();
    expect(t.runs).toEqual([{ sql: 'SELECT 1;\nSELECT revenue FROM events', base: 0 }]);
    await act(async () => view.dispatch({ selection: { anchor: 10, head: 36 } }));
    await press();
    expect(t.runs[1]).toEqual({ sql: 'SELECT revenue FROM events', base: 10 });
    await r.unmount();
  });

  it('underlines the word at the engine error position and clears it on edit', async () => {
    const t = setup('SELECT revenu FROM events');
    const r = await render(t.node);
    const span = errorSpan('SELECT revenu FROM events', 7);
    expect(span).toEqual({ from: 7, to: 13 });
    await act(async () => t.ref.current?.showError(span));
    expect(r.container.querySelector('.cm-sql-error')?.textContent).toBe('revenu');
    await act(async () => t.ref.current?.replace(7, 13, 'revenue'));
    expect(r.container.querySelector('.cm-sql-error')).toBeNull();
    expect(t.changes.at(-1)).toBe('SELECT revenue FROM events');
    await r.unmount();
  });

  it('completes table names and columns from the workspace', async () => {
    const t = setup('SELECT * FROM ev');
    const r = await render(t.node);
    const view = viewOf(r.container);
    await act(async () => {
      view.dispatch({ selection: { anchor: 16 } });
      startCompletion(view);
    });
    const options = await waitFor(() => {
      const labels = [...document.querySelectorAll('.cm-completionLabel')].map((e) => e.textContent);
      return labels.length > 0 ? labels : null;
    });
    expect(options).toContain('events');
    await act(async () => {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: 'SELECT events.re' } });
      view.dispatch({ selection: { anchor: 16 } });
      startCompletion(view);
    });
    const columns = await waitFor(() => {
      const labels = [...document.querySelectorAll('.cm-completionLabel')].map((e) => e.textContent);
      return labels.includes('revenue') ? labels : null;
    });
    expect(columns).toContain('revenue');
    await r.unmount();
  });

  it('formats the SQL', async () => {
    const t = setup('select a, b from t where a > 1');
    const r = await render(t.node);
    await act(async () => t.ref.current?.format());
    expect(t.changes.at(-1)).toBe('SELECT\n  a,\n  b\nFROM t\nWHERE a > 1');
    await r.unmount();
  });
});
