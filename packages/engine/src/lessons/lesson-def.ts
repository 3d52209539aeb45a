/** How a lesson's check compares the learner's result with the answer. */
export interface CheckRules {
  /** The goal asks for an order: the rows must come in the answer's order (default false). */
  ordered?: boolean;
  /** Columns whose order matters when `ordered` (default: all); rows tied on them may come in any order. */
  orderBy?: string[];
  /** What to say when the rows are right but not in order, e.g. `sort by pro_users, largest first`. */
  orderHint?: string;
  /** Column names must match the answer's (default true); when false, columns are compared by position. */
  names?: boolean;
  /** Largest absolute difference between two numbers that still counts as equal (default: 1e-9 relative). */
  tolerance?: number;
  /** The question to ask when the learner has more rows than the answer, e.g. `did you filter on plan?`. */
  moreRowsHint?: string;
  /** The question to ask when the learner has fewer rows than the answer. */
  fewerRowsHint?: string;
  /** The question to ask when the values of one column differ, by column name. */
  columnHints?: Record<string, string>;
}

/** One interactive lesson: the idea, a goal, hints, a starter, the reference answer and how to check. */
export interface LessonDef {
  id: string;
  title: string;
  /** The idea in a few short paragraphs, plain words. */
  concept: string[];
  /** What the learner's query must return. */
  goal: string;
  /** SQL the editor starts with. `{{files}}` stands for the workspace's files folder (in SQL quotes). */
  starter: string;
  /** Revealed one at a time. */
  hints: string[];
  /** The reference answer (same `{{files}}` placeholder). */
  solution: string;
  check: CheckRules;
  /** Files the lesson writes into the workspace's files folder when it starts (name -> contents). */
  files?: Record<string, string>;
  /** Error teacher lesson ids this lesson covers besides its own id. */
  covers?: string[];
}

/** A versioned list of lessons. */
export interface LessonSet {
  version: 1;
  lessons: LessonDef[];
}

/** Checks a lesson list: ids unique and kebab-case, every text present, hints given, covered ids unclaimed twice. */
export function validateLessons(
  set: LessonSet,
): { ok: true; value: LessonSet } | { ok: false; error: string } {
  if (set.version !== 1) return { ok: false, error: `Unknown lesson list version ${String(set.version)}.` };
  const seen = new Set<string>();
  for (const l of set.lessons) {
    const where = `Lesson "${l.id}"`;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(l.id))
      return { ok: false, error: `${where} needs a kebab-case id.` };
    for (const id of [l.id, ...(l.covers ?? [])]) {
      if (seen.has(id)) return { ok: false, error: `${where}: the id "${id}" is used twice.` };
      seen.add(id);
    }
    const texts: [string, string][] = [
      ['title', l.title],
      ['goal', l.goal],
      ['starter', l.starter],
      ['solution', l.solution],
    ];
    for (const [name, text] of texts) {
      if (text.trim() === '') return { ok: false, error: `${where} has an empty ${name}.` };
    }
    if (l.concept.length === 0 || l.concept.some((p) => p.trim() === '')) {
      return { ok: false, error: `${where} needs its idea in at least one paragraph.` };
    }
    if (l.hints.length === 0) return { ok: false, error: `${where} needs at least one hint.` };
    if (l.check.orderBy && !l.check.ordered) {
      return { ok: false, error: `${where} names orderBy columns but does not ask for an order.` };
    }
  }
  return { ok: true, value: set };
}

/** Puts the files folder (as the inside of an SQL string literal) where a lesson's SQL says `{{files}}`. */
export function withFilesDir(sql: string, filesDir: string): string {
  return sql.replaceAll('{{files}}', filesDir.replaceAll("'", "''"));
}
