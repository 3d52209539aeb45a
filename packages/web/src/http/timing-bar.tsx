import { formatDuration } from '../format/format.js';
import type { HttpTimings } from './http-types.js';

/** One phase of the timing bar. */
export interface TimingSegment {
  id: 'dns' | 'connect' | 'tls' | 'wait' | 'download';
  label: string;
  ms: number;
  /** Where the phase starts, in ms from the start of the request. */
  start: number;
}

const LABELS: Record<TimingSegment['id'], string> = {
  dns: 'DNS lookup',
  connect: 'Connect',
  tls: 'TLS handshake',
  wait: 'Waiting for the first byte',
  download: 'Download',
};

/**
 * The phases one after the other: DNS, connect, TLS (each skipped when it did not happen), waiting for the first
 * byte, then the download (what remains of the total; redirects count there too). Each phase is a duration
 * (docs/http.md).
 */
export function timingSegments(t: HttpTimings, redirects = 0): TimingSegment[] {
  const out: TimingSegment[] = [];
  let at = 0;
  const add = (id: TimingSegment['id'], ms: number | null) => {
    if (ms === null) return;
    const d = Math.max(0, ms);
    const label = id === 'download' && redirects > 0 ? 'Redirects and download' : LABELS[id];
    out.push({ id, label, ms: d, start: at });
    at += d;
  };
  add('dns', t.dns);
  add('connect', t.connect);
  add('tls', t.tls);
  add('wait', t.firstByte);
  add('download', Math.max(0, t.total - at));
  return out;
}

/** A horizontal bar of the phases with a legend that names each with its duration. */
export function TimingBar(props: { timings: HttpTimings; redirects?: number }) {
  const segments = timingSegments(props.timings, props.redirects ?? 0);
  const total = Math.max(props.timings.total, 0.001);
  return (
    <figure className="timing" aria-label="Timing">
      <div className="timing-bar">
        {segments.map((s) => (
          <span
            key={s.id}
            className={`timing-seg seg-${s.id}`}
            style={{ left: `${(s.start / total) * 100}%`, width: `max(2px, ${(s.ms / total) * 100}%)` }}
            title={`${s.label}: ${formatDuration(s.ms)}`}
          />
        ))}
      </div>
      <figcaption className="timing-legend small">
        {segments.map((s) => (
          <span key={s.id} className="timing-item" data-phase={s.id}>
            <span className={`timing-swatch seg-${s.id}`} aria-hidden="true" />
            {s.label} <strong>{formatMs(s.ms)}</strong>
          </span>
        ))}
        <span className="timing-item total">
          Total <strong>{formatMs(props.timings.total)}</strong>
        </span>
      </figcaption>
    </figure>
  );
}

/** Short durations with one decimal under 10 ms ("0.4 ms"), as formatDuration above. */
export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : formatDuration(ms);
}
