/** A small bar sparkline of counts per timeline bar (decorative: the count beside it says the number). */
export function Sparkline(props: { series: number[]; width?: number; height?: number }) {
  const w = props.width ?? 120;
  const h = props.height ?? 22;
  const n = props.series.length;
  if (n === 0) return null;
  const max = Math.max(1, ...props.series);
  const bw = w / n;
  const bars = props.series
    .map((v, i) => {
      if (v <= 0) return '';
      const bh = Math.max(1, (v / max) * (h - 1));
      return `M${(i * bw).toFixed(2)} ${(h - 1 - bh).toFixed(2)}h${Math.max(0.8, bw - 0.4).toFixed(2)}v${bh.toFixed(2)}h${(-Math.max(0.8, bw - 0.4)).toFixed(2)}Z`;
    })
    .join('');
  return (
    <svg className="log-spark" width={w} height={h} aria-hidden="true">
      <path d={bars} />
      <line x1={0} x2={w} y1={h - 0.5} y2={h - 0.5} />
    </svg>
  );
}
