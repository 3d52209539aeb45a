import { PostgreSQL, type SQLNamespace, sql } from '@codemirror/lang-sql';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { type ErrorRange, errorMarks, setErrorRange } from './error-marks.js';
import { formatSql } from './format-sql.js';

/** The SQL to run: the selection when there is one, else everything; `base` is its offset in the document. */
export interface RunRequest {
  sql: string;
  base: number;
}

/** What the editor's parent can do with it. */
export interface SqlEditorHandle {
  /** The selection (or all text) as a run request. */
  runRequest(): RunRequest;
  /** Underlines `range` (document offsets), or clears the underline. */
  showError(range: ErrorRange): void;
  /** Replaces `from..to` with `text` (e.g. "Use revenue"). */
  replace(from: number, to: number, text: string): void;
  /** Reformats the whole text. */
  format(): void;
  focus(): void;
}

/** Props of `SqlEditor`. */
export interface SqlEditorProps {
  value: string;
  onChange(value: string): void;
  onRun(req: RunRequest): void;
  /** Tables and their columns, for autocomplete. */
  schema: Record<string, string[]>;
  label: string;
}

function selectionRequest(view: EditorView): RunRequest {
  const sel = view.state.selection.main;
  if (!sel.empty) return { sql: view.state.sliceDoc(sel.from, sel.to), base: sel.from };
  return { sql: view.state.doc.toString(), base: 0 };
}

/** CodeMirror 6 SQL editor: highlighting, autocomplete of tables and columns, Ctrl/Cmd+Enter runs, error underline. */
export const SqlEditor = forwardRef<SqlEditorHandle, SqlEditorProps>(function SqlEditor(props, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          basicSetup,
          placeholder('Write SQL here, e.g. SELECT * FROM events LIMIT 100. Ctrl+Enter runs it.'),
          language.current.of(
            sql({ dialect: PostgreSQL, schema: latest.current.schema, upperCaseKeywords: true }),
          ),
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                preventDefault: true,
                run: (ed) => {
                  latest.current.onRun(selectionRequest(ed));
                  return true;
                },
              },
              {
                key: 'Shift-Alt-f',
                run: (ed) => {
                  ed.dispatch({
                    changes: { from: 0, to: ed.state.doc.length, insert: formatSql(ed.state.doc.toString()) },
                  });
                  return true;
                },
              },
            ]),
          ),
          errorMarks(),
          EditorView.contentAttributes.of({ 'aria-label': latest.current.label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  // A different tab (or an outside change) replaces the text.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== props.value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: props.value } });
    }
  }, [props.value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: language.current.reconfigure(
        sql({ dialect: PostgreSQL, schema: props.schema as SQLNamespace, upperCaseKeywords: true }),
      ),
    });
  }, [props.schema]);

  useImperativeHandle(ref, () => ({
    runRequest: () =>
      view.current ? selectionRequest(view.current) : { sql: latest.current.value, base: 0 },
    showError: (range) => view.current?.dispatch({ effects: setErrorRange.of(range) }),
    replace: (from, to, text) => view.current?.dispatch({ changes: { from, to, insert: text } }),
    format: () => {
      const v = view.current;
      if (v)
        v.dispatch({
          changes: { from: 0, to: v.state.doc.length, insert: formatSql(v.state.doc.toString()) },
        });
    },
    focus: () => view.current?.focus(),
  }));

  return <div className="sql-editor" ref={host} data-testid="sql-editor" />;
});
