import type { LogFormat } from './log-format.js';
import type { LogFormatRegistry } from './registry.js';

/** How well one format reads a sample. */
export interface LogCandidate {
  id: string;
  label: string;
  /** Share (0..1) of the sample's non-empty lines the format reads. */
  confidence: number;
}

/** The detected format (null when none reads any line) and every format's score, best first. */
export interface LogDetection {
  format: LogFormat | null;
  confidence: number;
  candidates: LogCandidate[];
}

/** How many non-empty lines detection looks at. */
export const DETECT_LINES = 200;

/** Scores every registered format on the sample; ties go to the format registered first. */
export function detectLogFormat(sample: readonly string[], registry: LogFormatRegistry): LogDetection {
  const lines = sample.filter((l) => l.trim() !== '').slice(0, DETECT_LINES);
  const scored = registry
    .list()
    .map((format, order) => ({ format, order, confidence: format.detect(lines) }));
  scored.sort((a, b) => b.confidence - a.confidence || a.order - b.order);
  const best = scored[0];
  return {
    format: best && best.confidence > 0 ? best.format : null,
    confidence: best?.confidence ?? 0,
    candidates: scored.map((s) => ({ id: s.format.id, label: s.format.label, confidence: s.confidence })),
  };
}
