import {
  type CteNode,
  cte,
  type Dialect,
  type FromNode,
  rawQuery,
  type SelectBuilder,
  type SelectNode,
  select,
  subqueryRef,
  table,
  toSql,
} from '@sightline/sql';
import { describeSource, describeStep } from './describe.js';
import { groupName, NameAllocator, slug } from './names.js';
import type { BuilderQuery, BuilderSource, Step } from './schema.js';
import {
  type BuilderCompileError,
  type ColumnInfo,
  customColumnSql,
  type Flow,
  filterSql,
  joinSql,
  StepError,
  sortOrder,
  summarizeSql,
} from './steps-sql.js';

/** What the compiler may ask about the world; everything is optional so the spec stays pure and browser-safe. */
export interface CompileBuilderOptions {
  /** The columns of a table, file or SQL source (undefined when unknown: then columns are not checked). */
  columnsOf?: (source: BuilderSource) => readonly ColumnInfo[] | undefined;
  /** A saved builder query by name (for `{kind: 'query'}` sources). */
  savedQuery?: (id: string) => BuilderQuery | undefined;
  /** The moment date presets count from (ISO timestamp with offset); default the engine's clock. */
  now?: string;
}

/** A compiled builder query: the SQL tree, its pretty text, the output columns (when known), one CTE per step. */
export interface CompiledBuilder {
  ast: SelectNode;
  sql: string;
  columns: ColumnInfo[] | undefined;
  /** The CTE name and comment of each step, in order, with the columns it gives (when known). */
  steps: { name: string; comment: string; columns: ColumnInfo[] | undefined }[];
}

/** Prefix of the CTE holding a saved query (`"saved: weekly revenue"`); parse-back reads the name from it. */
export const SAVED_CTE_PREFIX = 'saved: ';
/** Name of the CTE holding a SQL source. */
export const SQL_SOURCE_CTE = 'source';

interface State {
  dialect: Dialect;
  options: CompileBuilderOptions;
  ctes: CteNode[];
  names: NameAllocator;
  savedStack: string[];
  savedDone: Map<string, ColumnInfo[] | undefined>;
}

function sourceName(s: BuilderSource): string {
  switch (s.kind) {
    case 'table':
      return s.name;
    case 'query':
      return s.id;
    case 'file':
      return (s.path.split(/[\\/]/u).pop() ?? 'file').replace(/\.[^.]*$/u, '');
    case 'sql':
      return 'sql';
  }
}

function cteBase(step: Step, flow: Flow): string {
  switch (step.type) {
    case 'filter':
      return 'filtered';
    case 'customColumn':
      return `with_${slug(step.name)}`;
    case 'summarize':
      return step.groupBy.length ? `by_${slug(step.groupBy.map(groupName).join('_'))}` : 'summary';
    case 'sort':
      return 'sorted';
    case 'limit':
      return flow.order.length ? `top_${step.n}` : `first_${step.n}`;
    case 'join':
      return `joined_${slug(sourceName(step.with))}`;
  }
}

function savedQueryCte(id: string, state: State): ColumnInfo[] | undefined {
  const name = `${SAVED_CTE_PREFIX}${id}`;
  if (state.savedDone.has(id)) return state.savedDone.get(id);
  if (state.savedStack.includes(id)) {
    throw new StepError(`The saved query "${id}" reads itself (${[...state.savedStack, id].join(' -> ')}).`, [
      'Start one of these queries from a table instead.',
    ]);
  }
  const saved = state.options.savedQuery?.(id);
  if (!saved)
    throw new StepError(`There is no saved query named "${id}".`, [
      'Pick a saved query from the list, or save this one first.',
    ]);
  let inner: ReturnType<typeof compileTree>;
  try {
    inner = compileTree(saved, {
      ...state,
      ctes: [],
      names: new NameAllocator(),
      savedStack: [...state.savedStack, id],
      savedDone: new Map(),
    });
  } catch (e) {
    if (e instanceof StepFailure)
      throw new StepError(
        `The saved query "${id}" does not compile: step ${e.step + 1}: ${e.failure.message}`,
        e.failure.hints,
      );
    throw e;
  }
  state.ctes.push(cte(name, inner.ast, `The saved query "${id}".`));
  state.savedDone.set(id, inner.columns);
  return inner.columns;
}

/** Turns a source into a FROM item (adding a CTE for SQL and saved queries) and its columns when known. */
function sourceFrom(
  source: BuilderSource,
  state: State,
  alias?: string,
): { from: FromNode; columns: ColumnInfo[] | undefined } {
  const known = () => state.options.columnsOf?.(source)?.map((c) => ({ ...c }));
  switch (source.kind) {
    case 'table':
      return {
        from: table(source.schema === undefined ? source.name : [source.schema, source.name], alias),
        columns: known(),
      };
    case 'file':
      if (state.dialect.name !== 'duckdb') {
        throw new StepError(
          `The file ${source.path} can only be read by the workspace's DuckDB, not by ${state.dialect.name}.`,
          ['Import the file into a table of the connection, or run the query on the workspace.'],
        );
      }
      return { from: table(source.path, alias), columns: known() };
    case 'sql': {
      if (alias !== undefined) return { from: subqueryRef(rawQuery(source.sql), alias), columns: known() };
      const name = state.names.take(SQL_SOURCE_CTE);
      state.ctes.push(cte(name, rawQuery(source.sql), 'Your SQL.'));
      return { from: table(name), columns: known() };
    }
    case 'query': {
      const columns = savedQueryCte(source.id, state);
      return { from: table(`${SAVED_CTE_PREFIX}${source.id}`, alias), columns };
    }
  }
}

function stepQuery(
  step: Step,
  flow: Flow,
  state: State,
): { query: SelectBuilder; columns: ColumnInfo[] | undefined; order: Flow['order'] } {
  switch (step.type) {
    case 'filter':
      return { ...filterSql(step, flow), order: flow.order };
    case 'customColumn':
      return { ...customColumnSql(step, flow), order: flow.order };
    case 'summarize':
      return { ...summarizeSql(step, flow), order: [] };
    case 'sort': {
      const order = sortOrder(step, flow);
      return {
        query: select()
          .from(flow.from)
          .orderBy(...order),
        columns: flow.columns,
        order,
      };
    }
    case 'limit':
      return {
        query: select()
          .from(flow.from)
          .orderBy(...flow.order)
          .limit(step.n),
        columns: flow.columns,
        order: flow.order,
      };
    case 'join': {
      const right = sourceFrom(step.with, state, 'r');
      return {
        ...joinSql(step, flow, right.from, right.columns, `in ${describeSource(step.with)}`),
        order: [],
      };
    }
  }
}

function compileTree(
  query: BuilderQuery,
  state: State,
): { ast: SelectNode; columns: ColumnInfo[] | undefined; steps: CompiledBuilder['steps'] } {
  // A CTE named like a table the query reads would hide that table.
  for (const s of [query.source, ...query.steps.flatMap((st) => (st.type === 'join' ? [st.with] : []))]) {
    if (s.kind === 'table' && s.schema === undefined) state.names.reserve(s.name);
    if (s.kind === 'file') state.names.reserve(s.path);
  }
  const start = sourceFrom(query.source, state);
  let flow: Flow = {
    from: start.from,
    place: `in ${describeSource(query.source)}`,
    columns: start.columns,
    order: [],
    now: state.options.now,
    dialect: state.dialect,
  };
  const steps: CompiledBuilder['steps'] = [];
  query.steps.forEach((step, i) => {
    try {
      const { query: q, columns, order } = stepQuery(step, flow, state);
      const name = state.names.take(cteBase(step, flow));
      const comment = `Step ${i + 1}: ${describeStep(step)}`;
      state.ctes.push(cte(name, q, comment));
      steps.push({ name, comment, columns });
      flow = { ...flow, from: table(name), place: `after step ${i + 1}`, columns, order };
    } catch (e) {
      if (e instanceof StepError) throw new StepFailure(i, e);
      throw e;
    }
  });
  const final = select()
    .with(...state.ctes)
    .from(flow.from)
    .orderBy(...flow.order);
  return { ast: final.node, columns: flow.columns, steps };
}

class StepFailure extends Error {
  constructor(
    readonly step: number,
    readonly failure: StepError,
  ) {
    super(failure.message);
  }
}

/**
 * Compiles a validated builder query to SQL for `dialect`: one commented CTE per step, named after it, and a final
 * SELECT reading the last one. Columns are checked when `columnsOf` knows the source's columns.
 */
export function compileBuilder(
  query: BuilderQuery,
  dialect: Dialect,
  options: CompileBuilderOptions = {},
): { ok: true; value: CompiledBuilder } | { ok: false; error: BuilderCompileError } {
  const state: State = {
    dialect,
    options,
    ctes: [],
    names: new NameAllocator(),
    savedStack: [],
    savedDone: new Map(),
  };
  try {
    const tree = compileTree(query, state);
    return { ok: true, value: { ...tree, sql: toSql(tree.ast, dialect, { pretty: true }) } };
  } catch (e) {
    if (e instanceof StepFailure) {
      const error: BuilderCompileError = {
        message: `Step ${e.step + 1}: ${e.failure.message}`,
        hints: e.failure.hints,
        step: e.step,
      };
      if (e.failure.position !== undefined) error.position = e.failure.position;
      return { ok: false, error };
    }
    if (e instanceof StepError) {
      return {
        ok: false,
        error: { message: `The source (${describeSource(query.source)}): ${e.message}`, hints: e.hints },
      };
    }
    if (e instanceof Error && e.name === 'SqlBuildError')
      return { ok: false, error: { message: e.message, hints: [] } };
    throw e;
  }
}
