import { isIntegerType, type TypeFamily } from './source.js';
import { readableFormat, type TextProfile } from './text-profile.js';
import type { MismatchKind, TransformStep } from './types.js';

/** One side of a key pair as the detectors see it. */
export interface KeySide {
  label: string;
  column: string;
  type: string;
  family: TypeFamily;
  /** Present for text columns. */
  profile?: TextProfile;
}

/** A possible fix of a key pair, before it is measured. */
export interface Candidate {
  kind: MismatchKind;
  message: string;
  fixLabel: string;
  left?: TransformStep[];
  right?: TransformStep[];
}

const name = (s: KeySide) => `${s.label}.${s.column}`;

/**
 * The fixes worth measuring for one key pair, from the columns' types and value shapes: text vs number or date
 * (cast), spaces (trim), capitals (lower), leading zeros (lpad or remove them), different date formats (strptime).
 */
export function mismatchCandidates(left: KeySide, right: KeySide): Candidate[] {
  if (left.family !== right.family) return typeCandidates(left, right);
  if (left.family !== 'text' || !left.profile || !right.profile) return [];
  const lp = left.profile;
  const rp = right.profile;
  const out: Candidate[] = [];
  const trimL = lp.padded > 0;
  const trimR = rp.padded > 0;
  if (trimL || trimR) {
    const who = trimL && trimR ? 'both sides' : name(trimL ? left : right);
    out.push({
      kind: 'spaces',
      message: `Some values of ${who} have spaces before or after them, so they don't match.`,
      fixLabel: 'Remove the spaces (trim)',
      ...(trimL ? { left: [{ op: 'trim' }] } : {}),
      ...(trimR ? { right: [{ op: 'trim' }] } : {}),
    });
  }
  if (lp.upper > 0 || rp.upper > 0) {
    const steps: TransformStep[] = [{ op: 'trim' }, { op: 'lower' }];
    out.push({
      kind: 'case',
      message: `${name(left)} and ${name(right)} write some values with different capitals.`,
      fixLabel: 'Ignore capitals (lower)',
      left: trimL ? steps : [{ op: 'lower' }],
      right: trimR ? steps : [{ op: 'lower' }],
    });
  }
  const zeros = leadingZeros(left, right);
  if (zeros) out.push(zeros);
  if (lp.dateFormat && rp.dateFormat && lp.dateFormat !== rp.dateFormat) {
    out.push({
      kind: 'date-format',
      message: `${name(left)} writes dates as ${readableFormat(lp.dateFormat)} and ${name(right)} as ${readableFormat(rp.dateFormat)}.`,
      fixLabel: 'Read both as dates',
      left: [{ op: 'trim' }, { op: 'strptime', format: lp.dateFormat }],
      right: [{ op: 'trim' }, { op: 'strptime', format: rp.dateFormat }],
    });
  }
  return out;
}

function leadingZeros(left: KeySide, right: KeySide): Candidate | null {
  const lp = left.profile;
  const rp = right.profile;
  if (!lp || !rp || lp.leadingZeros === rp.leadingZeros || lp.integers === 0 || rp.integers === 0)
    return null;
  const [padded, other, paddedSide] =
    lp.leadingZeros > rp.leadingZeros ? [left, right, 'left'] : [right, left, 'right'];
  const p = padded.profile as TextProfile;
  const message = `${name(padded)} has leading zeros that ${name(other)} doesn't have.`;
  if (p.digitsMinLength !== null && p.digitsMinLength === p.digitsMaxLength) {
    const pad: TransformStep[] = [{ op: 'trim' }, { op: 'lpad', width: p.digitsMinLength }];
    return {
      kind: 'leading-zeros',
      message,
      fixLabel: `Pad ${other.column} with zeros to ${p.digitsMinLength} digits`,
      ...(paddedSide === 'left' ? { right: pad } : { left: pad }),
    };
  }
  const strip: TransformStep[] = [{ op: 'trim' }, { op: 'ltrimZeros' }];
  return { kind: 'leading-zeros', message, fixLabel: 'Remove leading zeros', left: strip, right: strip };
}

function typeCandidates(left: KeySide, right: KeySide): Candidate[] {
  const [text, other, textSide] = left.family === 'text' ? [left, right, 'left'] : [right, left, 'right'];
  const put = (textSteps: TransformStep[], otherSteps?: TransformStep[]) =>
    textSide === 'left'
      ? { left: textSteps, ...(otherSteps ? { right: otherSteps } : {}) }
      : { right: textSteps, ...(otherSteps ? { left: otherSteps } : {}) };
  if (text.family === 'text' && other.family === 'number') {
    const whole =
      isIntegerType(other.type) &&
      text.profile !== undefined &&
      text.profile.integers === text.profile.numbers;
    return [
      {
        kind: 'text-vs-number',
        message: `${name(text)} is text and ${name(other)} is a number, so they can't be compared as they are.`,
        fixLabel: `Read ${text.column} as a number`,
        ...put([{ op: 'trim' }, { op: 'cast', to: whole ? 'BIGINT' : 'DOUBLE' }]),
      },
    ];
  }
  if (text.family === 'text' && other.family === 'date' && text.profile?.dateFormat) {
    const format = text.profile.dateFormat;
    const otherSteps: TransformStep[] | undefined =
      other.type.toUpperCase() === 'DATE' ? undefined : [{ op: 'cast', to: 'DATE' }];
    return [
      {
        kind: 'text-vs-date',
        message: `${name(text)} is text (dates written as ${readableFormat(format)}) and ${name(other)} is a ${other.type.toUpperCase() === 'DATE' ? 'date' : 'timestamp'}.`,
        fixLabel: `Read ${text.column} as a date`,
        ...put([{ op: 'trim' }, { op: 'strptime', format }], otherSteps),
      },
    ];
  }
  return [
    {
      kind: 'types-differ',
      message: `${name(left)} is ${left.type} and ${name(right)} is ${right.type}, so they can't be compared as they are.`,
      fixLabel: 'Compare both as text',
      left: [{ op: 'cast', to: 'VARCHAR' }],
      right: [{ op: 'cast', to: 'VARCHAR' }],
    },
  ];
}
