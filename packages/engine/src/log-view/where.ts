import {
  and,
  cast,
  column,
  type ExprNode,
  gt,
  gte,
  ilike,
  isIn,
  isNull,
  lt,
  lte,
  not,
  or,
  regexpMatch,
} from '@sightline/sql';
import { SightlineError } from '../errors.js';
import { isNumberType, TEXT_TYPE } from './column-kinds.js';
import { messageExpr, timeExpr } from './log-exprs.js';
import { parseSearch, type SearchTerm } from './search-query.js';
import { templateRegex } from './template-regex.js';
import type { ResolvedLogRequest } from './types.js';

/** Which parts of a request narrow the lines; `except` leaves one facet's own filter out (for its counts). */
export interface WhereOptions {
  range?: boolean;
  exceptFacet?: string;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const wildcardPattern = (value: string) => likeEscape(value).replaceAll('*', '%').replaceAll('?', '_');
const NUMBER = /^-?\d+(\.\d+)?$/;

function termExpr(term: SearchTerm, req: ResolvedLogRequest): ExprNode {
  if (term.kind === 'text') {
    const pattern = `%${likeEscape(term.text)}%`;
    const texts = req.columns.filter((c) => TEXT_TYPE.test(c.type)).map((c) => c.name);
    const msg = messageExpr(req.roles);
    const targets: ExprNode[] = texts.map((t) => column(t));
    if (msg && !req.roles.message.every((m) => texts.includes(m))) targets.push(msg);
    return or(...targets.map((t) => ilike(t, pattern)));
  }
  const col = column(term.field);
  if (term.op === '=') return ilike(cast(col, 'TEXT'), wildcardPattern(term.value));
  const type = req.columns.find((c) => c.name === term.field)?.type ?? '';
  if (isNumberType(type) && !NUMBER.test(term.value)) {
    throw new SightlineError(
      `The search term ${term.field}:${term.op}${term.value} compares the number column "${term.field}" with "${term.value}", which is not a number.`,
      { hints: [`Compare it with a number, e.g. ${term.field}:${term.op}500.`] },
    );
  }
  const value = NUMBER.test(term.value) ? Number(term.value) : term.value;
  const ops = { '>': gt, '>=': gte, '<': lt, '<=': lte } as const;
  return ops[term.op](col, value);
}

/** The WHERE conditions of a view: time range, facet selections, search terms and pattern, all as bound literals. */
export function whereOf(req: ResolvedLogRequest, options: WhereOptions = {}): ExprNode[] {
  const conds: ExprNode[] = [];
  const t = timeExpr(req.roles);
  if (req.range && options.range !== false) {
    if (!t) {
      throw new SightlineError(
        `"${req.table}" has no time column, so it cannot be narrowed to a time range.`,
        {
          hints: ['Pick the column that holds the time of each line in the roles.'],
        },
      );
    }
    conds.push(gte(t, cast(req.range.from, 'TIMESTAMPTZ')), lt(t, cast(req.range.to, 'TIMESTAMPTZ')));
  }
  for (const f of req.filters ?? []) {
    if (f.column === options.exceptFacet || f.values.length === 0) continue;
    const col = column(f.column);
    const present = f.values.filter((v) => v !== null) as (string | number | boolean)[];
    const parts: ExprNode[] = [];
    if (present.length) parts.push(isIn(col, present));
    if (present.length < f.values.length) parts.push(isNull(col));
    conds.push(or(...parts));
  }
  const fields = req.columns.map((c) => c.name);
  for (const term of parseSearch(req.search ?? '', fields)) {
    const e = termExpr(term, req);
    conds.push(term.negated ? or(not(e), isNull(e)) : e);
  }
  if (req.pattern !== undefined) {
    const msg = messageExpr(req.roles);
    if (!msg) {
      throw new SightlineError(
        `"${req.table}" has no message column, so lines cannot be grouped into patterns.`,
        {
          hints: ['Pick the column that holds the text of each line in the roles.'],
        },
      );
    }
    conds.push(regexpMatch(msg, templateRegex(req.pattern)));
  }
  return conds;
}

/** All conditions joined with AND (TRUE when there are none). */
export function whereAll(req: ResolvedLogRequest, options: WhereOptions = {}): ExprNode {
  return and(...whereOf(req, options));
}
