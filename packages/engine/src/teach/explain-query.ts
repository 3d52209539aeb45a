import type { DuckDBConnection } from '@duckdb/node-api';
import type { Engine } from '../core/engine.js';
import { aggregatesIn, aggregateWords, conditionWords, valueWords } from './describe-expression.js';
import { node, nodes, type ParsedSql, parseSql, type SqlNode, str } from './parsed-sql.js';
import { listWords } from './query-tables.js';
import { renderSql } from './render-sql.js';
import { windowWords } from './window-words.js';

/** One clause of an explanation: which clause, and what it does in plain words. */
export interface ExplainStep {
  clause: string;
  text: string;
}

/** A query explained clause by clause, or why it could not be. */
export type Explanation = { ok: true; steps: ExplainStep[] } | { ok: false; reason: string };

/** Explains a SELECT in plain words, clause by clause, from DuckDB's parse of it (no network, no model). */
export async function explainQuery(source: Engine | DuckDBConnection, sql: string): Promise<Explanation> {
  return explainParsed(await parseSql(source, sql));
}

/** Explains already-parsed SQL (pure): CTEs first, then FROM/JOIN, WHERE, GROUP BY, ... in the order they apply. */
export function explainParsed(parsed: ParsedSql): Explanation {
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  if (parsed.statements.length === 0) return { ok: false, reason: 'There is no query to explain.' };
  const steps: ExplainStep[] = [];
  parsed.statements.forEach((statement, i) => {
    if (i > 0) steps.push({ clause: 'statement', text: `Then runs query ${i + 1}:` });
    try {
      steps.push(...explainNode(statement));
    } catch {
      steps.push({ clause: 'query', text: 'Runs a query this explainer cannot describe clause by clause.' });
    }
  });
  return { ok: true, steps };
}

function explainNode(n: SqlNode): ExplainStep[] {
  const type = str(n.type);
  const steps = cteSteps(n);
  if (type === 'SELECT_NODE') steps.push(...selectSteps(n));
  else if (type === 'SET_OPERATION_NODE') steps.push(...setOperationSteps(n));
  else
    steps.push({
      clause: 'query',
      text: `Runs a kind of query this explainer doesn't describe yet (${type || 'unknown'}).`,
    });
  steps.push(...modifierSteps(n));
  return steps;
}

/** A whole sub-query in one paragraph (for CTEs and subqueries). */
function summary(value: unknown): string {
  const inner = node(value);
  return inner
    ? explainNode(inner)
        .map((s) => s.text)
        .join(' ')
    : 'a query';
}

function cteSteps(n: SqlNode): ExplainStep[] {
  return nodes(node(n.cte_map)?.map).map((entry) => {
    const query = node(node(node(entry.value)?.query)?.node);
    return { clause: 'with', text: `First builds "${str(entry.key)}": ${summary(query)}` };
  });
}

function tableLabel(t: SqlNode): string {
  const name = str(t.table_name);
  const alias = str(t.alias);
  const what = /[./\\]/.test(name) ? `the file ${name}` : name;
  return alias && alias !== name ? `${what} (as ${alias})` : what;
}

function sourceLabel(t: SqlNode): string {
  const type = str(t.type);
  const alias = str(t.alias) ? ` (as ${str(t.alias)})` : '';
  if (type === 'BASE_TABLE') return tableLabel(t);
  if (type === 'TABLE_FUNCTION') return `${renderSql(t.function)}${alias}`;
  if (type === 'SUBQUERY') return `the result of a subquery${alias}`;
  if (type === 'JOIN') return 'the joined rows';
  return `a source of kind ${type.toLowerCase()}${alias}`;
}

function fromSteps(value: unknown): ExplainStep[] {
  const t = node(value);
  if (!t || str(t.type) === 'EMPTY') return [];
  const type = str(t.type);
  if (type === 'JOIN') return [...fromSteps(t.left), joinStep(t)];
  if (type === 'SUBQUERY')
    return [
      {
        clause: 'from',
        text: `Reads ${sourceLabel(t)}, which ${lowerFirst(summary(node(t.subquery)?.node))}`,
      },
    ];
  return [{ clause: 'from', text: `Reads ${sourceLabel(t)}.` }];
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function joinStep(t: SqlNode): ExplainStep {
  const right = node(t.right) ?? {};
  const left = node(t.left) ?? {};
  const label = sourceLabel(right);
  const ref = str(t.ref_type);
  const using = (t.using_columns as string[] | undefined) ?? [];
  const cond = node(t.condition);
  const match =
    using.length > 0
      ? `matching rows on ${listWords(using)}`
      : cond
        ? `matching rows where ${conditionWords(cond)}`
        : '';
  if (ref === 'CROSS')
    return { clause: 'join', text: `Pairs every row with every row of ${label} (a cross join).` };
  if (ref === 'POSITIONAL')
    return { clause: 'join', text: `Puts ${label} beside it row by row, in order (a positional join).` };
  if (ref === 'NATURAL')
    return {
      clause: 'join',
      text: `Joins ${label}, matching rows on every column with the same name (a natural join).`,
    };
  const leftName = sourceLabel(left);
  const kinds: Record<string, string> = {
    INNER: 'keeping only rows that match on both sides',
    FULL: 'keeping the rows without a match from both sides',
    LEFT: `keeping every row of ${leftName} even when nothing matches`,
    RIGHT: `keeping every row of ${label} even when nothing matches`,
    OUTER: 'keeping the rows without a match from both sides',
    SEMI: `keeping only the rows of ${leftName} that have a match, without adding columns`,
    ANTI: `keeping only the rows of ${leftName} that have no match`,
  };
  const kind =
    ref === 'ASOF'
      ? 'taking for each row the latest match at or before it (an as-of join)'
      : (kinds[str(t.join_type)] ?? `as a ${str(t.join_type).toLowerCase()} join`);
  return { clause: 'join', text: `Joins ${label}${match ? `, ${match}` : ''}, ${kind}.` };
}

function itemName(item: SqlNode, i: number): string {
  const alias = str(item.alias);
  if (alias) return alias;
  const cls = str(item.class);
  if (cls === 'COLUMN_REF') return renderSql(item);
  return `column ${i + 1}`;
}

function groupKeys(n: SqlNode): string[] {
  const items = nodes(n.select_list);
  return nodes(n.group_expressions).map((g) => {
    const v = node(g.value)?.value;
    if (str(g.class) === 'CONSTANT' && typeof v === 'number') {
      const item = items[v - 1];
      return item ? str(item.alias) || renderSql(item) : String(v);
    }
    return valueWords(g);
  });
}

function selectSteps(n: SqlNode): ExplainStep[] {
  const steps: ExplainStep[] = [...fromSteps(n.from_table)];
  const items = nodes(n.select_list);
  if (node(n.where_clause))
    steps.push({ clause: 'where', text: `Keeps rows where ${conditionWords(n.where_clause)}.` });
  const keys = groupKeys(n);
  const groupAll = str(n.aggregate_handling) === 'FORCE_AGGREGATES';
  if (groupAll)
    steps.push({
      clause: 'group by',
      text: 'Groups rows by every shown column that is not a total (GROUP BY ALL).',
    });
  else if (keys.length > 0) steps.push({ clause: 'group by', text: `Groups rows by ${listWords(keys)}.` });
  const totals = items.flatMap((item) => {
    const found = aggregatesIn(item);
    const alias = str(item.alias);
    return found.map(
      (a) => `${aggregateWords(a)}${alias && found.length === 1 && a === item ? ` (as ${alias})` : ''}`,
    );
  });
  if (totals.length > 0)
    steps.push({
      clause: 'aggregate',
      text: `${keys.length > 0 || groupAll ? 'For each group, it' : 'Over all those rows, it'} ${listWords(totals)}.`,
    });
  if (node(n.having))
    steps.push({ clause: 'having', text: `Keeps only groups where ${conditionWords(n.having)}.` });
  for (const item of items) {
    if (str(item.class) !== 'WINDOW') continue;
    steps.push({ clause: 'window', text: windowWords(item) });
  }
  if (node(n.qualify))
    steps.push({ clause: 'qualify', text: `Then keeps only rows where ${conditionWords(n.qualify)}.` });
  steps.push({ clause: 'select', text: `Returns ${listWords(items.map(returnWords))}.` });
  return steps;
}

function returnWords(item: SqlNode, i: number): string {
  if (str(item.class) === 'STAR') {
    const except = (item.exclude_list as string[] | undefined) ?? [];
    const from = str(item.relation_name) ? ` of ${str(item.relation_name)}` : '';
    return `every column${from}${except.length > 0 ? ` except ${listWords(except)}` : ''}`;
  }
  const alias = str(item.alias);
  const cls = str(item.class);
  if (cls === 'COLUMN_REF') return alias ? `${renderSql(item)} (as ${alias})` : renderSql(item);
  if (alias) return alias;
  const text = renderSql(item);
  return text.includes('?') || text.length > 60 ? itemName(item, i) : text;
}

function modifierSteps(n: SqlNode): ExplainStep[] {
  const steps: ExplainStep[] = [];
  const mods = nodes(n.modifiers);
  const sorted = mods.some((m) => str(m.type) === 'ORDER_MODIFIER');
  for (const m of mods) {
    const type = str(m.type);
    if (type === 'DISTINCT_MODIFIER') {
      const on = nodes(m.distinct_on_targets);
      steps.push({
        clause: 'distinct',
        text:
          on.length > 0
            ? `Keeps one row for each ${listWords(on.map(valueWords))}.`
            : 'Removes duplicate rows.',
      });
    } else if (type === 'ORDER_MODIFIER') {
      const keys = nodes(m.orders).map((o) => {
        const dir = str(o.type) === 'DESCENDING' ? ' (highest or latest first)' : '';
        return `${valueWords(o.expression)}${dir}`;
      });
      steps.push({ clause: 'order by', text: `Sorts by ${keys.join(', then by ')}.` });
    } else if (type === 'LIMIT_MODIFIER') {
      const limit = node(m.limit);
      const offset = node(m.offset);
      const parts: string[] = [];
      if (limit) parts.push(`Returns only the first ${valueWords(limit)} rows`);
      if (offset)
        parts.push(
          limit ? `after skipping ${valueWords(offset)}` : `Skips the first ${valueWords(offset)} rows`,
        );
      if (limit && !sorted) parts.push('in no particular order, since nothing sorts them');
      steps.push({ clause: 'limit', text: `${parts.join(', ')}.` });
    } else if (type === 'LIMIT_PERCENT_MODIFIER') {
      steps.push({
        clause: 'limit',
        text: `Returns only the first ${valueWords(m.limit)} percent of the rows.`,
      });
    }
  }
  return steps;
}

function setOperationSteps(n: SqlNode): ExplainStep[] {
  const kind = str(n.setop_type);
  const all = n.setop_all === true;
  const words: Record<string, string> = {
    UNION: all
      ? 'stacks their rows, keeping duplicates (UNION ALL)'
      : 'stacks their rows and removes duplicates (UNION)',
    UNION_BY_NAME: 'stacks their rows, matching columns by name (UNION BY NAME)',
    EXCEPT: 'keeps the rows of the first that are not in the second (EXCEPT)',
    INTERSECT: 'keeps only the rows found in both (INTERSECT)',
  };
  const prefix = (label: string, steps: ExplainStep[]) =>
    steps.map((s) => ({ clause: s.clause, text: `${label}: ${s.text}` }));
  const parts = operands(n, kind, all);
  return [
    ...parts.flatMap((part, i) => prefix(`Part ${i + 1}`, explainNode(part))),
    {
      clause: kind.toLowerCase(),
      text: `Combines the ${parts.length === 2 ? 'two' : parts.length} parts: ${words[kind] ?? kind.toLowerCase()}.`,
    },
  ];
}

/** The parts of a chain of one set operation (`a UNION ALL b UNION ALL c` is one step with three parts; EXCEPT never chains). */
function operands(n: SqlNode, kind: string, all: boolean): SqlNode[] {
  const sides = [node(n.left) ?? {}, node(n.right) ?? {}];
  if (kind === 'EXCEPT') return sides;
  return sides.flatMap((side) => {
    const plain = nodes(side.modifiers).length === 0 && nodes(node(side.cte_map)?.map).length === 0;
    return str(side.type) === 'SET_OPERATION_NODE' &&
      str(side.setop_type) === kind &&
      (side.setop_all === true) === all &&
      plain
      ? operands(side, kind, all)
      : [side];
  });
}
