import { typeKind } from '../format/format.js';

const ICONS: Record<ReturnType<typeof typeKind>, { glyph: string; label: string }> = {
  number: { glyph: '#', label: 'number' },
  date: { glyph: '▦', label: 'date' },
  timestamp: { glyph: '◷', label: 'date and time' },
  text: { glyph: 'Aa', label: 'text' },
  boolean: { glyph: '◐', label: 'yes/no' },
  other: { glyph: '{}', label: 'other' },
};

/** A small glyph for a column type (with the type's kind as its accessible name; never colour alone). */
export function TypeIcon({ type }: { type: string }) {
  const kind = typeKind(type);
  const icon = ICONS[kind];
  return (
    <span className={`type-icon type-${kind}`} role="img" aria-label={icon.label} title={type}>
      {icon.glyph}
    </span>
  );
}
