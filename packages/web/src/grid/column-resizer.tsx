import { useRef } from 'react';

const MIN = 60;
const MAX = 800;

/** The drag handle on a header's right edge; arrow keys resize by 20 px when it has focus. */
export function ColumnResizer(props: { name: string; width: number; onResize(width: number): void }) {
  const start = useRef<{ x: number; width: number } | null>(null);
  const clamp = (w: number) => Math.min(Math.max(Math.round(w), MIN), MAX);
  return (
    // biome-ignore lint/a11y/useSemanticElements: an <hr> cannot be focused and dragged; this is the ARIA splitter
    <div
      className="grid-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize column ${props.name}`}
      aria-valuenow={props.width}
      aria-valuemin={MIN}
      aria-valuemax={MAX}
      tabIndex={0}
      onPointerDown={(e) => {
        start.current = { x: e.clientX, width: props.width };
        e.currentTarget.setPointerCapture(e.pointerId);
        e.stopPropagation();
      }}
      onPointerMove={(e) => {
        if (start.current) props.onResize(clamp(start.current.width + e.clientX - start.current.x));
      }}
      onPointerUp={() => {
        start.current = null;
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') props.onResize(clamp(props.width - 20));
        else if (e.key === 'ArrowRight') props.onResize(clamp(props.width + 20));
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
    />
  );
}
