import { useRef } from 'react';

/** Clamps the editor's share of the work area (percent) to a usable range. */
export function clampShare(share: number): number {
  return Math.min(Math.max(share, 15), 80);
}

/**
 * The bar between the editor and the result: drag it, or focus it and use the arrow keys, to give one more room.
 * `share` is the editor's height in percent of the work area.
 */
export function Splitter(props: { share: number; onChange(share: number): void }) {
  const dragging = useRef(false);
  return (
    // biome-ignore lint/a11y/useSemanticElements: an <hr> cannot be focused and dragged; this is the ARIA window splitter
    <div
      className="splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the editor and the result"
      aria-valuemin={15}
      aria-valuemax={80}
      aria-valuenow={Math.round(props.share)}
      tabIndex={0}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (!dragging.current) return;
        const area = e.currentTarget.parentElement?.getBoundingClientRect();
        if (!area || area.height === 0) return;
        props.onChange(clampShare(((e.clientY - area.top) / area.height) * 100));
      }}
      onPointerUp={() => {
        dragging.current = false;
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowUp') props.onChange(clampShare(props.share - 5));
        else if (e.key === 'ArrowDown') props.onChange(clampShare(props.share + 5));
        else return;
        e.preventDefault();
      }}
    />
  );
}
