import { closeMatches } from '../core/catalog.js';
import { at, findTable, hasColumn, listWords, sqlName, type TableRef, tableLabel } from './query-tables.js';
import type { Situation, TeacherCase } from './situation.js';
import { replaceRange, type SqlToken } from './sql-tokens.js';

/** Close names by edit distance first, then DuckDB's own candidates that are also close; at most three. */
export function suggestNames(name: string, names: string[], engineCandidates: string[]): string[] {
  const bare = engineCandidates.map((c) => c.split('.').pop() ?? c);
  return [...new Set([...closeMatches(name, names), ...closeMatches(name, bare)])].slice(0, 3);
}

/** The token naming the column at the error (the last part of `a.b`), with the qualifier if any. */
function nameAt(s: Situation): { token: SqlToken; qualifier?: SqlToken } | undefined {
  let i = s.at;
  let qualifier: SqlToken | undefined;
  while (s.tokens[i + 1]?.text === '.' && s.tokens[i + 2]) {
    qualifier = s.tokens[i];
    i += 2;
  }
  const token = s.tokens[i];
  if (!token) return undefined;
  return qualifier ? { token, qualifier } : { token };
}

const quotedList = (names: string[], joiner = 'or') =>
  listWords(
    names.map((n) => `"${n}"`),
    joiner,
  );

function columnsOfQuery(s: Situation): string[] {
  return [...new Set(s.tables.flatMap((t) => t.info?.columns.map((c) => c.name) ?? []))];
}

function inTables(s: Situation): string {
  const known = s.tables.filter((t) => t.info).map((t) => t.name);
  return known.length > 0 ? ` in ${listWords([...new Set(known)], 'or')}` : '';
}

/** `Column "x" doesn't exist`: a misspelling, text in double quotes, or a column of a table not in the query. */
export const unknownColumn: TeacherCase = (s) => {
  const m = /^Column "(.+)" doesn't exist$/.exec(s.text);
  if (!m) return undefined;
  const name = m[1]!;
  const spot = nameAt(s);
  const ownColumns = columnsOfQuery(s);
  const close = suggestNames(name, ownColumns, s.err.candidates);
  const position = s.position;
  if (spot?.token.kind === 'quoted' && close.length === 0 && !spot.qualifier) {
    const literal = `'${name.replaceAll("'", "''")}'`;
    return {
      kind: 'double-quotes',
      severity: 'error',
      title: `"${name}" is read as a column name because it is in double quotes${at(position)}.`,
      detail: `Text values go in single quotes (${literal}); double quotes are for names of columns and tables.`,
      ...(position ? { position } : {}),
      fix: {
        label: `Use ${literal}`,
        sql: replaceRange(s.ctx.sql, spot.token.start, spot.token.end, literal),
        safe: true,
      },
      lesson: 'select-where',
    };
  }
  const elsewhere = s.ctx.schema.filter(
    (t) => hasColumn(t, name) && !s.tables.some((r) => r.info?.table === t.table),
  );
  if (elsewhere.length > 0 && !ownColumns.some((c) => c.toLowerCase() === name.toLowerCase())) {
    const home = elsewhere[0]!;
    const join = joinHint(s.tables[0], home.table, s);
    return {
      kind: 'column-from-other-table',
      severity: 'error',
      title: `Column "${name}" isn't in ${listWords(
        s.tables.map((t) => t.name),
        'or',
      )}; it is in ${listWords(
        elsewhere.map((t) => t.table),
        'and',
      )}${at(position)}.`,
      detail: `This query doesn't read ${home.table}. Join it to use ${name}${join ? `, e.g. ${join}` : ''}.`,
      ...(position ? { position } : {}),
      lesson: 'joins',
    };
  }
  const best = close[0];
  return {
    kind: 'unknown-column',
    severity: 'error',
    title: `Column "${name}" doesn't exist${inTables(s)}${at(position)}.`,
    detail:
      close.length > 0
        ? `Did you mean ${quotedList(close)}?`
        : ownColumns.length > 0
          ? `The columns here are ${listWords(ownColumns.slice(0, 12))}${ownColumns.length > 12 ? ', ...' : ''}.`
          : 'Check the spelling against the table in the catalog.',
    ...(position ? { position } : {}),
    ...(best && spot
      ? {
          fix: {
            label: `Use ${best}`,
            sql: replaceRange(s.ctx.sql, spot.token.start, spot.token.end, sqlName(best)),
            safe: close.length === 1,
          },
        }
      : {}),
    lesson: 'select-where',
  };
};

function joinHint(from: TableRef | undefined, table: string, s: Situation): string | undefined {
  const target = findTable(s.ctx.schema, table);
  if (!from?.info || !target) return undefined;
  const key = sharedKey(from.info.columns, target.columns);
  if (!key) return undefined;
  const alias = table.charAt(0) === from.alias.charAt(0) ? `${table.charAt(0)}2` : table.charAt(0);
  return `JOIN ${sqlName(table)} ${alias} ON ${alias}.${sqlName(key)} = ${sqlName(from.alias)}.${sqlName(key)}`;
}

/** The column two tables most likely join on: a shared name, `*_id` names first. */
export function sharedKey(a: { name: string }[], b: { name: string }[]): string | undefined {
  const shared = a.map((c) => c.name).filter((n) => b.some((c) => c.name.toLowerCase() === n.toLowerCase()));
  return shared.find((n) => /(^id|_id)$/i.test(n)) ?? shared[0];
}

/** `Table "evnts" doesn't exist`: nearest table names of the workspace. */
export const unknownTable: TeacherCase = (s) => {
  const m = /^Table "(.+)" doesn't exist in this workspace$/.exec(s.text);
  if (!m) return undefined;
  const name = m[1]!;
  const tables = s.ctx.schema.map((t) => t.table);
  const close = suggestNames(name, tables, s.err.candidates);
  const token = s.tokens[s.at];
  const position = s.position;
  return {
    kind: 'unknown-table',
    severity: 'error',
    title: `Table "${name}" doesn't exist in this workspace${at(position)}.`,
    detail:
      close.length > 0
        ? `Did you mean ${quotedList(close)}?`
        : tables.length > 0
          ? `The tables here are ${listWords(tables.slice(0, 12))}.`
          : 'The workspace has no tables yet; import a file or add the sample data first.',
    ...(position ? { position } : {}),
    ...(close[0] && token && (token.kind === 'word' || token.kind === 'quoted')
      ? {
          fix: {
            label: `Use ${close[0]}`,
            sql: replaceRange(s.ctx.sql, token.start, token.end, sqlName(close[0])),
            safe: close.length === 1,
          },
        }
      : {}),
    lesson: 'tables',
  };
};

/** `Table "u" does not have a column named "event"`: the column belongs to another table of the join. */
export const columnOfOtherJoinedTable: TeacherCase = (s) => {
  const m = /^Table "(.+)" does not have a column named "(.+)"$/.exec(s.text);
  if (!m) return undefined;
  const [, alias, column] = m as unknown as [string, string, string];
  const owner = s.tables.find((t) => t.alias === alias);
  const holders = s.tables.filter((t) => t.alias !== alias && hasColumn(t.info, column));
  const spot = nameAt(s);
  const position = s.position;
  const where = owner ? tableLabel(owner) : alias;
  if (holders.length === 0) {
    const close = suggestNames(column, owner?.info?.columns.map((c) => c.name) ?? [], s.err.candidates);
    return {
      kind: 'unknown-column',
      severity: 'error',
      title: `Column "${column}" doesn't exist in ${where}${at(position)}.`,
      detail: close.length > 0 ? `Did you mean ${quotedList(close)}?` : `Check the columns of ${where}.`,
      ...(position ? { position } : {}),
      ...(close[0] && spot
        ? {
            fix: {
              label: `Use ${close[0]}`,
              sql: replaceRange(s.ctx.sql, spot.token.start, spot.token.end, sqlName(close[0])),
              safe: close.length === 1,
            },
          }
        : {}),
      lesson: 'select-where',
    };
  }
  const holder = holders[0]!;
  return {
    kind: 'column-wrong-table',
    severity: 'error',
    title: `Column "${column}" is in ${tableLabel(holder)}, not in ${where}${at(position)}.`,
    detail: `After a join each column keeps the name of its own table: write ${holder.alias}.${column}.`,
    ...(position ? { position } : {}),
    ...(spot?.qualifier
      ? {
          fix: {
            label: `Use ${holder.alias}.${column}`,
            sql: replaceRange(s.ctx.sql, spot.qualifier.start, spot.qualifier.end, sqlName(holder.alias)),
            safe: holders.length === 1,
          },
        }
      : {}),
    lesson: 'joins',
  };
};

/** `Referenced table "users" not found`: a table name used as a qualifier where the query calls it something else. */
export const unknownQualifier: TeacherCase = (s) => {
  const m = /^Referenced table "(.+)" not found/.exec(s.text);
  if (!m) return undefined;
  const name = m[1]!;
  const position = s.position;
  const aliased = s.tables.find((t) => t.name === name && t.alias !== name);
  const token = s.tokens[s.at];
  if (aliased && token) {
    return {
      kind: 'unknown-table-reference',
      severity: 'error',
      title: `"${name}" is called ${aliased.alias} in this query${at(position)}.`,
      detail: `Once a table has a short name (FROM ${name} ${aliased.alias}), use that name: ${aliased.alias}.`,
      ...(position ? { position } : {}),
      fix: {
        label: `Use ${aliased.alias}`,
        sql: replaceRange(s.ctx.sql, token.start, token.end, sqlName(aliased.alias)),
        safe: true,
      },
      lesson: 'joins',
    };
  }
  const names = s.tables.map((t) => t.alias);
  return {
    kind: 'unknown-table-reference',
    severity: 'error',
    title: `"${name}" isn't one of the tables this query reads${at(position)}.`,
    detail: `${names.length > 0 ? `The query reads ${listWords(names)}. ` : ''}Add ${name} with a JOIN, or use one of those names.`,
    ...(position ? { position } : {}),
    lesson: 'joins',
  };
};

/** `Ambiguous reference to column name "user_id"`: two joined tables have it. */
export const ambiguousColumn: TeacherCase = (s) => {
  const m = /^Ambiguous reference to column name "(.+)"$/.exec(s.text);
  if (!m) return undefined;
  const column = m[1]!;
  const holders = s.tables.filter((t) => hasColumn(t.info, column));
  const choices = s.err.candidates.length > 0 ? s.err.candidates : holders.map((t) => `${t.alias}.${column}`);
  const position = s.position;
  const token = s.tokens[s.at];
  const first = choices[0];
  return {
    kind: 'ambiguous-column',
    severity: 'error',
    title: `Column "${column}" is in ${holders.length > 1 ? `both ${listWords(holders.map(tableLabel))}` : 'more than one table of this query'}${at(position)}.`,
    detail: `Say which one you mean: ${listWords(choices, 'or')}.`,
    ...(position ? { position } : {}),
    ...(first && token
      ? {
          fix: {
            label: `Use ${first}`,
            sql: replaceRange(s.ctx.sql, token.start, token.end, first),
            safe: false,
          },
        }
      : {}),
    lesson: 'joins',
  };
};

/** Function names from other SQL dialects, and their DuckDB names. */
const FUNCTION_ALIASES: Record<string, string> = {
  nvl: 'coalesce',
  isnull: 'coalesce',
  len: 'length',
  getdate: 'now',
  sysdate: 'now',
  charindex: 'strpos',
  instr: 'strpos',
  dateadd: 'date_add',
  ceiling: 'ceil',
};

const COMMON_FUNCTIONS = (
  'count sum avg min max median mode stddev round floor ceil abs coalesce nullif length lower upper trim ' +
  'substr replace concat strpos split_part date_trunc date_part date_diff date_add strftime strptime now ' +
  'current_date extract greatest least any_value string_agg list regexp_matches regexp_replace ' +
  'row_number rank dense_rank lag lead first_value last_value ntile percentile_cont quantile_cont'
).split(' ');

/** `Scalar Function with name lenght does not exist`: the nearest function name. */
export const unknownFunction: TeacherCase = (s) => {
  const m = /^(?:[A-Za-z]+ )*Function with name (.+) does not exist$/.exec(s.text.split('\n')[0] ?? '');
  if (!m) return undefined;
  const name = m[1]!;
  const alias = FUNCTION_ALIASES[name.toLowerCase()];
  const close = alias ? [alias] : suggestNames(name, COMMON_FUNCTIONS, s.err.candidates);
  const token = s.tokens[s.at];
  const position = s.position;
  const best = close[0];
  const open = s.tokens[s.at + 1];
  if (name.toLowerCase() === 'countd' && token?.kind === 'word' && open?.text === '(') {
    return {
      kind: 'unknown-function',
      severity: 'error',
      title: `There is no function called ${name}${at(position)}.`,
      detail: 'To count distinct values write count(DISTINCT column).',
      ...(position ? { position } : {}),
      fix: {
        label: 'Use count(DISTINCT ...)',
        sql: replaceRange(s.ctx.sql, token.start, open.end, 'count(DISTINCT '),
        safe: true,
      },
      lesson: 'functions',
    };
  }
  return {
    kind: 'unknown-function',
    severity: 'error',
    title: `There is no function called ${name}${at(position)}.`,
    detail: best
      ? `Did you mean ${listWords(close, 'or')}?${alias ? ` (${name} is its name in other databases.)` : ''}`
      : 'Check the name in the list of functions.',
    ...(position ? { position } : {}),
    ...(best && token?.kind === 'word'
      ? {
          fix: {
            label: `Use ${best}`,
            sql: replaceRange(s.ctx.sql, token.start, token.end, best),
            safe: close.length === 1,
          },
        }
      : {}),
    lesson: 'functions',
  };
};

/** The lessons of this file, in the order they are tried. */
export const NAME_CASES: TeacherCase[] = [
  unknownColumn,
  unknownTable,
  columnOfOtherJoinedTable,
  unknownQualifier,
  ambiguousColumn,
  unknownFunction,
];
