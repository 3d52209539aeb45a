const FRAME =
  /^(?:\s+\S|at\s|Traceback \(most recent call last\)|Caused by:|\.\.\. \d+ (?:more|common frames omitted))/;
const EXCEPTION =
  /^(?:[a-z_][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable)\b|^[A-Z][\w.]*(?:Error|Exception|Exit|Interrupt|Warning)(?::|$)/;

/**
 * Whether a line that is not an entry continues the previous one: indented lines and stack frames (`at ...`,
 * `Traceback ...`, `Caused by: ...`, `... 12 more`) always; an exception line (`java.lang.IllegalStateException: x`,
 * `ValueError: bad`) only right after such a line (`inTrace`).
 */
export function isContinuation(line: string, inTrace: boolean): boolean {
  if (FRAME.test(line)) return true;
  return inTrace && EXCEPTION.test(line);
}

/** Share (0..1) of the non-empty sample lines that `isEntry` accepts; continuations count when `multiLine`. */
export function shareOfEntries(
  sample: readonly string[],
  isEntry: (line: string) => boolean,
  multiLine: boolean,
): number {
  let total = 0;
  let good = 0;
  let afterEntry = false;
  for (const line of sample) {
    if (line.trim() === '') continue;
    total++;
    if (isEntry(line)) {
      good++;
      afterEntry = true;
    } else if (multiLine && afterEntry && isContinuation(line, true)) good++;
    else afterEntry = false;
  }
  return total === 0 ? 0 : good / total;
}
