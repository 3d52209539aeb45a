import type { BuilderQueryInput, BuilderSource } from '@sightline/spec';

/** A step as the builder edits it (defaults optional, possibly unfinished). */
export type StepDraft = NonNullable<BuilderQueryInput['steps']>[number];
/** A step's kind. */
export type StepType = StepDraft['type'];

/** The question being built: where it starts and its steps (kept in storage between visits). */
export interface AskDraft {
  source: BuilderSource | null;
  steps: StepDraft[];
  /** The name it was saved under, when it was. */
  savedAs?: string;
  /** The live connection whose tables it reads (the question then runs there, pushed down); absent: the workspace. */
  on?: string;
}

/** The storage key of the draft. */
export const DRAFT_KEY = 'sightline.ask.draft';

/** An empty draft. */
export function emptyDraft(): AskDraft {
  return { source: null, steps: [] };
}

/** The draft kept in `storage`, or an empty one when there is none or it can't be read. */
export function loadDraft(storage: Storage): AskDraft {
  try {
    const raw = storage.getItem(DRAFT_KEY);
    if (!raw) return emptyDraft();
    const parsed = JSON.parse(raw) as Partial<AskDraft>;
    if (!Array.isArray(parsed.steps)) return emptyDraft();
    return {
      source: parsed.source ?? null,
      steps: parsed.steps,
      ...(typeof parsed.savedAs === 'string' ? { savedAs: parsed.savedAs } : {}),
      ...(typeof parsed.on === 'string' ? { on: parsed.on } : {}),
    };
  } catch {
    return emptyDraft();
  }
}

/** Keeps the draft in `storage` (a full storage is ignored: the draft is a convenience). */
export function saveDraft(storage: Storage, draft: AskDraft): void {
  try {
    storage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Quota exceeded or storage disabled: nothing to do.
  }
}

/** The menu of steps, in the order a question is usually built. */
export const STEP_MENU: { type: StepType; label: string; hint: string }[] = [
  { type: 'filter', label: 'Filter', hint: 'Keep only some rows' },
  { type: 'join', label: 'Join', hint: 'Add columns from another table' },
  { type: 'customColumn', label: 'Custom column', hint: 'Compute a new column with a formula' },
  { type: 'summarize', label: 'Summarise', hint: 'Count, sum or average, per group' },
  { type: 'sort', label: 'Sort', hint: 'Order the rows' },
  { type: 'limit', label: 'Limit', hint: 'Keep the first rows' },
];

/** A new step of `type`, pre-filled with the first sensible column of `columns`. */
export function newStep(type: StepType, columns: { name: string; type?: string }[]): StepDraft {
  const first = columns[0]?.name ?? '';
  switch (type) {
    case 'filter':
      return { type, combine: 'and', conditions: [{ column: first, op: '=', value: '' }] };
    case 'customColumn':
      return { type, name: 'new_column', formula: '' };
    case 'summarize':
      return { type, groupBy: [], aggregates: [{ fn: 'count' }] };
    case 'sort':
      return { type, by: [{ column: first, dir: 'desc' }] };
    case 'limit':
      return { type, n: 100 };
    case 'join':
      return { type, kind: 'left', with: { kind: 'table', name: '' }, on: [{ left: '', right: '' }] };
  }
}

/** `steps` with the one at `i` moved by `delta` places (unchanged at the ends). */
export function moveStep(steps: StepDraft[], i: number, delta: -1 | 1): StepDraft[] {
  const j = i + delta;
  if (i < 0 || i >= steps.length || j < 0 || j >= steps.length) return steps;
  const out = [...steps];
  [out[i], out[j]] = [out[j] as StepDraft, out[i] as StepDraft];
  return out;
}

/** `steps` without the one at `i`. */
export function removeStep(steps: StepDraft[], i: number): StepDraft[] {
  return steps.filter((_, j) => j !== i);
}

/** `steps` with the one at `i` replaced. */
export function replaceStep(steps: StepDraft[], i: number, step: StepDraft): StepDraft[] {
  return steps.map((s, j) => (j === i ? step : s));
}
