import { count } from './metric-format.js';
import type { MetricKind } from './metric-state.js';

type Opts = Record<string, unknown>;
interface Match {
  event: string;
  filters?: { column: string; op: string; value?: unknown }[];
}

const OP_WORDS: Record<string, string> = {
  '=': 'is',
  '!=': 'is not',
  in: 'is one of',
  not_in: 'is none of',
  contains: 'contains',
  '<': 'is below',
  '<=': 'is at most',
  '>': 'is above',
  '>=': 'is at least',
  is_null: 'is empty',
  is_not_null: 'is set',
};

function value(v: unknown): string {
  if (Array.isArray(v)) return v.map(value).join(', ');
  return typeof v === 'string' ? `"${v}"` : String(v);
}

/** An event with its filters in words: `signup (where country is "US")`. */
export function describeMatch(m: Match | undefined): string {
  if (!m) return 'any event';
  const filters = (m.filters ?? []).map(
    (f) => `${f.column} ${OP_WORDS[f.op] ?? f.op}${f.value === undefined ? '' : ` ${value(f.value)}`}`,
  );
  return filters.length ? `${m.event} (where ${filters.join(' and ')})` : m.event;
}

/** "14d" -> "14 days", "12h" -> "12 hours", 3600 -> "3600 seconds". */
export function windowWords(w: unknown): string {
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw]?)$/i.exec(String(w ?? '').trim());
  if (!m) return String(w);
  const n = Number(m[1]);
  const unit = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week', '': 'second' }[
    (m[2] ?? '').toLowerCase()
  ];
  return `${m[1]} ${unit}${n === 1 ? '' : 's'}`;
}

function rangeWords(o: Opts, what: string): string | null {
  const tz = String(o.tz ?? 'UTC');
  if (o.since && o.until)
    return `Only ${what} from ${o.since} up to (not including) ${o.until} count (midnight ${tz}).`;
  if (o.since) return `Only ${what} on or after ${o.since} count (midnight ${tz}).`;
  if (o.until) return `Only ${what} before ${o.until} count (midnight ${tz}).`;
  return null;
}

function ignoredWords(stats: Opts, actorCol: unknown): string | null {
  const ignored = Number(stats.rows_ignored ?? stats.ignored_rows ?? 0);
  if (!ignored) return null;
  return `${count(ignored)} rows have no user id in "${String(actorCol ?? 'the actor column')}" and are ignored.`;
}

/**
 * What a metric's numbers mean, written for the options that were in force (from the answer's `options`), one
 * paragraph per point.
 */
export function explainMetric(metric: MetricKind, o: Opts, stats: Opts): string[] {
  const out: string[] = [];
  const who = `Users are told apart by "${String(o.actor_col)}", events by "${String(o.event_col)}", and time by "${String(o.time_col)}" (calendar days in ${String(o.tz ?? 'UTC')}).`;
  if (metric === 'funnel') {
    const steps = (o.steps as Match[] | undefined) ?? [];
    const [first, ...rest] = steps.map(describeMatch);
    const order = String(o.order ?? 'ordered');
    const chain =
      order === 'any'
        ? `A user converts when they do ${steps.map(describeMatch).join(', ')} in any order, all within ${windowWords(o.window)} of each other.`
        : `A user converts when they do ${first}, then ${rest.join(', then ')}${order === 'strict' ? ', with no other event of theirs in between' : ''}, within ${windowWords(o.window)} of ${steps[0]?.event ?? 'the first step'}.`;
    out.push(chain);
    out.push(
      o.anchor === 'first_entry'
        ? `Only each user's first ${steps[0]?.event ?? 'step-1 event'} may start the attempt.`
        : `Any ${steps[0]?.event ?? 'step-1 event'} may start the attempt; each user counts once, with their best attempt (the one that gets furthest, earliest).`,
    );
    out.push(
      'Users at a step = users whose best attempt reached it. "Of step 1" divides them by the users of step 1, "of previous" by the users of the step before. The median time is the middle of the times between the previous step and this one, over the users who reached it (half took less).',
    );
    for (const x of (o.exclusions as (Match & { from: number; to: number })[] | undefined) ?? []) {
      out.push(
        `A user who does ${describeMatch(x)} between step ${x.from} and step ${x.to} is removed from the whole funnel.`,
      );
    }
    if (o.breakdown)
      out.push(
        `Each user is counted in the group of "${String(o.breakdown)}" on their first step ("(none)" when empty).`,
      );
    const range = rangeWords(o, 'attempts whose first step happens');
    if (range) out.push(range);
  } else if (metric === 'retention') {
    const period = String(o.period ?? 'week');
    const start = describeMatch(o.start as Match);
    const ret = o.return === 'any' ? 'any event' : describeMatch(o.return as Match);
    out.push(
      o.cohort === 'recurring'
        ? `A user belongs to every ${period} in which they do ${start} (their cohorts).`
        : `Each user belongs to the ${period} of their first ${start} (their cohort).`,
    );
    out.push(
      o.criterion === 'on_or_after'
        ? `A cell of ${period} N counts the cohort's users who do ${ret} in ${period} N after their cohort's ${period} or any later ${period}.`
        : `A cell of ${period} N counts the cohort's users who do ${ret} during exactly the Nth ${period} after their cohort's ${period}. ${period[0]?.toUpperCase()}${period.slice(1)} 0 is the whole cohort.`,
    );
    out.push(
      `An empty cell is not a zero: that ${period} isn't over yet in the data (it ends after the last event), so it is left out, and the averages use complete cells only, weighted by cohort size.`,
    );
    const range = rangeWords(o, 'cohorts starting');
    if (range) out.push(range);
  } else if (metric === 'active') {
    const ev = o.event ? describeMatch(o.event as Match) : 'any event';
    out.push(`A user is active on a day when they do ${ev} that day.`);
    out.push(
      "DAU counts the active users of each day; WAU the users active at least once in the 7 days ending that day; MAU in the 30 days ending that day. Stickiness is DAU / MAU: the share of the month's users who came that day.",
    );
    out.push(
      `The histogram counts, for one ${String(o.histogram ?? 'week')}, how many users were active on exactly 1, 2, 3... of its days.`,
    );
    const range = rangeWords(o, 'days');
    if (range) out.push(`${range} WAU and MAU still look back before the first day.`);
  } else {
    const a = o.assignments as { variant: string; time: string } | undefined;
    if (a) {
      out.push(
        `Each user counts in the variant ("${a.variant}") they were first assigned to. They convert when they do ${describeMatch(o.goal as Match)} after their assignment time ("${a.time}")${o.window ? `, within ${windowWords(o.window)}` : ''}.`,
      );
    } else {
      out.push(
        `Each row is a user: "${String(o.variant)}" is their variant and "${String(o.outcome)}" their metric.`,
      );
    }
    out.push(
      `The difference is the treatment's mean minus the control's (${o.control ? `"${String(o.control)}"` : 'the variant named control, else the first by name'}). Its ${Math.round(Number(o.confidence ?? 0.95) * 100)}% interval and p-value come from Welch's t-test, which does not assume equal variances.`,
    );
    out.push(
      'The sample-ratio check compares the number of users per variant with the expected split (equal unless weights are given) with a chi-square test; below p = 0.001 the split is off and the comparison should not be trusted until the assignment is checked.',
    );
    return out;
  }
  out.push(who);
  const ignored = ignoredWords(stats, o.actor_col);
  if (ignored) out.push(ignored);
  return out;
}
