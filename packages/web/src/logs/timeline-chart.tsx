import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from 'react';
import { formatCount } from '../format/format.js';
import { intervalWords, plural, timeLabel } from './log-format.js';
import type { LogTimeline } from './log-types.js';

const HEIGHT = 171;
const LANE = 12;
const PAD = { top: 10, right: 12, bottom: 24 + LANE + 9, left: 44 };

/** A round axis maximum just above `n` (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten). */
function niceMax(n: number): number {
  if (n <= 4) return Math.max(Math.ceil(n), 1);
  const p = 10 ** Math.floor(Math.log10(n));
  const f = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((x) => x * p >= n) ?? 10;
  return f * p;
}

/**
 * Events per interval as stacked bars (errors at the base in the danger colour, warnings amber, the rest muted),
 * so error counts read against one baseline. Drag across
 * it to narrow everything to that span; double-click or Esc to zoom back out.
 * Keyboard: arrows move the focused bar, Shift+arrows widen the selection, Enter narrows to it.
 */
export function TimelineChart(props: {
  timeline: LogTimeline;
  zoomed: boolean;
  onRange(range: { from: string; to: string } | undefined): void;
}) {
  const { timeline } = props;
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const [cursor, setCursor] = useState<{ a: number; b: number } | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(320, el.clientWidth)));
    ro.observe(el);
    setWidth(Math.max(320, el.clientWidth));
    return () => ro.disconnect();
  }, []);

  const buckets = timeline.buckets;
  const step = timeline.interval?.seconds ?? 60;
  const n = buckets.length;
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const barW = n ? plotW / n : plotW;
  const max = niceMax(Math.max(1, ...buckets.map((b) => b.errors + b.warnings + b.others)));
  const y = (v: number) => (v / max) * plotH;
  // The errors lane scales to the most errors in one bar, so a spike shows even when errors are a sliver of traffic.
  const maxErrors = Math.max(1, ...buckets.map((b) => b.errors));
  const indexAt = (clientX: number, el: Element) => {
    const x = clientX - el.getBoundingClientRect().left - PAD.left;
    return Math.min(n - 1, Math.max(0, Math.floor(x / barW)));
  };
  const startOf = (i: number) => Date.parse(buckets[i]!.start);
  const apply = (a: number, b: number) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    props.onRange({
      from: new Date(startOf(lo)).toISOString(),
      to: new Date(startOf(hi) + step * 1000).toISOString(),
    });
  };

  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if (!n || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const i = indexAt(e.clientX, e.currentTarget);
    setDrag({ a: i, b: i });
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    if (drag) setDrag({ a: drag.a, b: indexAt(e.clientX, e.currentTarget) });
  };
  const onPointerUp = () => {
    if (!drag) return;
    setDrag(null);
    // A plain click (no drag) narrows nothing, so a double-click to zoom out is not preceded by two zooms in.
    if (drag.a === drag.b) return;
    apply(drag.a, drag.b);
  };
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (!n) return;
    const c = cursor ?? { a: 0, b: 0 };
    const move = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (move) {
      e.preventDefault();
      const b = Math.min(n - 1, Math.max(0, c.b + move));
      setCursor(e.shiftKey ? { a: c.a, b } : { a: b, b });
    } else if (e.key === 'Enter' && cursor) {
      e.preventDefault();
      apply(cursor.a, cursor.b);
      setCursor(null);
    } else if (e.key === 'Escape') {
      setCursor(null);
      if (props.zoomed) props.onRange(undefined);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      const b = e.key === 'Home' ? 0 : n - 1;
      setCursor(e.shiftKey ? { a: c.a, b } : { a: b, b });
    }
  };

  const sel = drag ?? cursor;
  const ticks = n ? [...new Set(Array.from({ length: 6 }, (_, k) => Math.round((k * (n - 1)) / 5)))] : [];
  const spansDays = n > 0 && startOf(n - 1) - startOf(0) >= 86_400_000;
  const dayOf = (i: number) => Math.floor(startOf(i) / 86_400_000);
  const focusBucket = cursor ? buckets[cursor.b] : undefined;
  const label = timeline.interval
    ? `Timeline: ${formatCount(timeline.total)} lines in ${intervalWords(timeline.interval.label)} bars, ${formatCount(timeline.errors)} errors. Drag or use arrow keys and Enter to narrow to a span.`
    : 'Timeline';

  return (
    <div className="log-timeline" ref={box} data-from={timeline.from ?? ''} data-to={timeline.to ?? ''}>
      <svg
        width={width}
        height={HEIGHT}
        role="img"
        aria-label={label}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the chart takes arrow keys to move a selection, like a slider
        tabIndex={0}
        data-testid="log-timeline"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(null)}
        onDoubleClick={() => props.zoomed && props.onRange(undefined)}
        onKeyDown={onKeyDown}
        onBlur={() => setCursor(null)}
      >
        <g transform={`translate(${PAD.left},${PAD.top})`}>
          {(Number.isInteger(max / 2) ? [0, max / 2, max] : [0, max]).map((v) => (
            <g key={v} transform={`translate(0,${plotH - y(v)})`}>
              <line className="log-grid" x1={0} x2={plotW} />
              <text className="log-axis" x={-6} dy="0.32em" textAnchor="end">
                {formatCount(v)}
              </text>
            </g>
          ))}
          {buckets.map((b, i) => {
            const x = i * barW + (barW > 4 ? 0.5 : 0);
            const w = Math.max(1, barW - (barW > 4 ? 1 : 0));
            const total = b.errors + b.warnings + b.others;
            const hOther = y(b.others);
            const hWarn = y(b.warnings);
            const hErr = y(b.errors);
            return (
              <g key={b.start} data-start={b.start}>
                <title>
                  {`${timeLabel(startOf(i), step, true)}: ${plural(total, 'line')}, ${plural(b.errors, 'error')}, ${plural(b.warnings, 'warning')}`}
                </title>
                <rect className="log-bar-hit" x={i * barW} y={0} width={barW} height={plotH} />
                <rect className="log-bar error" x={x} y={plotH - hErr} width={w} height={hErr} />
                <rect className="log-bar warning" x={x} y={plotH - hErr - hWarn} width={w} height={hWarn} />
                <rect
                  className="log-bar other"
                  x={x}
                  y={plotH - hErr - hWarn - hOther}
                  width={w}
                  height={hOther}
                />
              </g>
            );
          })}
          {sel ? (
            <rect
              className="log-brush"
              x={Math.min(sel.a, sel.b) * barW}
              y={0}
              width={(Math.abs(sel.b - sel.a) + 1) * barW}
              height={plotH}
            />
          ) : null}
          <line className="log-baseline" x1={0} x2={plotW} y1={plotH} y2={plotH} />
          <text className="log-axis" x={-6} y={plotH + 7 + LANE / 2} dy="0.32em" textAnchor="end">
            errors
          </text>
          <path className="log-lane-bg" d={`M0 ${plotH + 7}h${plotW}v${LANE}h${-plotW}Z`} />
          {buckets.map((b, i) =>
            b.errors > 0 ? (
              <rect
                key={b.start}
                className="log-lane"
                x={i * barW}
                y={plotH + 7}
                width={Math.max(1, barW)}
                height={LANE}
                opacity={0.15 + 0.85 * (b.errors / maxErrors)}
              />
            ) : null,
          )}
          {ticks.map((i, k) => (
            <text
              key={i}
              className="log-axis"
              x={i * barW + barW / 2}
              y={plotH + LANE + 25}
              textAnchor={k === 0 ? 'start' : k === ticks.length - 1 ? 'end' : 'middle'}
            >
              {timeLabel(
                startOf(i),
                step,
                spansDays && step < 86_400 && (k === 0 || dayOf(i) !== dayOf(ticks[k - 1]!)),
              )}
            </text>
          ))}
        </g>
      </svg>
      <div className="log-timeline-foot small muted" aria-live="polite">
        {focusBucket
          ? `${timeLabel(Date.parse(focusBucket.start), step, true)}: ${formatCount(focusBucket.errors + focusBucket.warnings + focusBucket.others)} lines. Enter to narrow, Esc to cancel.`
          : 'Drag across the bars to narrow to a span; double-click to zoom back out.'}
      </div>
    </div>
  );
}
