import { SAVED_CTE_PREFIX } from './compile.js';
import { printFormula } from './formula-parse.js';
import {
  type BuilderQuery,
  BuilderQuerySchema,
  type BuilderSource,
  type JoinStep,
  type SortStep,
  type Step,
} from './schema.js';
import {
  aliasOf,
  arr,
  columnName,
  intConstant,
  kids,
  OutOfGrammar,
  obj,
  outOfGrammar,
  qualifiedColumn,
  sameExpr,
  str,
  type TreeNode,
} from './sql-tree.js';
import { treeToFilter } from './tree-conditions.js';
import { treeToFormula } from './tree-formula.js';
import { AGG_NAMES, asOutputColumns, summarize } from './tree-summary.js';

/**
 * What parse-back needs from an engine: the SQL text of a serialised statement (its argument is the JSON to hand to
 * DuckDB's `json_deserialize_sql`).
 */
export interface ParseBackOptions {
  sqlText: (statementJson: string) => Promise<string>;
}

/** The JSON `json_deserialize_sql` takes for one query node (unknown locations, lost as doubles, are restored). */
function statementJson(node: unknown): string {
  const json = JSON.stringify({ error: false, statements: [{ node, named_param_map: [] }] });
  return json.replace(/"query_location":\d{17,}/gu, '"query_location":18446744073709551615');
}

/** A builder query read back from SQL, or the plain reason it stays SQL. */
export type ParseBackResult = { ok: true; value: BuilderQuery } | { ok: false; reason: string };

type SortBy = SortStep['by'];
interface Pipeline {
  source: BuilderSource;
  steps: Step[];
  order: SortBy;
}
type Scope = Map<string, { kind: 'saved'; id: string } | { kind: 'pipeline'; pipeline: Pipeline }>;

const FILE_NAME = /[\\/]|\.(csv|tsv|txt|parquet|json|jsonl|ndjson|xlsx)(\.gz)?$/iu;
const JOIN_KINDS: Record<string, JoinStep['kind']> = {
  INNER: 'inner',
  LEFT: 'left',
  RIGHT: 'right',
  FULL: 'full',
  OUTER: 'full',
};

function tableSource(name: string, schema: string): BuilderSource {
  if (schema === '' && FILE_NAME.test(name)) return { kind: 'file', path: name };
  return schema === '' ? { kind: 'table', name } : { kind: 'table', name, schema };
}

function isPlainStar(item: TreeNode, relation = ''): boolean {
  return (
    item.class === 'STAR' &&
    (str(item.relation_name) ?? '') === relation &&
    item.columns !== true &&
    ['exclude_list', 'replace_list', 'qualified_exclude_list', 'rename_list'].every(
      (k) => arr(item[k]).length === 0,
    )
  );
}

async function fromPipeline(from: TreeNode, scope: Scope, ctx: ParseBackOptions): Promise<Pipeline> {
  if (from.type === 'BASE_TABLE') {
    const name = str(from.table_name) ?? '';
    const schema = str(from.schema_name) ?? '';
    if ((str(from.catalog_name) ?? '') !== '') outOfGrammar('a table named with its database');
    const entry = schema === '' ? scope.get(name) : undefined;
    if (entry?.kind === 'saved') return { source: { kind: 'query', id: entry.id }, steps: [], order: [] };
    if (entry) return { ...entry.pipeline, steps: [...entry.pipeline.steps] };
    return { source: tableSource(name, schema), steps: [], order: [] };
  }
  if (from.type === 'SUBQUERY') {
    const node = obj(obj(from.subquery).node);
    try {
      return await queryToPipeline(node, scope, ctx);
    } catch (e) {
      if (!(e instanceof OutOfGrammar)) throw e;
      return { source: { kind: 'sql', sql: await ctx.sqlText(statementJson(node)) }, steps: [], order: [] };
    }
  }
  if (from.type === 'EMPTY') return outOfGrammar('a SELECT without FROM');
  return outOfGrammar(`reading from ${String(from.type).toLowerCase().replace(/_/gu, ' ')}`);
}

async function joinSource(item: TreeNode, scope: Scope, ctx: ParseBackOptions): Promise<BuilderSource> {
  if (item.type === 'SUBQUERY') {
    return { kind: 'sql', sql: await ctx.sqlText(statementJson(obj(obj(item.subquery).node))) };
  }
  const p = await fromPipeline(item, scope, ctx);
  if (p.steps.length > 0)
    return outOfGrammar('a join with a query of several steps (save it, then join the saved query)');
  return p.source;
}

function orderColumn(expr: TreeNode, items: TreeNode[], outputs: string[] | undefined): string {
  const k = expr.class === 'CONSTANT' ? intConstant(expr) : undefined;
  if (k !== undefined)
    return outputs?.[k - 1] ?? outOfGrammar(`ORDER BY ${k} over columns the builder cannot name`);
  const col = columnName(expr);
  if (col !== undefined) return col;
  const i = items.findIndex((it) => sameExpr(it, expr));
  if (i >= 0 && outputs?.[i] !== undefined) return outputs[i];
  return outOfGrammar('sorting by an expression (add it as a custom column first)');
}

function modifiers(node: TreeNode): { orders: TreeNode[]; limit: number | undefined } {
  let orders: TreeNode[] = [];
  let limit: number | undefined;
  for (const m of arr(node.modifiers).map(obj)) {
    if (m.type === 'ORDER_MODIFIER') orders = arr(m.orders).map(obj);
    else if (m.type === 'LIMIT_MODIFIER') {
      if (m.offset !== null && m.offset !== undefined) outOfGrammar('OFFSET');
      limit = intConstant(obj(m.limit)) ?? outOfGrammar('a LIMIT that is not a whole number');
    } else if (m.type === 'DISTINCT_MODIFIER') outOfGrammar('SELECT DISTINCT');
    else outOfGrammar(String(m.type).toLowerCase().replace(/_/gu, ' '));
  }
  return { orders, limit };
}

function sortBy(orders: TreeNode[], items: TreeNode[], outputs: string[] | undefined): SortBy {
  return orders.map((o) => {
    if (o.null_order === 'NULLS FIRST')
      outOfGrammar('NULLS FIRST (the builder always sorts empty values last)');
    return {
      column: orderColumn(obj(o.expression), items, outputs),
      dir: o.type === 'DESCENDING' ? 'desc' : 'asc',
    };
  });
}

async function joinSelect(
  node: TreeNode,
  from: TreeNode,
  scope: Scope,
  ctx: ParseBackOptions,
): Promise<Pipeline> {
  const left = obj(from.left);
  const right = obj(from.right);
  const kind = JOIN_KINDS[String(from.join_type)];
  if (!kind || from.ref_type !== 'REGULAR' || arr(from.using_columns).length > 0)
    outOfGrammar('this kind of join (only INNER, LEFT, RIGHT and FULL joins ON key pairs)');
  if (node.where_clause || arr(node.group_expressions).length > 0)
    outOfGrammar('a join and a WHERE or GROUP BY in one SELECT');
  const la = aliasOf(left) || str(left.table_name) || '';
  const ra = aliasOf(right) || str(right.table_name) || '';
  const cond = obj(from.condition);
  const pairs = cond.type === 'CONJUNCTION_AND' ? kids(cond) : [cond];
  const on = pairs.map((p) => {
    const a = p.type === 'COMPARE_EQUAL' ? qualifiedColumn(obj(p.left)) : undefined;
    const b = p.type === 'COMPARE_EQUAL' ? qualifiedColumn(obj(p.right)) : undefined;
    if (a && b && a[0] === la && b[0] === ra) return { left: a[1], right: b[1] };
    if (a && b && a[0] === ra && b[0] === la) return { left: b[1], right: a[1] };
    return outOfGrammar('a join condition other than equal key columns joined by AND');
  });
  const items = arr(node.select_list).map(obj);
  if (!items[0] || !isPlainStar(items[0], la))
    outOfGrammar(`a join that does not keep all columns of the left side ("${la}".*)`);
  const columns = items.slice(1).map((it) => {
    const q = qualifiedColumn(it);
    const alias = aliasOf(it);
    if (!q || q[0] !== ra)
      return outOfGrammar('a join keeping something other than columns of the joined table');
    if (
      alias !== '' &&
      alias !== q[1] &&
      !new RegExp(`^${q[1].replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}_\\d+$`, 'u').test(alias)
    ) {
      outOfGrammar('a joined column renamed');
    }
    return q[1];
  });
  const base = await fromPipeline(left, scope, ctx);
  const withSource = await joinSource(right, scope, ctx);
  const steps: Step[] = [...base.steps, { type: 'join', kind, with: withSource, on, columns }];
  return finish({ source: base.source, steps, order: [] }, node, items, undefined);
}

function finish(p: Pipeline, node: TreeNode, items: TreeNode[], outputs: string[] | undefined): Pipeline {
  const { orders, limit } = modifiers(node);
  let order = p.order;
  if (orders.length > 0) {
    const by = sortBy(orders, items, outputs);
    if (JSON.stringify(by) !== JSON.stringify(order)) {
      p.steps.push({ type: 'sort', by });
      order = by;
    }
  }
  if (limit !== undefined) p.steps.push({ type: 'limit', n: limit });
  return { ...p, order };
}

async function withClause(node: TreeNode, scope: Scope, ctx: ParseBackOptions): Promise<Scope> {
  const local: Scope = new Map(scope);
  for (const entry of arr(obj(node.cte_map).map).map(obj)) {
    const key = str(entry.key) ?? '';
    const value = obj(entry.value);
    if (arr(value.aliases).length > 0) outOfGrammar('a WITH query naming its columns');
    if (key.startsWith(SAVED_CTE_PREFIX)) {
      local.set(key, { kind: 'saved', id: key.slice(SAVED_CTE_PREFIX.length) });
      continue;
    }
    const query = obj(value.query);
    try {
      local.set(key, { kind: 'pipeline', pipeline: await queryToPipeline(obj(query.node), local, ctx) });
    } catch (e) {
      if (!(e instanceof OutOfGrammar)) throw e;
      const sql = await ctx.sqlText(statementJson(obj(query.node)));
      local.set(key, { kind: 'pipeline', pipeline: { source: { kind: 'sql', sql }, steps: [], order: [] } });
    }
  }
  return local;
}

async function queryToPipeline(node: TreeNode, outer: Scope, ctx: ParseBackOptions): Promise<Pipeline> {
  if (node.type !== 'SELECT_NODE')
    return outOfGrammar(
      `${String(node.setop_type ?? node.type)
        .toLowerCase()
        .replace(/_/gu, ' ')} of several queries`,
    );
  if (node.qualify || node.sample) outOfGrammar('QUALIFY or SAMPLE');
  const groupAll = node.aggregate_handling === 'FORCE_AGGREGATES';
  if (arr(node.group_sets).length > 1 || (node.aggregate_handling !== 'STANDARD_HANDLING' && !groupAll))
    outOfGrammar('GROUPING SETS, ROLLUP, CUBE or GROUP BY ALL');
  if (arr(node.modifiers).some((m) => obj(m).type === 'DISTINCT_MODIFIER')) outOfGrammar('SELECT DISTINCT');
  const scope = await withClause(node, outer, ctx);
  const from = obj(node.from_table);
  if (from.type === 'JOIN') return joinSelect(node, from, scope, ctx);
  const p = await fromPipeline(from, scope, ctx);
  if (node.where_clause) p.steps.push(treeToFilter(obj(node.where_clause)));
  const items = arr(node.select_list).map(obj);
  const isAggregate = (it: TreeNode) => it.class === 'FUNCTION' && AGG_NAMES.has(str(it.function_name) ?? '');
  // GROUP BY ALL groups by every shown column that is not an aggregate.
  const groups = groupAll ? items.filter((it) => !isAggregate(it)) : arr(node.group_expressions).map(obj);
  let outputs: string[] | undefined;
  if (groups.length > 0 || items.some(isAggregate)) {
    const s = summarize(items, groups);
    p.steps.push(s.step);
    p.order = [];
    outputs = s.outputs;
    if (node.having) p.steps.push(treeToFilter(asOutputColumns(obj(node.having), items, s.outputs)));
  } else if (node.having) {
    outOfGrammar('HAVING without a summary');
  } else if (items[0] && isPlainStar(items[0])) {
    for (const item of items.slice(1)) {
      const name = aliasOf(item);
      if (name === '') outOfGrammar('a computed column without a name (AS name)');
      p.steps.push({ type: 'customColumn', name, formula: printFormula(treeToFormula(item)) });
    }
  } else {
    outOfGrammar('picking or renaming columns (SELECT a, b), while the builder keeps every column');
  }
  return finish(p, node, items, outputs);
}

/** Maps DuckDB's `json_serialize_sql` tree back to a builder query, or says why the SQL stays SQL. */
export async function builderFromTree(tree: unknown, options: ParseBackOptions): Promise<ParseBackResult> {
  const t = obj(tree);
  if (t.error === true)
    return { ok: false, reason: `the SQL does not parse: ${str(t.error_message) ?? 'syntax error'}` };
  const statements = arr(t.statements);
  if (statements.length !== 1) return { ok: false, reason: 'it holds several statements' };
  try {
    const p = await queryToPipeline(obj(obj(statements[0]).node), new Map(), options);
    const parsed = BuilderQuerySchema.safeParse({ version: 1, source: p.source, steps: p.steps });
    if (!parsed.success)
      return {
        ok: false,
        reason: `it does not make a valid builder query (${parsed.error.issues[0]?.message ?? 'invalid'})`,
      };
    return { ok: true, value: parsed.data };
  } catch (e) {
    if (e instanceof OutOfGrammar) return { ok: false, reason: `it uses ${e.message}` };
    throw e;
  }
}
