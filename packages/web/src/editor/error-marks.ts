import { type Extension, RangeSetBuilder, StateEffect, StateField } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView } from '@codemirror/view';

/** Where the engine said the SQL is wrong, as document offsets (`to` > `from`), or null to clear. */
export type ErrorRange = { from: number; to: number } | null;

/** Sets (or clears) the underlined error range. */
export const setErrorRange = StateEffect.define<ErrorRange>();

const mark = Decoration.mark({ class: 'cm-sql-error', attributes: { 'aria-invalid': 'true' } });

/** The word (identifier, number or quoted name) starting at `offset`, at least one character, within the doc. */
export function errorSpan(doc: string, offset: number): { from: number; to: number } {
  const from = Math.min(Math.max(offset, 0), Math.max(doc.length - 1, 0));
  const rest = doc.slice(from);
  const m = /^("[^"]*"|'[^']*'|[\p{L}\p{N}_.]+)/u.exec(rest);
  const len = m ? m[0].length : 1;
  return { from, to: Math.min(from + Math.max(len, 1), doc.length) };
}

/** The underline of the engine's error position; it is cleared as soon as the text changes. */
export function errorMarks(): Extension {
  const field = StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(deco, tr) {
      for (const e of tr.effects) {
        if (e.is(setErrorRange)) {
          if (e.value === null || e.value.to <= e.value.from) return Decoration.none;
          const b = new RangeSetBuilder<Decoration>();
          b.add(e.value.from, Math.min(e.value.to, tr.state.doc.length), mark);
          return b.finish();
        }
      }
      return tr.docChanged ? Decoration.none : deco;
    },
    provide: (f) => EditorView.decorations.from(f),
  });
  return field;
}
